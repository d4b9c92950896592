package dev.tpm2j.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.device.DevicePcrs;
import dev.tpm2j.attest.device.Quoter;
import dev.tpm2j.attest.eventlog.EventContent;
import dev.tpm2j.attest.eventlog.EventLog;
import dev.tpm2j.attest.eventlog.EventType;
import dev.tpm2j.attest.eventlog.PcrComparison;
import dev.tpm2j.attest.eventlog.SecureBootState;
import dev.tpm2j.attest.eventlog.TcgEvent;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.attest.quote.AttestationReport;
import dev.tpm2j.attest.quote.AttestationVerifier;
import dev.tpm2j.attest.quote.Attested;
import dev.tpm2j.attest.quote.Expectations;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmtHa;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Logs crafted to make the verifier say "Secure Boot: Enabled" for a machine that did not boot that way, each refused
 * by go-attestation's ParseSecurebootState rules (only events of PCR 7 that a verified quote vouches for count;
 * unexpected event types, variables after the separator, duplicates, a SecureBoot value not one byte long, a UEFI
 * debugger, and "enabled" without authority events or PK/KEK/db are refused). The state is always computed against
 * the PCR values the replay produces, as if a quote had vouched for them: the attacker controls the log, not the TPM.
 */
class SecureBootAttackTest {
    private static final int DRIVER_CONFIG = EventType.EV_EFI_VARIABLE_DRIVER_CONFIG;

    private static SecureBootState state(SyntheticLog log) {
        EventLog parsed = EventLog.parse(log.toBytes());
        return parsed.secureBoot(parsed.replay().extended());
    }

    private static SyntheticLog.Event secureBoot(byte... value) {
        return SyntheticLog.Event.of(7, DRIVER_CONFIG, SyntheticLog.efiGlobalVariable("SecureBoot", value));
    }

    @Test
    void anHonestSecureBootLogIsEnabled() {
        assertInstanceOf(SecureBootState.Enabled.class, state(new SyntheticLog().secureBootOn()));
    }

    @Test
    void aUefiDebuggerIsRefused() {
        SyntheticLog log = new SyntheticLog().add(SyntheticLog.Event.of(7, EventType.EV_EFI_ACTION,
                "UEFI Debug Mode".getBytes(StandardCharsets.US_ASCII))).secureBootOn();
        SecureBootState s = state(log);
        assertFalse(s instanceof SecureBootState.Enabled, s.toString());
        assertTrue(s.toString().contains("debugger"), s.toString());
    }

    @Test
    void enabledWithoutPlatformKeysIsRefused() {
        SyntheticLog log = new SyntheticLog().add(secureBoot((byte) 1))
                .add(SyntheticLog.Event.of(7, EventType.EV_SEPARATOR, new byte[4]))
                .add(SyntheticLog.Event.of(7, EventType.EV_EFI_VARIABLE_AUTHORITY,
                        SyntheticLog.imageSecurityVariable("db", SyntheticLog.sha256SignatureList(new byte[32]))));
        SecureBootState s = state(log);
        assertFalse(s instanceof SecureBootState.Enabled, s.toString());
        assertTrue(s.toString().contains("PK"), s.toString());
    }

    @Test
    void aSecureBootVariableAfterTheSeparatorIsRefused() {
        SyntheticLog log = new SyntheticLog().secureBootOn();
        List<SyntheticLog.Event> events = new ArrayList<>(log.events());
        events.add(events.remove(0)); // SecureBoot = 1 now comes after the separator
        SyntheticLog moved = new SyntheticLog();
        events.forEach(moved::add);
        SecureBootState s = state(moved);
        assertFalse(s instanceof SecureBootState.Enabled, s.toString());
        assertTrue(s.toString().contains("after the separator"), s.toString());
    }

    @Test
    void aSecureBootVariableMeasuredTwiceIsRefused() {
        SyntheticLog log = new SyntheticLog().secureBootOn();
        List<SyntheticLog.Event> events = new ArrayList<>(log.events());
        events.add(1, secureBoot((byte) 0));
        SyntheticLog twice = new SyntheticLog();
        events.forEach(twice::add);
        SecureBootState s = state(twice);
        assertFalse(s instanceof SecureBootState.Enabled, s.toString());
        assertTrue(s.toString().contains("twice"), s.toString());
    }

