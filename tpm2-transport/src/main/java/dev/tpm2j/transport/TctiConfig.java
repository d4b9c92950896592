package dev.tpm2j.transport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key=value,key=value} configuration of tpm2-tools' TCP TCTIs ({@code host}, {@code port}) plus tpm2j's
 * {@code timeout} (milliseconds, or with an {@code ms}/{@code s} suffix: the connect and response time bound) and,
 * for mssim, {@code startup=1} (power on, NV on and TPM2_Startup(CLEAR) when opened). Malformed input is an
 * {@link IllegalArgumentException} with a one-line message.
 *
 * @param host    host name or address
 * @param port    TCP port of the command channel
 * @param timeout connect and response timeout, or null for the transport's defaults
 * @param startup whether to bring an mssim simulator up when opening it
 */
public record TctiConfig(String host, int port, Duration timeout, boolean startup) {
    /** The host when none is given. */
    public static final String DEFAULT_HOST = "localhost";
    /** The port when none is given (the simulators' default). */
    public static final int DEFAULT_PORT = 2321;
    /** The longest timeout accepted (10 minutes). */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** A configuration with the transport's default timeouts and no start-up. */
    public TctiConfig(String host, int port) {
        this(host, port, null, false);
    }

    /** Parses {@code host=H,port=P} (either may be omitted) for the given scheme (used in messages). */
    public static TctiConfig parse(String scheme, String config) {
        Map<String, String> kv = new LinkedHashMap<>();
        Set<String> known = scheme.equals("mssim") ? Set.of("host", "port", "timeout", "startup")
                : Set.of("host", "port", "timeout");
        if (!config.isBlank()) {
            for (String part : config.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(scheme + ": expected key=value, got '" + part + "' in '"
                            + config + "'");
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (!known.contains(key)) {
                    throw new IllegalArgumentException(scheme + ": unknown option '" + key + "' (use host=, port=, "
                            + "timeout=" + (known.contains("startup") ? ", startup=" : "") + ")");
                }
                if (kv.put(key, part.substring(eq + 1).strip()) != null) {
                    throw new IllegalArgumentException(scheme + ": option '" + key + "' given twice");
                }
            }
        }
        String host = kv.getOrDefault("host", DEFAULT_HOST);
        if (host.isEmpty()) {
            throw new IllegalArgumentException(scheme + ": empty host");
        }
        int port = DEFAULT_PORT;
        if (kv.containsKey("port")) {
            String p = kv.get("port");
            try {
                port = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(scheme + ": port '" + p + "' is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(scheme + ": port " + port + " is outside 1..65535");
            }
        }
        Duration timeout = kv.containsKey("timeout") ? timeout(scheme, kv.get("timeout")) : null;
        boolean startup = false;
        if (kv.containsKey("startup")) {
            String s = kv.get("startup");
            if (!s.equals("0") && !s.equals("1")) {
                throw new IllegalArgumentException(scheme + ": startup must be 0 or 1, not '" + s + "'");
            }
            startup = s.equals("1");
        }
        return new TctiConfig(host, port, timeout, startup);
    }

    /** Parses {@code 500}, {@code 500ms} or {@code 5s} into a duration within 1 ms..{@link #MAX_TIMEOUT}. */
    public static Duration timeout(String scheme, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (v.endsWith("ms")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1);
            unit = 1000;
        }
        long ms;
        try {
            if (!v.matches("[0-9]{1,9}")) {
                throw new NumberFormatException();
            }
            ms = Long.parseLong(v) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(scheme + ": timeout '" + value + "' is not a duration (e.g. 500, "
                    + "500ms, 5s)");
        }
        if (ms < 1 || ms > MAX_TIMEOUT.toMillis()) {
            throw new IllegalArgumentException(scheme + ": timeout " + value + " is outside 1ms..10 minutes");
        }
        return Duration.ofMillis(ms);
    }
}
