package dev.tpm2j.core.types;

/**
 * A TPM response code taken apart (Part 2 §6.6): its spec name, format, whether it is a warning, and which handle,
 * parameter or session it blames. Unknown codes are decoded structurally (e.g. {@code TPM_RC_WARN+0x07e}), never as
 * "unknown". Windows TBS codes (0x8028xxxx) keep their full value and their own names.
 *
 * @param code        the raw 32-bit response code
 * @param base        the code without blame bits (e.g. 0x9A2 → 0x0A2); equal to {@code code} for format zero
 * @param name        the spec name of {@code base}
 * @param format      1 for format-one codes, 0 for format-zero codes, -1 for Windows TBS codes
 * @param handle      the blamed handle number (1-based), or null
 * @param parameter   the blamed parameter number (1-based), or null
 * @param session     the blamed session number (1-based), or null
 * @param warning     true for format-zero warnings (TPM_RC_WARN)
 * @param description one plain sentence
 */
public record ResponseCode(int code, int base, String name, int format, Integer handle, Integer parameter,
                           Integer session, boolean warning, String description) {

    /** Decodes any 32-bit response code. */
    public static ResponseCode decode(int code) {
        if (TpmRc.isWindowsCode(code)) {
            TpmRc.Info info = TpmRc.info(code);
            String name = info != null ? info.name() : String.format("TBS_0x%08x", code);
            String desc = info != null ? info.description() : "a Windows TBS / TPM base services error";
            return new ResponseCode(code, code, name, -1, null, null, null, false, desc);
        }
        if ((code & 0xFFFFF000) != 0) {
            String desc = "not a TPM 2.0 response code: the upper 20 bits are set (a TSS layer or platform error?)";
            return new ResponseCode(code, code, String.format("RC_0x%08x", code), 0, null, null, null, false, desc);
        }
        if ((code & TpmRc.RC_FMT1) != 0) {
            int base = TpmRc.RC_FMT1 | (code & 0x3F);
            Integer handle = null;
            Integer parameter = null;
            Integer session = null;
            int n;
            if ((code & 0x040) != 0) {
                n = (code >>> 8) & 0xF;
                parameter = n == 0 ? null : n;
            } else if ((code & 0x800) != 0) {
                n = (code >>> 8) & 0x7;
                session = n == 0 ? null : n;
            } else {
                n = (code >>> 8) & 0x7;
                handle = n == 0 ? null : n;
            }
            TpmRc.Info info = TpmRc.info(base);
            String name = info != null ? info.name() : String.format("TPM_RC_FMT1+0x%03x", base - TpmRc.RC_FMT1);
            String desc = info != null ? info.description() : "a format-one error the spec revision tpm2j knows does not name";
            return new ResponseCode(code, base, name, 1, handle, parameter, session, false, desc);
        }
        if ((code & TpmRc.RC_VER1) == 0) {
            String desc = code == 0 ? "the command succeeded" : "a TPM 1.2 response code (is this a TPM 1.2 device?)";
            String name = code == 0 ? "TPM_RC_SUCCESS" : String.format("TPM_1.2_RC_0x%03x", code);
            return new ResponseCode(code, code, name, 0, null, null, null, false, desc);
        }
        if ((code & 0x400) != 0) {
            return new ResponseCode(code, code, String.format("TPM_RC_VENDOR+0x%03x", code & 0x7F), 0, null, null,
                    null, false, "a vendor-defined response code");
        }
        boolean warning = (code & 0x800) != 0;
        TpmRc.Info info = TpmRc.info(code);
        String name;
        if (info != null) {
            name = info.name();
        } else {
            name = String.format(warning ? "TPM_RC_WARN+0x%03x" : "TPM_RC_VER1+0x%03x", code & 0x7F);
        }
        String desc = info != null ? info.description()
                : warning ? "a warning the spec revision tpm2j knows does not name" : "an error the spec revision tpm2j knows does not name";
        return new ResponseCode(code, code, name, 0, null, null, null, warning, desc);
    }

    public boolean isSuccess() {
        return code == 0;
    }

    /** "(parameter 1)", "(session 2)", "(handle 1)" or "" when nothing is blamed. */
    public String blame() {
        if (parameter != null) {
            return "(parameter " + parameter + ")";
        }
        if (session != null) {
            return "(session " + session + ")";
        }
        if (handle != null) {
            return "(handle " + handle + ")";
        }
        return "";
    }

    /** Like {@code TPM_RC_BAD_AUTH (session 1), 0x000009a2}. */
    @Override
    public String toString() {
        String b = blame();
        return name + (b.isEmpty() ? "" : " " + b) + String.format(", 0x%08x", code);
    }
}
