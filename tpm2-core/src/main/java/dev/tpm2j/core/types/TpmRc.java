package dev.tpm2j.core.types;

import java.util.HashMap;
import java.util.Map;

/**
 * TPM_RC response codes (Part 2 §6.6) with spec names and one plain sentence each; the Windows codes that arrive in
 * their place are in {@link WindowsTpmRc}, the tpm2-tss layered codes in {@link Tss2Layer}. Use
 * {@link ResponseCode#decode(int)} to take a code apart.
 */
public final class TpmRc {
    private TpmRc() {
    }

    public static final int SUCCESS = 0x000;
    public static final int BAD_TAG = 0x01E;
    public static final int RC_VER1 = 0x100;
    public static final int INITIALIZE = 0x100;
    public static final int FAILURE = 0x101;
    public static final int SEQUENCE = 0x103;
    public static final int DISABLED = 0x120;
    public static final int EXCLUSIVE = 0x121;
    public static final int AUTH_TYPE = 0x124;
    public static final int AUTH_MISSING = 0x125;
    public static final int POLICY = 0x126;
    public static final int PCR = 0x127;
    public static final int PCR_CHANGED = 0x128;
    public static final int UPGRADE = 0x12D;
    public static final int TOO_MANY_CONTEXTS = 0x12E;
    public static final int AUTH_UNAVAILABLE = 0x12F;
    public static final int REBOOT = 0x130;
    public static final int UNBALANCED = 0x131;
    public static final int COMMAND_SIZE = 0x142;
    public static final int COMMAND_CODE = 0x143;
    public static final int AUTHSIZE = 0x144;
    public static final int AUTH_CONTEXT = 0x145;
    public static final int NV_RANGE = 0x146;
    public static final int NV_SIZE = 0x147;
    public static final int NV_LOCKED = 0x148;
    public static final int NV_AUTHORIZATION = 0x149;
    public static final int NV_UNINITIALIZED = 0x14A;
    public static final int NV_SPACE = 0x14B;
    public static final int NV_DEFINED = 0x14C;
    public static final int BAD_CONTEXT = 0x150;
    public static final int CPHASH = 0x151;
    public static final int PARENT = 0x152;
    public static final int NEEDS_TEST = 0x153;
    public static final int NO_RESULT = 0x154;
    public static final int SENSITIVE = 0x155;
    /** Not currently used (Part 2 keeps the value reserved). */
    public static final int PRIVATE = 0x10B;
    /** Not currently used (Part 2 keeps the value reserved). */
    public static final int HMAC = 0x119;

    public static final int RC_FMT1 = 0x080;
    public static final int ASYMMETRIC = 0x081;
    public static final int ATTRIBUTES = 0x082;
    public static final int HASH = 0x083;
    public static final int VALUE = 0x084;
    public static final int HIERARCHY = 0x085;
    public static final int KEY_SIZE = 0x087;
    public static final int MGF = 0x088;
    public static final int MODE = 0x089;
    public static final int TYPE = 0x08A;
    public static final int HANDLE = 0x08B;
    public static final int KDF = 0x08C;
    public static final int RANGE = 0x08D;
    public static final int AUTH_FAIL = 0x08E;
    public static final int NONCE = 0x08F;
    public static final int PP = 0x090;
    public static final int SCHEME = 0x092;
    public static final int SIZE = 0x095;
    public static final int SYMMETRIC = 0x096;
    public static final int TAG = 0x097;
    public static final int SELECTOR = 0x098;
    public static final int INSUFFICIENT = 0x09A;
    public static final int SIGNATURE = 0x09B;
    public static final int KEY = 0x09C;
    public static final int POLICY_FAIL = 0x09D;
    public static final int INTEGRITY = 0x09F;
    public static final int TICKET = 0x0A0;
    public static final int RESERVED_BITS = 0x0A1;
    public static final int BAD_AUTH = 0x0A2;
    public static final int EXPIRED = 0x0A3;
    public static final int POLICY_CC = 0x0A4;
    public static final int BINDING = 0x0A5;
    public static final int CURVE = 0x0A6;
    public static final int ECC_POINT = 0x0A7;
    /** Part 2 revision 1.83: the command is blocked by the firmware's limits (e.g. a field upgrade is pending). */
    public static final int FW_LIMITED = 0x0A8;
    /** Part 2 revision 1.83: the command is blocked by the firmware's security version number. */
    public static final int SVN_LIMITED = 0x0A9;

