package dev.tpm2j.core.types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Windows codes that stand in for TPM response codes: the TPM Services facility 0x8028xxxx (TBS_E_* at 0x80284xxx,
 * the TBS command-blocking TPM_E_* at 0x802804xx, and TPM_20_E_* = 0x80280000 + a TPM 2.0 response code) and the TPM
 * Software facility 0x8029xxxx (TPMAPI_E_*, the Platform Crypto Provider's TPM_E_PCP_*), and the TPM 1.2-family
 * TPM_E_* codes (0x80280001–0x80280063, 0x80280800–0x80280803). Names from winerror.h only: a code winerror.h does
 * not name gets no name here (the resource {@code winerror-tpm.txt} holds the codes beyond the table below).
 */
public final class WindowsTpmRc {
    private WindowsTpmRc() {
    }

    /** The TPM Services facility (TBS, TPM_20_E): {@code 0x8028xxxx}. */
    public static final int FACILITY_TPM_SERVICES = 0x80280000;
    /** The TPM Software facility (TPMAPI, PCP): {@code 0x8029xxxx}. */
    public static final int FACILITY_TPM_SOFTWARE = 0x80290000;

    private static final Map<Integer, TpmRc.Info> INFO = new HashMap<>();

    private static void def(int code, String name, String description) {
        INFO.put(code, new TpmRc.Info(name, description));
    }

    static {
        def(0x80280400, "TPM_E_COMMAND_BLOCKED", "Windows TBS blocked this command (it is on the TBS block list for this user)");
        def(0x80280401, "TPM_E_INVALID_HANDLE", "Windows TBS: the handle is not valid in this context");
        def(0x80280402, "TPM_E_DUPLICATE_VHANDLE", "Windows TBS: duplicate virtual handle");
        def(0x80280403, "TPM_E_EMBEDDED_COMMAND_BLOCKED", "Windows TBS: an embedded command is blocked");
        def(0x80280404, "TPM_E_EMBEDDED_COMMAND_UNSUPPORTED", "Windows TBS: an embedded command is not supported");
        def(0x80284001, "TBS_E_INTERNAL_ERROR", "Windows TBS: an internal software error");
        def(0x80284002, "TBS_E_BAD_PARAMETER", "Windows TBS: one or more parameters are not valid");
        def(0x80284003, "TBS_E_INVALID_OUTPUT_POINTER", "Windows TBS: an output pointer is not valid");
        def(0x80284004, "TBS_E_INVALID_CONTEXT", "Windows TBS: the context handle is not valid");
        def(0x80284005, "TBS_E_INSUFFICIENT_BUFFER", "Windows TBS: the output buffer is too small");
        def(0x80284006, "TBS_E_IOERROR", "Windows TBS: an error talking to the TPM");
        def(0x80284007, "TBS_E_INVALID_CONTEXT_PARAM", "Windows TBS: a context parameter is not valid");
        def(0x80284008, "TBS_E_SERVICE_NOT_RUNNING", "Windows TBS: the TBS service is not running");
        def(0x80284009, "TBS_E_TOO_MANY_TBS_CONTEXTS", "Windows TBS: too many contexts are open");
        def(0x8028400A, "TBS_E_TOO_MANY_RESOURCES", "Windows TBS: too many virtual resources");
        def(0x8028400B, "TBS_E_SERVICE_START_PENDING", "Windows TBS: the TBS service is starting");
        def(0x8028400C, "TBS_E_PPI_NOT_SUPPORTED", "Windows TBS: the physical presence interface is not supported");
        def(0x8028400D, "TBS_E_COMMAND_CANCELED", "Windows TBS: the command was canceled");
        def(0x8028400E, "TBS_E_BUFFER_TOO_LARGE", "Windows TBS: the command or response buffer is too large");
        def(0x8028400F, "TBS_E_TPM_NOT_FOUND", "Windows TBS: no compatible TPM was found on this computer");
        def(0x80284010, "TBS_E_SERVICE_DISABLED", "Windows TBS: the TBS service is disabled");
        def(0x80284011, "TBS_E_NO_EVENT_LOG", "Windows TBS: no TCG event log is available");
        def(0x80284012, "TBS_E_ACCESS_DENIED", "Windows TBS: access denied; run elevated or use a command a standard user may send");
        def(0x80284013, "TBS_E_PROVISIONING_NOT_ALLOWED", "Windows TBS: provisioning is not allowed");
        def(0x80284014, "TBS_E_PPI_FUNCTION_UNSUPPORTED", "Windows TBS: the physical presence function is not supported");
        def(0x80284015, "TBS_E_OWNERAUTH_NOT_FOUND", "Windows TBS: the owner authorization value was not found");
        def(0x80284016, "TBS_E_PROVISIONING_INCOMPLETE", "Windows TBS: TPM provisioning did not complete");
        def(0x80290100, "TPMAPI_E_INVALID_STATE", "Windows TPM API: the command buffer is in the wrong state");
        def(0x80290101, "TPMAPI_E_NOT_ENOUGH_DATA", "Windows TPM API: the command buffer holds too little data for the request");
        def(0x80290102, "TPMAPI_E_TOO_MUCH_DATA", "Windows TPM API: the command buffer cannot take more data");
        def(0x80290103, "TPMAPI_E_INVALID_OUTPUT_POINTER", "Windows TPM API: an output parameter is null or not valid");
        def(0x80290104, "TPMAPI_E_INVALID_PARAMETER", "Windows TPM API: an input parameter is not valid");
        def(0x80290105, "TPMAPI_E_OUT_OF_MEMORY", "Windows TPM API: not enough memory for the request");
        def(0x80290106, "TPMAPI_E_BUFFER_TOO_SMALL", "Windows TPM API: the buffer is too small");
        def(0x80290107, "TPMAPI_E_INTERNAL_ERROR", "Windows TPM API: an internal error in the TPM API");
        def(0x80290108, "TPMAPI_E_ACCESS_DENIED", "Windows TPM API: the caller lacks the rights for this operation");
        def(0x80290109, "TPMAPI_E_AUTHORIZATION_FAILED", "Windows TPM API: the authorization information is not valid");
        def(0x8029010A, "TPMAPI_E_INVALID_CONTEXT_HANDLE", "Windows TPM API: the context handle is not valid");
        def(0x8029010B, "TPMAPI_E_TBS_COMMUNICATION_ERROR", "Windows TPM API: talking to TPM Base Services (TBS) failed");
        def(0x8029010C, "TPMAPI_E_TPM_COMMAND_ERROR", "Windows TPM API: the TPM returned an unexpected result");
        def(0x8029010D, "TPMAPI_E_MESSAGE_TOO_LARGE", "Windows TPM API: the message is too large for the encoding scheme");
        def(0x8029010E, "TPMAPI_E_INVALID_ENCODING", "Windows TPM API: the encoding in the blob is not recognized");
        def(0x8029010F, "TPMAPI_E_INVALID_KEY_SIZE", "Windows TPM API: the key size is not valid");
        def(0x80290110, "TPMAPI_E_ENCRYPTION_FAILED", "Windows TPM API: the encryption operation failed");
        def(0x80290111, "TPMAPI_E_INVALID_KEY_PARAMS", "Windows TPM API: the key parameters are not valid");
        def(0x80290112, "TPMAPI_E_INVALID_MIGRATION_AUTHORIZATION_BLOB", "Windows TPM API: the migration authorization blob is not valid");
        def(0x80290113, "TPMAPI_E_INVALID_PCR_INDEX", "Windows TPM API: the PCR index is not valid");
        def(0x80290114, "TPMAPI_E_INVALID_DELEGATE_BLOB", "Windows TPM API: the delegation blob is not valid");
        def(0x80290115, "TPMAPI_E_INVALID_CONTEXT_PARAMS", "Windows TPM API: one or more context parameters are not valid");
        def(0x80290116, "TPMAPI_E_INVALID_KEY_BLOB", "Windows TPM API: the key blob is not valid");
        def(0x80290117, "TPMAPI_E_INVALID_PCR_DATA", "Windows TPM API: the PCR data is not valid");
        def(0x80290118, "TPMAPI_E_INVALID_OWNER_AUTH", "Windows TPM API: the owner authorization data format is not valid");
        def(0x80290119, "TPMAPI_E_FIPS_RNG_CHECK_FAILED", "Windows TPM API: the random number failed the FIPS RNG check");
        def(0x8029011A, "TPMAPI_E_EMPTY_TCG_LOG", "Windows TPM API: the TCG event log has no entries");
        def(0x8029011B, "TPMAPI_E_INVALID_TCG_LOG_ENTRY", "Windows TPM API: an entry in the TCG event log is not valid");
        def(0x8029011C, "TPMAPI_E_TCG_SEPARATOR_ABSENT", "Windows TPM API: a TCG separator is missing from the event log");
        def(0x8029011D, "TPMAPI_E_TCG_INVALID_DIGEST_ENTRY", "Windows TPM API: a digest in a TCG event log entry does not match the TPM");
        def(0x8029011E, "TPMAPI_E_POLICY_DENIES_OPERATION", "Windows TPM API: policy does not allow the requested operation");
        def(0x80290401, "TPM_E_PCP_DEVICE_NOT_READY", "Windows TPM API: the Platform Crypto Provider (PCP) device is not ready");
        def(0x80290402, "TPM_E_PCP_INVALID_HANDLE", "Windows TPM API: the PCP handle is not valid");
        def(0x80290403, "TPM_E_PCP_INVALID_PARAMETER", "Windows TPM API: a PCP parameter is not valid");
        def(0x80290404, "TPM_E_PCP_FLAG_NOT_SUPPORTED", "Windows TPM API: a PCP flag is not supported");
        def(0x80290405, "TPM_E_PCP_NOT_SUPPORTED", "Windows TPM API: the PCP does not support the request");
        def(0x80290406, "TPM_E_PCP_BUFFER_TOO_SMALL", "Windows TPM API: the PCP buffer is too small");
        def(0x80290407, "TPM_E_PCP_INTERNAL_ERROR", "Windows TPM API: an internal error in the PCP");
        def(0x80290408, "TPM_E_PCP_AUTHENTICATION_FAILED", "Windows TPM API: the PCP authorization failed (wrong key password, or the TPM is in DA lockout)");
        def(0x80290409, "TPM_E_PCP_AUTHENTICATION_IGNORED", "Windows TPM API: the PCP device ignored the authorization: the TPM is in dictionary-attack lockout");
        def(0x8029040A, "TPM_E_PCP_POLICY_NOT_FOUND", "Windows TPM API: the PCP policy was not found");
        def(0x8029040B, "TPM_E_PCP_PROFILE_NOT_FOUND", "Windows TPM API: the PCP profile was not found");
        def(0x8029040C, "TPM_E_PCP_VALIDATION_FAILED", "Windows TPM API: the PCP validation failed");
    }

    static {
        try (InputStream in = WindowsTpmRc.class.getResourceAsStream("winerror-tpm.txt")) {
            if (in == null) {
                throw new IllegalStateException("winerror-tpm.txt is missing from tpm2-core");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ", 3);
                int code = (int) Long.parseLong(f[0].substring(2), 16);
                INFO.putIfAbsent(code, new TpmRc.Info(f[1], f.length > 2 ? f[2] : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The winerror.h name of a code in the TPM facilities, or null when winerror.h (as tpm2j knows it) has none. */
    public static String name(int code) {
        TpmRc.Info i = INFO.get(code);
        return i == null ? null : i.name();
    }

    /** True for a TPM 1.2-family TPM_E_* code: 0x80280000–0x802803FF not carrying a TPM 2.0 code, 0x802808xx. */
    public static boolean isTpm12Family(int code) {
        int low = code & 0xFFFF;
        return isTpmServices(code) && !carriesTpm20Code(code) && (low < 0x400 || (low >= 0x800 && low < 0x900));
    }

    /** The name and sentence of a Windows TBS / TPM API code, or null when winerror.h names it not (or tpm2j not). */
    static TpmRc.Info info(int code) {
        return INFO.get(code);
    }

    /** Every Windows code this table names, ascending. */
    public static List<Integer> namedCodes() {
        return INFO.keySet().stream().sorted(Integer::compareUnsigned).toList();
    }

    /** True for 0x8028xxxx (TPM Services: TBS and TPM_20_E). */
    public static boolean isTpmServices(int code) {
        return (code & 0xFFFF0000) == FACILITY_TPM_SERVICES;
    }

    /** True for 0x8029xxxx (TPM Software: TPMAPI and PCP). */
    public static boolean isTpmSoftware(int code) {
        return (code & 0xFFFF0000) == FACILITY_TPM_SOFTWARE;
    }

    /**
     * True when a 0x8028xxxx code carries a TPM 2.0 response code in its low 12 bits (TPM_20_E_*): the upper half
     * of the low word is zero and the code has the TPM 2.0 version bit or the format-one bit set.
     */
    public static boolean carriesTpm20Code(int code) {
        int low = code & 0xFFFF;
        return isTpmServices(code) && low < 0x1000 && (low & 0x180) != 0;
    }
}
