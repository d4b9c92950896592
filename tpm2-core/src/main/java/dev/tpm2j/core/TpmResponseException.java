package dev.tpm2j.core;

import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmCc;

/**
 * The TPM answered a command with an error code. Carries the raw code, its spec name and format, the blamed
 * handle / parameter / session, the command, and one human sentence, e.g. "TPM2_NV_Read failed: TPM_RC_SIZE
 * (parameter 1) — the read is larger than the TPM's NV buffer".
 */
public final class TpmResponseException extends TpmException {
    private static final long serialVersionUID = 1L;

    private final int commandCode;
    private final ResponseCode responseCode;
    private final String explanation;

    public TpmResponseException(int commandCode, ResponseCode responseCode, String explanation) {
        super(message(commandCode, responseCode, explanation));
        this.commandCode = commandCode;
        this.responseCode = responseCode;
        this.explanation = explanation != null ? explanation : responseCode.description();
    }

    private static String message(int cc, ResponseCode rc, String explanation) {
        String blame = rc.blame();
        return TpmCc.name(cc) + " failed: " + rc.name() + (blame.isEmpty() ? "" : " " + blame) + " — "
                + (explanation != null ? explanation : rc.description()) + String.format(" [0x%08x]", rc.code());
    }

    /** The raw 32-bit response code. */
    public int code() {
        return responseCode.code();
    }

    /** The decoded response code (name, format, blame). */
    public ResponseCode responseCode() {
        return responseCode;
    }

    public int commandCode() {
        return commandCode;
    }

    /** {@code TPM2_NV_Read} style name of the failed command. */
    public String commandName() {
        return TpmCc.name(commandCode);
    }

    /** The human sentence: a command-specific cause when known, else the code's description. */
    public String explanation() {
        return explanation;
    }

    /** True if the code, without blame bits, equals {@code base} (e.g. {@code TpmRc.BAD_AUTH}). */
    public boolean is(int base) {
        return responseCode.base() == base;
    }
}
