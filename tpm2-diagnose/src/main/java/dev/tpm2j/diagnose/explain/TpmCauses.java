package dev.tpm2j.diagnose.explain;

import dev.tpm2j.core.types.ResponseCode;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.diagnose.explain.Check.DiagnoseCheck;
import java.util.ArrayList;
import java.util.List;

/** The causes behind a TPM response code or a Windows TPM stack code, each with its check. */
final class TpmCauses {
    private TpmCauses() {
    }

    private static Check diagnose(DiagnoseCheck c) {
        return new Check.Diagnose(c);
    }

    /** Causes for a code that carries a TPM response code. */
    static List<Cause> of(ResponseCode rc) {
        List<Cause> causes = new ArrayList<>();
        Check decode = new Check.Rc(rc.code());
        int base = rc.base();
        switch (base) {
            case TpmRc.LOCKOUT -> causes.add(Cause.tpm("tpm-lockout", "the TPM is in dictionary-attack lockout after repeated wrong "
                    + "authorizations; it recovers after its lockout interval, or the owner resets it", decode));
            case TpmRc.AUTH_FAIL, TpmRc.BAD_AUTH -> {
                causes.add(Cause.tpm("tpm-auth", "an authorization value or policy did not match (AUTH_FAIL also counts "
                        + "towards dictionary-attack lockout)", decode));
                causes.add(Cause.elsewhere("wrong-auth", "the caller supplied a wrong password or a stale owner authorization "
                        + "(e.g. after a TPM clear)", "the tool or service that sent the command"));
            }
            case TpmRc.FAILURE -> causes.add(Cause.tpm("tpm-fault", "the TPM is in failure mode: a firmware fault; a reboot, "
                    + "then a firmware update, usually clears it", diagnose(DiagnoseCheck.TPM20)));
            case TpmRc.INITIALIZE, TpmRc.REBOOT -> causes.add(Cause.tpm("tpm-not-started", "the TPM was not started (TPM2_Startup) "
                    + "or needs a restart", diagnose(DiagnoseCheck.TPM20)));
            case TpmRc.UPGRADE, TpmRc.FW_LIMITED, TpmRc.SVN_LIMITED -> causes.add(Cause.tpm("tpm-upgrade", "a TPM firmware "
                    + "upgrade is in progress or pending, or the firmware version blocks the command",
                    diagnose(DiagnoseCheck.TPM20)));
            case TpmRc.BAD_TAG -> causes.add(Cause.tpm("not-tpm20", "the device may be a TPM 1.2, or a TPM 2.0 got a TPM 1.2 "
                    + "command; attestation needs TPM 2.0", diagnose(DiagnoseCheck.TPM20)));
            case TpmRc.NV_UNINITIALIZED, TpmRc.NV_RANGE -> causes.add(Cause.tpm("nv-empty", "an NV index (such as an EK "
                    + "certificate index) exists but holds no or less data than read", diagnose(DiagnoseCheck.EK_CERT)));
            case TpmRc.OBJECT_MEMORY, TpmRc.SESSION_MEMORY, TpmRc.OBJECT_HANDLES, TpmRc.SESSION_HANDLES,
                    TpmRc.MEMORY -> causes.add(Cause.elsewhere("tpm-resources", "some software left transient objects or sessions "
                    + "loaded (no resource manager in front of the TPM)", decode));
            case TpmRc.RETRY, TpmRc.YIELDED, TpmRc.TESTING, TpmRc.NV_RATE, TpmRc.NV_UNAVAILABLE ->
                    causes.add(Cause.tpm("tpm-busy", "the TPM is busy (self-test, NV rate limit); send the command again",
                            decode));
            default -> {
                // the generic cause below is the explanation
            }
        }
        if ((rc.base() & TpmRc.RC_VER1) == 0 && rc.format() == 0 && base != TpmRc.BAD_TAG && base != 0) {
            causes.add(Cause.tpm("not-tpm20", "a TPM 1.2 code: the device may be a TPM 1.2, which Autopilot self-deploying and "
                    + "pre-provisioning do not support", diagnose(DiagnoseCheck.TPM20)));
        }
        causes.add(Cause.tpm("tpm-rc", "the TPM rejected the command with " + rc.name() + (rc.blame().isEmpty() ? ""
                : " " + rc.blame()) + ": " + rc.description(), decode));
        return causes;
    }

