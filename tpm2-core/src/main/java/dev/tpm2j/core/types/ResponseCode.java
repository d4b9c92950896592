package dev.tpm2j.core.types;

/**
 * A response code taken apart: its name, format, whether it is a warning, which handle, parameter or session it
 * blames (Part 2 §6.6), and where it came from. Besides plain TPM codes it decodes the codes that carry or replace
 * one: tpm2-tss layered codes (layer name and TSS2_BASE_RC_* error, or the relayed TPM code for the resource-manager
 * TPM layer), Windows TPM_20_E codes (0x80280000 + a TPM code, decoded as that TPM code), TBS_E_* and TPMAPI_E_*.
 * Unknown codes are decoded structurally (e.g. {@code TPM_RC_WARN+0x07e}), never as "unknown".
 *
 * @param code        the raw 32-bit value as given
 * @param base        the TPM code without blame bits (e.g. 0x9A2 → 0x0A2) when a TPM code is carried, else the layer's
 *                    own error (the low 16 bits for tpm2-tss, the whole value for Windows codes)
 * @param name        the spec name of {@code base} (TPM_RC_*, TSS2_BASE_RC_*, TBS_E_*, TPMAPI_E_* …)
 * @param format      1 for format-one TPM codes, 0 for format-zero TPM codes, -1 when no TPM code is carried
 * @param handle      the blamed handle number (1-based), or null
 * @param parameter   the blamed parameter number (1–15), or null
 * @param session     the blamed session number (1-based), or null
 * @param warning     true for format-zero warnings (TPM_RC_WARN, including vendor warnings)
 * @param description one plain sentence
 * @param origin      which kind of code this is
 */
