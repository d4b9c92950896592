package dev.tpm2j.diagnose.readiness;

import dev.tpm2j.diagnose.explain.AutopilotEvents;
import java.util.List;

/**
 * The autopilot-events check (Windows only): reads the Autopilot and device registration event channels through
 * {@link AutopilotEvents#read()} and fails when they log an attestation failure with a cause in the TPM, naming the
 * checks that confirm or rule out each cause. Elsewhere it does not apply.
 */
final class AutopilotEventsCheck {
    static final String ID = "autopilot-events";

    private AutopilotEventsCheck() {
    }

    static Check check(ReadinessContext ctx) {
        return from(AutopilotEvents.read());
    }

    /** The finding for what reading the channels gave. */
    static Check from(AutopilotEvents.Result result) {
        if (result instanceof AutopilotEvents.Result.NotOnWindows n) {
            return Check.notApplicable(ID, "not on Windows (" + n.os()
                    + "): the Autopilot event channel exists only there");
        }
        if (result instanceof AutopilotEvents.Result.Failed f) {
            return Check.notChecked(ID, "could not read the Autopilot event channels: " + f.why(), "run as an "
                    + "administrator, or export the channel with wevtutil qe " + AutopilotEvents.AUTOPILOT_CHANNEL
                    + " /f:xml and run tpm2j explain --logs on its folder");
        }
        AutopilotEvents.Result.Read r = (AutopilotEvents.Result.Read) result;
        return r.tpmCauseLogged() ? Check.fail(ID, r.detail(), fix(r.checks())) : Check.pass(ID, r.detail());
    }

    private static String fix(List<String> checks) {
        List<String> others = checks.stream().filter(c -> !c.endsWith("--only " + ID)).toList();
        if (others.isEmpty()) {
            return "the events name a TPM cause; run tpm2j diagnose and tpm2j explain on the logged codes";
        }
        return "the events name TPM causes; confirm or rule out each with " + String.join(", ", others);
    }
}