    public static final int RC_WARN = 0x900;
    public static final int CONTEXT_GAP = 0x901;
    public static final int OBJECT_MEMORY = 0x902;
    public static final int SESSION_MEMORY = 0x903;
    public static final int MEMORY = 0x904;
    public static final int SESSION_HANDLES = 0x905;
    public static final int OBJECT_HANDLES = 0x906;
    public static final int LOCALITY = 0x907;
    public static final int YIELDED = 0x908;
    public static final int CANCELED = 0x909;
    public static final int TESTING = 0x90A;
    public static final int NV_RATE = 0x920;
    public static final int LOCKOUT = 0x921;
    public static final int RETRY = 0x922;
    public static final int NV_UNAVAILABLE = 0x923;
    public static final int NOT_USED = 0x97F;

    /** Windows: the TBS blocked the command (arrives as the response code of a 10-byte response). */
    public static final int TPM_E_COMMAND_BLOCKED = 0x80280400;

    /** A name and its plain sentence. */
    record Info(String name, String description) {
    }

    private static final Map<Integer, Info> INFO = new HashMap<>();

    private static void def(int code, String name, String description) {
        INFO.put(code, new Info(name, description));
    }

    static {
        def(SUCCESS, "TPM_RC_SUCCESS", "the command succeeded");
        def(BAD_TAG, "TPM_RC_BAD_TAG", "the command tag is not valid (this may be a TPM 1.2 device)");
        def(INITIALIZE, "TPM_RC_INITIALIZE", "the TPM has not been started: TPM2_Startup was not sent since power-on or reset");
        def(FAILURE, "TPM_RC_FAILURE", "the TPM is in failure mode; only GetTestResult and GetCapability work");
        def(SEQUENCE, "TPM_RC_SEQUENCE", "improper use of a sequence handle");
        def(DISABLED, "TPM_RC_DISABLED", "the command is disabled");
        def(EXCLUSIVE, "TPM_RC_EXCLUSIVE", "the command failed because an audit sequence is required exclusivity");
        def(AUTH_TYPE, "TPM_RC_AUTH_TYPE", "the authorization handle is not correct for the command");
        def(AUTH_MISSING, "TPM_RC_AUTH_MISSING", "the command requires an authorization session for a handle and it is not present");
        def(POLICY, "TPM_RC_POLICY", "the policy failure in math operation or an invalid authPolicy value");
        def(PCR, "TPM_RC_PCR", "the PCR check failed");
        def(PCR_CHANGED, "TPM_RC_PCR_CHANGED", "the PCRs changed since the policy session checked them");
        def(UPGRADE, "TPM_RC_UPGRADE", "the TPM is in field-upgrade mode");
        def(TOO_MANY_CONTEXTS, "TPM_RC_TOO_MANY_CONTEXTS", "context ID counter is at its maximum");
        def(AUTH_UNAVAILABLE, "TPM_RC_AUTH_UNAVAILABLE", "the authValue or authPolicy is not available for the selected entity");
        def(REBOOT, "TPM_RC_REBOOT", "a _TPM_Init and Startup(CLEAR) is required before the TPM can resume operation");
        def(UNBALANCED, "TPM_RC_UNBALANCED", "the protection algorithms (hash and symmetric) are not reasonably balanced");
        def(COMMAND_SIZE, "TPM_RC_COMMAND_SIZE", "the command size is not consistent with the bytes sent");
        def(COMMAND_CODE, "TPM_RC_COMMAND_CODE", "the TPM does not implement this command");
        def(AUTHSIZE, "TPM_RC_AUTHSIZE", "the authorization area size is wrong for the command");
        def(AUTH_CONTEXT, "TPM_RC_AUTH_CONTEXT", "an authorization session was given for a command that takes none");
        def(NV_RANGE, "TPM_RC_NV_RANGE", "NV offset plus size is outside the index");
        def(NV_SIZE, "TPM_RC_NV_SIZE", "the requested NV index size is too large for the TPM");
        def(NV_LOCKED, "TPM_RC_NV_LOCKED", "the NV index is locked for reading or writing");
        def(NV_AUTHORIZATION, "TPM_RC_NV_AUTHORIZATION", "this authorization is not allowed for the NV index (check its OWNERREAD/AUTHREAD/PPREAD attributes)");
        def(NV_UNINITIALIZED, "TPM_RC_NV_UNINITIALIZED", "the NV index has never been written");
        def(NV_SPACE, "TPM_RC_NV_SPACE", "the TPM has no NV space left for this index");
        def(NV_DEFINED, "TPM_RC_NV_DEFINED", "an NV index with this handle is already defined");
        def(BAD_CONTEXT, "TPM_RC_BAD_CONTEXT", "the context could not be loaded");
        def(CPHASH, "TPM_RC_CPHASH", "cpHash value already set or not correct for use");
        def(PARENT, "TPM_RC_PARENT", "the handle is not a storage parent");
        def(NEEDS_TEST, "TPM_RC_NEEDS_TEST", "some function needs testing");
        def(NO_RESULT, "TPM_RC_NO_RESULT", "an internal function could not produce a result");
        def(SENSITIVE, "TPM_RC_SENSITIVE", "the sensitive area did not unmarshal correctly after decryption");
        def(PRIVATE, "TPM_RC_PRIVATE", "a reserved value the specification does not use today");
        def(HMAC, "TPM_RC_HMAC", "a reserved value for HMAC failures; current TPMs report TPM_RC_AUTH_FAIL or TPM_RC_BAD_AUTH instead");
        def(ASYMMETRIC, "TPM_RC_ASYMMETRIC", "asymmetric algorithm not supported or not correct");
        def(ATTRIBUTES, "TPM_RC_ATTRIBUTES", "inconsistent attributes");
        def(HASH, "TPM_RC_HASH", "hash algorithm not supported or not appropriate");
        def(VALUE, "TPM_RC_VALUE", "value is out of range or not correct for the context");
        def(HIERARCHY, "TPM_RC_HIERARCHY", "the hierarchy is not enabled or not correct for the use");
        def(KEY_SIZE, "TPM_RC_KEY_SIZE", "the key size is not supported");
        def(MGF, "TPM_RC_MGF", "the mask generation function is not supported");
        def(MODE, "TPM_RC_MODE", "the symmetric mode is not supported");
        def(TYPE, "TPM_RC_TYPE", "the type of the value is not appropriate for the use");
        def(HANDLE, "TPM_RC_HANDLE", "the handle is not correct for the use (is the object or index present?)");
        def(KDF, "TPM_RC_KDF", "unsupported key derivation function or function not appropriate for use");
        def(RANGE, "TPM_RC_RANGE", "the value was out of the allowed range");
        def(AUTH_FAIL, "TPM_RC_AUTH_FAIL", "the authorization HMAC check failed and the dictionary-attack counter was incremented");
        def(NONCE, "TPM_RC_NONCE", "invalid nonce size or nonce value mismatch");
        def(PP, "TPM_RC_PP", "authorization requires assertion of physical presence");
        def(SCHEME, "TPM_RC_SCHEME", "unsupported or incompatible scheme");
        def(SIZE, "TPM_RC_SIZE", "structure is the wrong size");
        def(SYMMETRIC, "TPM_RC_SYMMETRIC", "unsupported symmetric algorithm or key size, or not appropriate for the instance");
        def(TAG, "TPM_RC_TAG", "incorrect structure tag");
        def(SELECTOR, "TPM_RC_SELECTOR", "union selector is incorrect");
        def(INSUFFICIENT, "TPM_RC_INSUFFICIENT", "the TPM was unable to unmarshal a value because there were not enough bytes in the input");
        def(SIGNATURE, "TPM_RC_SIGNATURE", "the signature is not valid");
        def(KEY, "TPM_RC_KEY", "key fields are not compatible with the selected use");
        def(POLICY_FAIL, "TPM_RC_POLICY_FAIL", "a policy check failed");
        def(INTEGRITY, "TPM_RC_INTEGRITY", "integrity check failed");
        def(TICKET, "TPM_RC_TICKET", "invalid ticket");
        def(RESERVED_BITS, "TPM_RC_RESERVED_BITS", "reserved bits not set to zero as required");
        def(BAD_AUTH, "TPM_RC_BAD_AUTH", "authorization failure without dictionary-attack implications (wrong password or policy session)");
        def(EXPIRED, "TPM_RC_EXPIRED", "the policy has expired");
        def(POLICY_CC, "TPM_RC_POLICY_CC", "the commandCode in the policy is not the commandCode of the command");
        def(BINDING, "TPM_RC_BINDING", "public and sensitive portions of an object are not cryptographically bound");
        def(CURVE, "TPM_RC_CURVE", "the curve is not supported");
        def(ECC_POINT, "TPM_RC_ECC_POINT", "the point is not on the required curve");
        def(FW_LIMITED, "TPM_RC_FW_LIMITED", "the firmware's limits do not allow this command now (spec revision 1.83)");
        def(SVN_LIMITED, "TPM_RC_SVN_LIMITED", "the firmware's security version number does not allow this command (spec revision 1.83)");
        def(CONTEXT_GAP, "TPM_RC_CONTEXT_GAP", "the gap for context ID is too large");
        def(OBJECT_MEMORY, "TPM_RC_OBJECT_MEMORY", "out of memory for object contexts: flush transient objects");
        def(SESSION_MEMORY, "TPM_RC_SESSION_MEMORY", "out of memory for session contexts: flush sessions");
        def(MEMORY, "TPM_RC_MEMORY", "out of shared object/session memory or need space for internal operations");
        def(SESSION_HANDLES, "TPM_RC_SESSION_HANDLES", "out of session handles: a session must be flushed");
        def(OBJECT_HANDLES, "TPM_RC_OBJECT_HANDLES", "out of object handles: flush a transient object");
        def(LOCALITY, "TPM_RC_LOCALITY", "bad locality");
        def(YIELDED, "TPM_RC_YIELDED", "the TPM suspended the operation; send the command again");
        def(CANCELED, "TPM_RC_CANCELED", "the command was canceled");
        def(TESTING, "TPM_RC_TESTING", "the TPM is performing self-tests");
        for (int i = 0; i < 7; i++) {
            def(0x910 + i, "TPM_RC_REFERENCE_H" + i, "the handle in handle area " + (i + 1) + " references a transient object or session that is not loaded");
            def(0x918 + i, "TPM_RC_REFERENCE_S" + i, "session " + (i + 1) + " references a session that is not loaded");
        }
        def(NV_RATE, "TPM_RC_NV_RATE", "the TPM is rate-limiting NV writes; try again later");
        def(LOCKOUT, "TPM_RC_LOCKOUT", "authorizations for objects subject to dictionary-attack protection are blocked: the TPM is in DA lockout");
        def(RETRY, "TPM_RC_RETRY", "the TPM was not able to start the command; send it again");
        def(NV_UNAVAILABLE, "TPM_RC_NV_UNAVAILABLE", "the command may require writing NV and NV is not accessible now");
        def(NOT_USED, "TPM_RC_NOT_USED", "this value is reserved and shall not be returned by the TPM");
    }

    /** The spec name and sentence of a TPM code (format zero, or a format-one base without blame bits), or null. */
    static Info info(int code) {
        return INFO.get(code);
    }

    /** Every TPM code this table names (format-zero codes, warnings and format-one bases), in ascending order. */
    public static java.util.List<Integer> namedCodes() {
        return INFO.keySet().stream().sorted().toList();
    }

    /** True for the Windows TBS / TPM_E facility (0x8028xxxx), which must never be masked to 12 bits. */
    public static boolean isWindowsCode(int code) {
        return (code & 0xFFFF0000) == 0x80280000;
    }
}