    @Test
    void aSecureBootValueOfTwoBytesIsRefused() {
        SyntheticLog log = new SyntheticLog().secureBootOn();
        List<SyntheticLog.Event> events = new ArrayList<>(log.events());
        events.set(0, secureBoot((byte) 1, (byte) 0));
        SyntheticLog longer = new SyntheticLog();
        events.forEach(longer::add);
        SecureBootState s = state(longer);
        assertFalse(s instanceof SecureBootState.Enabled, s.toString());
        assertTrue(s.toString().contains("2 bytes"), s.toString());
    }

    @Test
    void withoutAQuoteVerifiedPcr7NothingIsEnabled() {
        EventLog log = EventLog.parse(new SyntheticLog().secureBootOn().toBytes());
        SecureBootState none = log.secureBoot(PcrValues.EMPTY);
        assertInstanceOf(SecureBootState.Unverified.class, none);
        // PCR 7 quoted with another value than the log replays to: the log's PCR 7 events are not the TPM's
        SecureBootState other = log.secureBoot(PcrValues.EMPTY.with(TpmAlgId.SHA256, 7, Bytes.of(new byte[32])));
        assertInstanceOf(SecureBootState.Unverified.class, other);
    }

    @Test
    void realLogsGiveGoAttestationsState() {
        for (String name : List.of("coreos_36_shielded_vm_no_secure_boot_eventlog.bin",
                "ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin")) {
            EventLog log = EventLog.parse(TestData.eventLogBytes(name));
            assertInstanceOf(SecureBootState.Disabled.class, log.secureBoot(log.replay().extended()), name);
        }
        EventLog sb = EventLog.parse(TestData.eventLogBytes("sb_cert_eventlog.bin"));
        assertInstanceOf(SecureBootState.Enabled.class, sb.secureBoot(sb.replay().extended()));
    }

    private static SyntheticLog replaced(int index, SyntheticLog.Event with) {
        List<SyntheticLog.Event> events = new ArrayList<>(new SyntheticLog().secureBootOn().events());
        events.set(index, with);
        SyntheticLog out = new SyntheticLog();
        events.forEach(out::add);
        return out;
    }

    @Test
    void aSecureBootValueItsDigestDoesNotCoverIsRefused() {
        byte[] off = SyntheticLog.efiGlobalVariable("SecureBoot", new byte[] {0});
        byte[] on = SyntheticLog.efiGlobalVariable("SecureBoot", new byte[] {1});
        SecureBootState s = state(replaced(0, new SyntheticLog.Event(7, DRIVER_CONFIG, on,
                TpmHash.hash(TpmAlgId.SHA1, off), TpmHash.hash(TpmAlgId.SHA256, off))));
        SecureBootState.Refused r = assertInstanceOf(SecureBootState.Refused.class, s);
        assertTrue(r.why().contains("not the hash of its data"), r.why());
    }

    @Test
    void aPcr7SeparatorSignallingAnErrorIsRefused() {
        SecureBootState s = state(replaced(5, SyntheticLog.Event.of(7, EventType.EV_SEPARATOR, new byte[] {1, 0, 0,
                0})));
        assertInstanceOf(SecureBootState.Refused.class, s);
    }

    @Test
    void anAuthorityItsDigestDoesNotCoverIsRefused() {
        byte[] db = SyntheticLog.imageSecurityVariable("db", SyntheticLog.sha256SignatureList(new byte[32]));
        SecureBootState s = state(replaced(6, new SyntheticLog.Event(7, EventType.EV_EFI_VARIABLE_AUTHORITY, db,
                new byte[20], new byte[32])));
        assertInstanceOf(SecureBootState.Refused.class, s);
    }

    @Test
    void efiActionsInPcr7OtherThanDmaProtectionDisabledAreRefused() {
        SyntheticLog dma = new SyntheticLog().add(SyntheticLog.Event.of(7, EventType.EV_EFI_ACTION,
                "DMA Protection Disabled".getBytes(StandardCharsets.US_ASCII))).secureBootOn();
        assertInstanceOf(SecureBootState.Enabled.class, state(dma));
        SyntheticLog other = new SyntheticLog().add(SyntheticLog.Event.of(7, EventType.EV_EFI_ACTION,
                "Something Else".getBytes(StandardCharsets.US_ASCII))).secureBootOn();
        assertInstanceOf(SecureBootState.Refused.class, state(other));
    }

