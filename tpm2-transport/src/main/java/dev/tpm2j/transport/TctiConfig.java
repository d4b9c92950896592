package dev.tpm2j.transport;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code key=value,key=value} configuration of tpm2-tools' TCP TCTIs ({@code host}, {@code port}). Malformed
 * input is an {@link IllegalArgumentException} with a one-line message.
 */
public record TctiConfig(String host, int port) {
    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 2321;

    /** Parses {@code host=H,port=P} (either may be omitted) for the given scheme (used in messages). */
    public static TctiConfig parse(String scheme, String config) {
        Map<String, String> kv = new LinkedHashMap<>();
        if (!config.isBlank()) {
            for (String part : config.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(scheme + ": expected key=value, got '" + part + "' in '"
                            + config + "'");
                }
                String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                if (!Set.of("host", "port").contains(key)) {
                    throw new IllegalArgumentException(scheme + ": unknown option '" + key + "' (use host=, port=)");
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
        return new TctiConfig(host, port);
    }
}