    /** Causes for a TBS or TPM API code (no TPM response code inside). */
    static List<Cause> windows(ResponseCode rc) {
        List<Cause> causes = new ArrayList<>();
        Check decode = new Check.Rc(rc.code());
        String n = rc.name();
        if (n.equals("TBS_E_TPM_NOT_FOUND") || n.equals("TBS_E_SERVICE_NOT_RUNNING")
                || n.equals("TBS_E_SERVICE_DISABLED") || n.equals("TBS_E_SERVICE_START_PENDING")
                || n.equals("TBS_E_IOERROR") || n.equals("TPM_E_PCP_DEVICE_NOT_READY")) {
            causes.add(Cause.tpm("tpm-not-ready", "no TPM is available to Windows: disabled in firmware (PTT / fTPM / dTPM), "
                    + "missing, or its driver or the TBS service is not running", diagnose(DiagnoseCheck.TPM20)));
        }
        if (n.equals("TBS_E_ACCESS_DENIED") || n.equals("TPMAPI_E_ACCESS_DENIED")
                || n.startsWith("TPM_E_COMMAND_BLOCKED") || n.equals("TPM_E_EMBEDDED_COMMAND_BLOCKED")) {
            causes.add(Cause.elsewhere("not-elevated", "Windows refused the command for this caller: not elevated, or the command "
                    + "is on the TBS block list for standard users", "run the tool elevated"));
        }
        if (rc.origin() == ResponseCode.Origin.WINDOWS_TPM_E) {
            tpm12(n, decode, causes);
        }
        if (n.equals("TPM_E_PCP_AUTHENTICATION_FAILED") || n.equals("TPM_E_PCP_AUTHENTICATION_IGNORED")
                || n.equals("TPMAPI_E_AUTHORIZATION_FAILED")) {
            causes.add(Cause.tpm("tpm-lockout", "the key's authorization failed, or the TPM is in dictionary-attack lockout",
                    decode));
        }
        causes.add(Cause.elsewhere("windows-tpm-stack", "the Windows TPM stack reported " + n + ": " + rc.description(), decode));
        return causes;
    }

    /** The TPM 1.2-family codes Windows reports (TPM_E_*): what the common ones mean for a device. */
    private static void tpm12(String n, Check decode, List<Cause> causes) {
        switch (n) {
            case "TPM_E_DEFEND_LOCK_RUNNING", "TPM_E_AUTHFAIL", "TPM_E_AUTH2FAIL" -> causes.add(Cause.tpm("tpm-lockout",
                    "an authorization failed; repeated failures put the TPM in dictionary-attack lockout", decode));
            case "TPM_E_NOTFIPS" -> causes.add(Cause.tpm("tpm-fips", "the TPM runs in FIPS mode, which Microsoft Entra "
                    + "hybrid join does not support", decode));
            case "TPM_E_DISABLED", "TPM_E_DEACTIVATED", "TPM_E_NO_ENDORSEMENT" -> causes.add(Cause.tpm("tpm-not-ready",
                    "the TPM is disabled, deactivated or has no endorsement key: enable it in the firmware setup",
                    diagnose(DiagnoseCheck.TPM20)));
            case "TPM_E_FAIL", "TPM_E_FAILEDSELFTEST", "TPM_E_IOERROR", "TPM_E_NEEDS_SELFTEST",
                 "TPM_E_DOING_SELFTEST", "TPM_E_RETRY" -> causes.add(Cause.tpm("tpm-fault", "the TPM failed or is "
                    + "still testing itself: restart; if it persists update the TPM firmware",
                    diagnose(DiagnoseCheck.TPM20)));
            default -> causes.add(Cause.tpm("not-tpm20", "a TPM 1.2-family error: on a TPM 2.0 device Windows maps few "
                    + "errors here, so check the TPM version first", diagnose(DiagnoseCheck.TPM20)));
        }
    }
}
