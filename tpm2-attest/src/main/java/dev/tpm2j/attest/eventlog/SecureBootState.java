package dev.tpm2j.attest.eventlog;

/**
 * What the log says about UEFI Secure Boot, from the SecureBoot variable measured into PCR 7. Only an event whose
 * digests are the hash of its data counts, so a log cannot claim "on" while extending something else.
 */
public sealed interface SecureBootState {
    /** SecureBoot = 1 was measured. */
    record Enabled() implements SecureBootState {
    }

    /** SecureBoot = 0 (or empty) was measured. */
    record Disabled() implements SecureBootState {
    }

    /** No usable SecureBoot measurement; why. */
    record NotMeasured(String why) implements SecureBootState {
    }

    /** The state the first SecureBoot variable event in PCR 7 records. */
    static SecureBootState of(EventLog log) {
        for (TcgEvent e : log.events()) {
            if (e.pcrIndex() != 7 || e.eventType() != EventType.EV_EFI_VARIABLE_DRIVER_CONFIG) {
                continue;
            }
            if (e.content() instanceof EventContent.EfiVariable v && v.isSecureBoot()) {
                if (!e.digestCoversData()) {
                    return new NotMeasured("the SecureBoot event's digest is not the hash of its data (event "
                            + e.number() + ")");
                }
                return v.value().size() >= 1 && v.value().get(0) == 1 ? new Enabled() : new Disabled();
            }
        }
        return new NotMeasured("no SecureBoot variable event in PCR 7");
    }
}
