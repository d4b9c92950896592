package dev.tpm2j.transport;

import dev.tpm2j.core.types.ResponseCode;
import java.io.IOException;

/** A Windows TBS call failed; carries the full 0x8028xxxx code and its name (e.g. TBS_E_ACCESS_DENIED). */
public final class TbsException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The full 0x8028xxxx result. */
    private final int code;

    /** The failure of {@code call} with TBS result {@code code}. */
    public TbsException(String call, int code) {
        super(call + " failed: " + ResponseCode.decode(code).name() + String.format(" (0x%08x) — ", code)
                + ResponseCode.decode(code).description());
        this.code = code;
    }

    /** The full 0x8028xxxx result. */
    public int code() {
        return code;
    }

    /** The spec/Windows name of the code. */
    public String codeName() {
        return ResponseCode.decode(code).name();
    }
}
