package dev.tpm2j.core;

import dev.tpm2j.core.commands.TpmCommand;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;
import java.util.HexFormat;

/**
 * The command trace: each command and response with the command name, the response code's name and hex, handles,
 * sessions and parameters in hex — with every session hmac field (a password or an HMAC) and the parameters of
 * commands that carry secrets in clear (authValues, sensitive data) left out without their size, and the command and
 * response parameters of commands that carry data (NV contents, credentials) shown only by size unless
 * {@code TPM2J_TRACE=data}. Enabled by {@code TPM2J_TRACE=1} or {@code data} (logged at INFO, so the default handler
 * shows it) or by the logger {@value #LOGGER} at TRACE.
 */
final class CommandTrace {
    /** The logger name the trace is written to. */
    static final String LOGGER = "dev.tpm2j.core.trace";
    private static final System.Logger LOG = System.getLogger(LOGGER);
    private static final HexFormat HEX = HexFormat.of();
    private static final String SETTING = System.getenv("TPM2J_TRACE");
    private static final boolean FORCED = "1".equals(SETTING) || "data".equals(SETTING);
    /** Whether data-carrying commands' parameters are shown ({@code TPM2J_TRACE=data}). */
    private static final boolean SHOW_DATA = "data".equals(SETTING);

    private CommandTrace() {
    }

    private static System.Logger.Level level() {
        return FORCED ? System.Logger.Level.INFO : System.Logger.Level.TRACE;
    }

    static boolean enabled() {
        return LOG.isLoggable(level());
    }

    /**
     * Logs a command from its wire bytes: {@code authEnd} is where the authorization area ends (the parameters
     * follow), or the handle area's end when there are no sessions.
     */
    static void command(TpmCommand<?> command, byte[] wire, int handleCount, boolean sessions) {
        if (enabled()) {
            LOG.log(level(), formatCommand(command, wire, handleCount, sessions, SHOW_DATA));
        }
    }

    /** The trace line of a command with data redacted; never throws, whatever {@code wire} holds. */
    static String formatCommand(TpmCommand<?> command, byte[] wire, int handleCount, boolean sessions) {
        return formatCommand(command, wire, handleCount, sessions, false);
    }

    /** The trace line of a command ({@code showData}: data-carrying parameters in hex); never throws. */
    static String formatCommand(TpmCommand<?> command, byte[] wire, int handleCount, boolean sessions,
                                boolean showData) {
        StringBuilder sb = new StringBuilder();
        sb.append("tpm2j -> ").append(TpmCc.name(command.shape().commandCode())).append(" (").append(wire.length)
                .append(" bytes)");
        int at = 10;
        for (int i = 0; i < handleCount && at + 4 <= wire.length; i++, at += 4) {
            sb.append(i == 0 ? " handles " : ",").append(HEX.formatHex(wire, at, at + 4));
        }
        if (sessions && at + 4 <= wire.length) {
            int authSize = u32(wire, at);
            int end = Math.min(wire.length, at + 4 + authSize);
            at += 4;
            int n = 0;
            while (at + 4 + 2 <= end) {
                sb.append(n++ == 0 ? "; sessions " : ", ").append(HEX.formatHex(wire, at, at + 4));
                at += 4;
                int nonce = u16(wire, at);
                sb.append(" nonce ").append(nonce).append("B");
                at += 2 + nonce;
                if (at + 1 > end) {
                    break;
                }
                sb.append(" attrs ").append(HEX.formatHex(wire, at, at + 1));
                at += 1;
                if (at + 2 > end) {
                    break;
                }
                int hmac = u16(wire, at);
                sb.append(" hmac <redacted>"); // a password's length is a secret too
                at += 2 + hmac;
            }
            at = end;
        }
        if (at < wire.length) {
            if (command.parametersAreSecret()) {
                sb.append("; parameters <redacted>");
            } else if (command.carriesData() && !showData) {
                sb.append("; parameters <data, ").append(wire.length - at).append("B; TPM2J_TRACE=data shows it>");
            } else {
                sb.append("; parameters ").append(HEX.formatHex(wire, at, wire.length));
            }
        }
        return sb.toString();
    }

    /** Logs a response: its code (name and hex) and, on success, its parameter bytes as received. */
    static void response(TpmCommand<?> command, byte[] wire, int rc) {
        if (enabled()) {
            LOG.log(level(), formatResponse(command, wire, rc, SHOW_DATA));
        }
    }

    /** The trace line of a response with data redacted; never throws, whatever {@code wire} holds. */
    static String formatResponse(TpmCommand<?> command, byte[] wire, int rc) {
        return formatResponse(command, wire, rc, false);
    }

    /** The trace line of a response (hmac fields left out; {@code showData}: data in hex); never throws. */
    static String formatResponse(TpmCommand<?> command, byte[] wire, int rc, boolean showData) {
        StringBuilder sb = new StringBuilder();
        sb.append("tpm2j <- ").append(TpmCc.name(command.shape().commandCode())).append(' ');
        if (wire == null) {
            sb.append("(no response)");
        } else {
            sb.append(ResponseCode.decode(rc).name()).append(String.format(" (0x%08x), %d bytes", rc, wire.length));
            if (rc == 0 && wire.length > 10) {
                int at = 10 + 4 * command.shape().responseHandleCount();
                if (at > 10 && at <= wire.length) {
                    sb.append("; handles ").append(HEX.formatHex(wire, 10, at));
                }
                boolean sessions = u16(wire, 0) == 0x8002;
                int end = wire.length;
                if (sessions && at + 4 <= wire.length) {
                    end = (int) Math.min(wire.length, at + 4 + Integer.toUnsignedLong(u32(wire, at)));
                    at += 4;
                }
                if (at <= end && command.carriesData() && !showData) {
                    sb.append("; parameters <data, ").append(end - at).append("B; TPM2J_TRACE=data shows it>");
                } else if (at <= end) {
                    sb.append("; parameters ").append(HEX.formatHex(wire, at, end));
                }
                if (sessions) {
                    sb.append("; session hmacs <redacted>");
                }
            }
        }
        return sb.toString();
    }

    private static int u16(byte[] b, int at) {
        return at + 2 <= b.length ? ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF) : 0;
    }

    private static int u32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