    @Test
    void secureBootOffNeedsNoKeys() {
        SyntheticLog off = new SyntheticLog().add(secureBoot((byte) 0))
                .add(SyntheticLog.Event.of(7, EventType.EV_SEPARATOR, new byte[4]));
        assertInstanceOf(SecureBootState.Disabled.class, state(off));
    }

    /**
     * Root on a machine booted without Secure Boot (a real log, its events extended into swtpm as firmware would)
     * extends PCR 7 after boot with a SecureBoot = 1 variable, appends that event to the log and retypes the real
     * SecureBoot = 0 event (event types are not measured). The quote verifies and the replay matches, but the state
     * is not Enabled: the retyped event is of a type PCR 7 must not hold, and the new variable follows the separator.
     */
    @Test
    void retypingTheRealSecureBootEventOnSwtpmIsRefused() {
        byte[] real = TestData.eventLogBytes("coreos_36_shielded_vm_no_secure_boot_eventlog.bin");
        EventLog parsed = EventLog.parse(real);
        byte[] sbOn = SyntheticLog.efiGlobalVariable("SecureBoot", new byte[] {1});
        try (Swtpm sim = Swtpm.start(SwtpmOptions.DEFAULT.withPcrBanks("sha1,sha256")); Tpm tpm = sim.openTpm()) {
            for (TcgEvent e : parsed.events()) {
                if (e.extended() && e.pcrIndex() == 7) {
                    DevicePcrs.extend(tpm, 7, List.of(new TpmtHa(TpmAlgId.SHA1, e.digests().get(TpmAlgId.SHA1)),
                            new TpmtHa(TpmAlgId.SHA256, e.digests().get(TpmAlgId.SHA256))));
                }
            }
            // the attack: extend after boot, append the event, retype the real SecureBoot = 0 event
            DevicePcrs.extend(tpm, 7, List.of(new TpmtHa(TpmAlgId.SHA1, Bytes.of(TpmHash.hash(TpmAlgId.SHA1, sbOn))),
                    new TpmtHa(TpmAlgId.SHA256, Bytes.of(TpmHash.hash(TpmAlgId.SHA256, sbOn)))));
            byte[] forged = appendEvent(real, parsed.banks(), 7, DRIVER_CONFIG, sbOn);
            TcgEvent realSb = parsed.events().stream().filter(e -> e.content() instanceof EventContent.EfiVariable v
                    && v.isSecureBoot()).findFirst().orElseThrow();
            ByteBuffer.wrap(forged).order(ByteOrder.LITTLE_ENDIAN).putInt(realSb.offset() + 4,
                    EventType.EV_EFI_VARIABLE_BOOT);

            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_ECC_P256),
                    PasswordSession.empty());
            Load.Response ak = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                    PasswordSession.empty());
            byte[] nonce = new byte[32];
            new SecureRandom().nextBytes(nonce);
            Attested q = Quoter.quote(tpm, ak.objectHandle(),
                    new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 7))), Bytes.of(nonce));
            AttestationReport report = AttestationVerifier.verifyQuote(AttestationKey.of(c.outPublic()),
                    q.message(), q.signature(), Expectations.nonce(Bytes.of(nonce)).withPcrValues(q.pcrValues()));
            assertTrue(report.valid(), report.toString());

            EventLog attacked = EventLog.parse(forged);
            assertInstanceOf(PcrComparison.Matches.class, attacked.replay().compareWith(report.quotedPcrs()),
                    "the forged log replays to the quoted PCR 7");
            SecureBootState s = attacked.secureBoot(report.quotedPcrs());
            assertInstanceOf(SecureBootState.Refused.class, s);
            // the untouched log, against the TPM's PCR 7 before the attack, says Disabled
            assertEquals(EventType.EV_EFI_VARIABLE_BOOT, attacked.events().get(realSb.number()).eventType());
        }
    }

    /** The log with one more TCG_PCR_EVENT2 whose digests (every bank of the log) are the hash of {@code data}. */
    static byte[] appendEvent(byte[] log, List<Integer> banks, int pcr, int type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(log);
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(pcr).putInt(type).putInt(banks.size());
        out.writeBytes(head.array());
        for (int bank : banks) {
            out.write(bank & 0xFF);
            out.write(bank >>> 8);
            out.writeBytes(TpmHash.hash(bank, data));
        }
        ByteBuffer size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length);
        out.writeBytes(size.array());
        out.writeBytes(data);
        return out.toByteArray();
    }
}
