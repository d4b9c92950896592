package dev.tpm2j.attest.eventlog;

import dev.tpm2j.attest.HashBank;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.core.marshal.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** go-attestation's Secure Boot rules over the PCR 7 events of a log whose PCR 7 a quote vouches for. */
final class SecureBootRules {
    private static final int PCR = 7;

    private SecureBootRules() {
    }

    static SecureBootState evaluate(EventLog log, PcrValues verified) {
        String unverified = pcr7Problem(log, verified);
        if (unverified != null) {
            return new SecureBootState.Unverified(unverified);
        }
        boolean separator = false;
        boolean authority = false;
        Boolean enabled = null;
        Set<String> seen = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (TcgEvent e : log.events()) {
            if (e.pcrIndex() != PCR || !e.extended()) {
                continue;
            }
            String at = " (event " + e.number() + ")";
            switch (e.eventType()) {
                case EventType.EV_SEPARATOR -> {
                    if (separator) {
                        return refused("a second separator in PCR 7" + at);
                    }
                    separator = true;
                    if (!Arrays.equals(e.data().toByteArray(), new byte[4]) || !e.digestCoversData()) {
                        return refused("the PCR 7 separator is not 00000000 with its digest" + at);
                    }
                }
                case EventType.EV_EFI_ACTION -> {
                    String text = new String(e.data().toByteArray(), StandardCharsets.US_ASCII);
                    if (text.equals("UEFI Debug Mode")) {
                        return refused("a UEFI debugger was present during boot" + at);
                    }
                    if (!text.equals("DMA Protection Disabled") || !e.digestCoversData()) {
                        return refused("unexpected EV_EFI_ACTION in PCR 7" + at);
                    }
                }
                case EventType.EV_EFI_VARIABLE_DRIVER_CONFIG -> {
                    if (!(e.content() instanceof EventContent.EfiVariable v)) {
                        return refused("a PCR 7 variable event does not decode" + at);
                    }
                    if (!seen.add(v.name())) {
                        return refused("variable " + v.name() + " measured twice" + at);
                    }
                    if (separator) {
                        return refused("variable " + v.name() + " measured after the separator" + at);
                    }
                    if (!e.digestCoversData()) {
                        return refused("the digest of variable " + v.name() + " is not the hash of its data" + at);
                    }
                    if (v.name().equals("SecureBoot")) {
                        if (v.value().size() != 1) {
                            return refused("SecureBoot is " + v.value().size() + " bytes, not 1" + at);
                        }
                        enabled = v.value().get(0) == 1;
                    } else if (Set.of("PK", "KEK", "db", "dbx").contains(v.name())) {
                        long n = EfiSignatureLists.count(v.value().toByteArray());
                        if (n < 0) {
                            return refused("variable " + v.name() + " is not a list of EFI signature lists" + at);
                        }
                        if (n > 0) {
                            keys.add(v.name());
                        }
                    }
                }
                case EventType.EV_EFI_VARIABLE_AUTHORITY -> {
                    if (!(e.content() instanceof EventContent.EfiVariable)) {
                        return refused("a PCR 7 authority event does not decode" + at);
                    }
                    if (e.dataForged()) {
                        return refused("the digest of an authority event is not the hash of its data" + at);
                    }
                    authority = true;
                }
                default -> {
                    return refused("unexpected event type " + e.typeName() + " in PCR 7" + at);
                }
            }
        }
        if (enabled == null || !enabled) {
            return new SecureBootState.Disabled();
        }
        if (!authority) {
            return refused("Secure Boot enabled but no key was used (no authority event)");
        }
        for (String required : new String[] {"PK", "KEK", "db"}) {
            if (!keys.contains(required)) {
                return refused("Secure Boot enabled but " + required + " holds no keys or hashes");
            }
        }
        return new SecureBootState.Enabled();
    }

    private static SecureBootState refused(String why) {
        return new SecureBootState.Refused(why);
    }

    /** Null when some verified PCR 7 value is in a bank of the log and every one equals the replay; else why not. */
    private static String pcr7Problem(EventLog log, PcrValues verified) {
        ReplayedPcrs replayed = log.replay();
        boolean any = false;
        for (int bank : verified.banks().keySet()) {
            Bytes quoted = verified.value(bank, PCR);
            if (quoted == null || !replayed.hasBank(bank)) {
                continue;
            }
            if (!MessageDigest.isEqual(quoted.toByteArray(), replayed.value(bank, PCR).toByteArray())) {
                return "the log's PCR 7 does not replay to the quoted " + HashBank.name(bank) + ":7";
            }
            any = true;
        }
        return any ? null : "no quote-verified PCR 7 value in a bank the log carries";
    }
}