public record ResponseCode(int code, int base, String name, int format, Integer handle, Integer parameter,
                           Integer session, boolean warning, String description, Origin origin) {

    /** Where a code comes from. */
    public enum Origin {
        /** A TPM 2.0 (or 1.2) response code as the TPM sent it. */
        TPM,
        /** A tpm2-tss layered code (bits 16–23 name the layer). */
        TSS2_LAYER,
        /** A Windows TPM_20_E_* code: 0x80280000 plus the TPM response code it carries. */
        WINDOWS_TPM_20_E,
        /** A Windows TPM 1.2-family code (TPM_E_*: 0x80280000–0x802803FF without a TPM 2.0 code, 0x802808xx). */
        WINDOWS_TPM_E,
        /** A Windows TPM Base Services code (TBS_E_*, TPM_E_* command blocking; facility 0x8028). */
        WINDOWS_TBS,
        /** A Windows TPM API / Platform Crypto Provider code (TPMAPI_E_*, TPM_E_PCP_*; facility 0x8029). */
        WINDOWS_TPMAPI,
        /** Not a code of the TPM, tpm2-tss or the Windows TPM stack (e.g. an HRESULT from elsewhere). */
        NOT_A_TPM_CODE
    }

    /** Decodes any 32-bit value. */
    public static ResponseCode decode(int code) {
        if (WindowsTpmRc.isTpmServices(code)) {
            if (WindowsTpmRc.carriesTpm20Code(code)) {
                return carried(decodeTpm(code & 0xFFF), code, Origin.WINDOWS_TPM_20_E);
            }
            TpmRc.Info info = WindowsTpmRc.info(code);
            boolean tpm12 = WindowsTpmRc.isTpm12Family(code);
            String unnamed = tpm12 ? "a TPM 1.2-family code (TPM_E_ range) that winerror.h does not name"
                    : "a Windows TPM Base Services (TBS) / TPM services code that winerror.h does not name";
            return windows(code, info, unnamed, tpm12 ? Origin.WINDOWS_TPM_E : Origin.WINDOWS_TBS);
        }
        if (WindowsTpmRc.isTpmSoftware(code)) {
            return windows(code, WindowsTpmRc.info(code), "a Windows TPM API / Platform Crypto Provider code that "
                    + "winerror.h does not name", Origin.WINDOWS_TPMAPI);
        }
        if ((code & 0xFF000000) == 0 && (code & 0x00FF0000) != 0) {
            return layered(code);
        }
        if ((code & 0xFFFFF000) != 0) {
            String desc = "not a TPM 2.0 response code: the upper 20 bits are set and it is neither a tpm2-tss layered "
                    + "code nor a Windows TPM code (try `tpm2j explain`)";
            return new ResponseCode(code, code, String.format("RC_0x%08x", code), -1, null, null, null, false, desc,
                    Origin.NOT_A_TPM_CODE);
        }
        return decodeTpm(code);
    }

    /** A Windows code by its winerror.h name; one winerror.h does not name is named by its value, never invented. */
    private static ResponseCode windows(int code, TpmRc.Info info, String unnamed, Origin origin) {
        String name = info != null ? info.name() : String.format("0x%08X", code);
        String desc = info != null && info.description() != null ? info.description() : unnamed;
        return new ResponseCode(code, code, name, -1, null, null, null, false, desc, origin);
    }

    /** The winerror.h name of a Windows TPM code (TPM_20_E_*, TPM_E_*, TBS_E_*, TPMAPI_E_* …), or null. */
    public String windowsName() {
        return origin == Origin.WINDOWS_TPM_20_E || origin == Origin.WINDOWS_TPM_E || origin == Origin.WINDOWS_TBS
                || origin == Origin.WINDOWS_TPMAPI ? WindowsTpmRc.name(code) : null;
    }

    private static ResponseCode carried(ResponseCode tpm, int code, Origin origin) {
        return new ResponseCode(code, tpm.base, tpm.name, tpm.format, tpm.handle, tpm.parameter, tpm.session,
                tpm.warning, tpm.description, origin);
    }

    private static ResponseCode layered(int code) {
        int number = (code >>> 16) & 0xFF;
        int low = code & 0xFFFF;
        Tss2Layer layer = Tss2Layer.of(number);
        if (layer == Tss2Layer.RESMGR_TPM && low < 0x1000) {
            return carried(decodeTpm(low), code, Origin.TSS2_LAYER);
        }
        String label = layer != null ? layer.label() : Integer.toString(number);
        if (layer != null && layer.carriesBaseError()) {
            TpmRc.Info info = Tss2Layer.baseError(low);
            if (info != null) {
                return new ResponseCode(code, low, info.name(), -1, null, null, null, false,
                        info.description(), Origin.TSS2_LAYER);
            }
        }
        return new ResponseCode(code, low, String.format("TSS2_%s_RC+0x%04x", label.toUpperCase(), low), -1, null,
                null, null, false, "error 0x" + Integer.toHexString(low) + " from the tpm2-tss " + label + " layer",
                Origin.TSS2_LAYER);
    }

    private static ResponseCode decodeTpm(int code) {
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
            return new ResponseCode(code, base, name, 1, handle, parameter, session, false, desc, Origin.TPM);
        }
        if (code == TpmRc.BAD_TAG) {
            TpmRc.Info info = TpmRc.info(code);
            return new ResponseCode(code, code, info.name(), 0, null, null, null, false, info.description(), Origin.TPM);
        }
        if ((code & TpmRc.RC_VER1) == 0) {
            String desc = code == 0 ? "the command succeeded" : "a TPM 1.2 response code (is this a TPM 1.2 device?)";
            String name = code == 0 ? "TPM_RC_SUCCESS" : String.format("TPM_1.2_RC_0x%03x", code);
            return new ResponseCode(code, code, name, 0, null, null, null, false, desc, Origin.TPM);
        }
        boolean warning = (code & 0x800) != 0;
        if ((code & 0x400) != 0) {
            return new ResponseCode(code, code, String.format("TPM_RC_VENDOR+0x%03x", code & 0x7F), 0, null, null,
                    null, warning, warning ? "a vendor-defined warning" : "a vendor-defined error", Origin.TPM);
        }
        TpmRc.Info info = TpmRc.info(code);
        String name;
        if (info != null) {
            name = info.name();
        } else {
            name = String.format(warning ? "TPM_RC_WARN+0x%03x" : "TPM_RC_VER1+0x%03x", code & 0x7F);
        }
        String desc = info != null ? info.description()
                : warning ? "a warning the spec revision tpm2j knows does not name" : "an error the spec revision tpm2j knows does not name";
        return new ResponseCode(code, code, name, 0, null, null, null, warning, desc, Origin.TPM);
    }

    /** True for TPM_RC_SUCCESS (and a tpm2-tss or Windows code that wraps it). */
    public boolean isSuccess() {
        return code == 0;
    }

    /** True when the value carries a TPM response code (plain, relayed by a resource manager, or Windows TPM_20_E). */
    public boolean carriesTpmCode() {
        return format >= 0;
    }

    /** The tpm2-tss layer of a layered code (TPM for a plain TPM code), or null for Windows and foreign codes. */
    public Tss2Layer layer() {
        if (origin == Origin.TPM) {
            return Tss2Layer.TPM;
        }
        return origin == Origin.TSS2_LAYER ? Tss2Layer.of((code >>> 16) & 0xFF) : null;
    }

    /**
     * The layer as tpm2-tss names it before the colon ({@code tpm}, {@code tcti}, {@code rmt}, or the number for an
     * unassigned layer); {@code TPM_20_E}, {@code TBS}, {@code TPMAPI} for Windows codes; null for foreign codes.
     */
    public String layerLabel() {
        return switch (origin) {
            case TPM -> "tpm";
            case TSS2_LAYER -> {
                Tss2Layer l = layer();
                yield l != null ? l.label() : Integer.toString((code >>> 16) & 0xFF);
            }
            case WINDOWS_TPM_20_E -> "TPM_20_E";
            case WINDOWS_TPM_E -> "TPM_E";
            case WINDOWS_TBS -> "TBS";
            case WINDOWS_TPMAPI -> "TPMAPI";
            case NOT_A_TPM_CODE -> null;
        };
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

    /** Like {@code TPM_RC_BAD_AUTH (session 1), 0x000009a2} or {@code tcti: TSS2_BASE_RC_BAD_VALUE, 0x000a000b}. */
    @Override
    public String toString() {
        String b = blame();
        String prefix = origin == Origin.TSS2_LAYER || origin == Origin.WINDOWS_TPM_20_E ? layerLabel() + ": " : "";
        return prefix + name + (b.isEmpty() ? "" : " " + b) + String.format(", 0x%08x", code);
    }
}
