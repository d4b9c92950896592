package dev.tpm2j.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.device.DevicePcrs;
import dev.tpm2j.attest.device.Quoter;
import dev.tpm2j.attest.eventlog.EventContent;
import dev.tpm2j.attest.eventlog.EventLog;
import dev.tpm2j.attest.eventlog.EventType;
import dev.tpm2j.attest.eventlog.PcrComparison;
import dev.tpm2j.attest.eventlog.SecureBootState;
import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.attest.quote.AttestationReport;
import dev.tpm2j.attest.quote.AttestationVerifier;
import dev.tpm2j.attest.quote.Attested;
import dev.tpm2j.attest.quote.Expectations;
import dev.tpm2j.attest.quote.QualifiedName;
import dev.tpm2j.attest.testing.Tools;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.attest.quote.Verdict;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmtHa;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synthetic boot on a fresh swtpm: write an event log, extend the same digests into the TPM's PCRs (the TPM does
 * the hashing), quote with a fresh nonce, verify the quote, replay the log and compare; tpm2_eventlog replays the
 * same log to the same values. Then change one event and see the mismatch named.
 */
class SyntheticBootTest {
    @Test
    void quoteAndReplayAgreeEndToEndAndAChangedEventIsNamed(@TempDir Path dir) throws Exception {
        SyntheticLog log = new SyntheticLog()
                .add(SyntheticLog.Event.of(0, EventType.EV_S_CRTM_VERSION, "1.0".getBytes(StandardCharsets.UTF_16LE)))
                .secureBootOn()
                .add(SyntheticLog.Event.of(4, EventType.EV_EFI_ACTION,
                        "Calling EFI Application from Boot Option".getBytes(StandardCharsets.US_ASCII)));
        for (int pcr = 0; pcr <= 6; pcr++) {
            log.add(SyntheticLog.Event.of(pcr, EventType.EV_SEPARATOR, new byte[4]));
        }
        byte[] image = SyntheticLog.imageLoad("\\EFI\\BOOT\\BOOTX64.EFI");
        byte[] peHash1 = new byte[20];
        byte[] peHash256 = new byte[32];
        new SecureRandom().nextBytes(peHash256);
        System.arraycopy(peHash256, 0, peHash1, 0, 20);
        log.add(new SyntheticLog.Event(4, EventType.EV_EFI_BOOT_SERVICES_APPLICATION, image, peHash1, peHash256));
        byte[] logBytes = log.toBytes();

        try (Swtpm sim = Swtpm.start(SwtpmOptions.DEFAULT.withPcrBanks("sha1,sha256")); Tpm tpm = sim.openTpm()) {
            for (SyntheticLog.Event e : log.events()) {
                DevicePcrs.extend(tpm, e.pcr(), List.of(new TpmtHa(TpmAlgId.SHA1, Bytes.of(e.sha1())),
                        new TpmtHa(TpmAlgId.SHA256, Bytes.of(e.sha256()))));
            }
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_ECC_P256),
                    PasswordSession.empty());
            Load.Response ak = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                    PasswordSession.empty());
            byte[] nonce = new byte[32];
            new SecureRandom().nextBytes(nonce);
            TpmlPcrSelection sel = new TpmlPcrSelection(List.of(TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 1, 2, 3, 4,
                    5, 6, 7), TpmsPcrSelection.of(TpmAlgId.SHA1, 0, 4, 7)));
            Attested q = Quoter.quote(tpm, ak.objectHandle(), sel, Bytes.of(nonce));
            tpm.flushContext(ak.objectHandle());
            tpm.flushContext(srk.objectHandle());

            // verifier side: the quote first, then the log against the PCR values the quote vouches for
            AttestationReport report = AttestationVerifier.verifyQuote(AttestationKey.of(c.outPublic()),
                    q.message(), q.signature(), Expectations.nonce(Bytes.of(nonce)).withPcrValues(q.pcrValues())
                            .withQualifiedSigner(QualifiedName.ofChild(QualifiedName.ofChild(
                                    QualifiedName.ofHierarchy(TpmRh.OWNER), srk.name()), ak.name())));
            assertInstanceOf(Verdict.Valid.class, report.verdict(), report.toString());
            EventLog parsed = EventLog.parse(logBytes);
            assertInstanceOf(PcrComparison.Matches.class, parsed.replay().compareWith(report.quotedPcrs()));
            assertInstanceOf(SecureBootState.Enabled.class, parsed.secureBoot(report.quotedPcrs()));
            assertTrue(parsed.events().stream().anyMatch(e -> e.content() instanceof EventContent.ImageLoad img
                    && img.devicePathSummary().equals("\\EFI\\BOOT\\BOOTX64.EFI")));

            // tpm2_eventlog replays the same log to the values the TPM reported
            Path file = dir.resolve("synthetic.bin");
            Files.write(file, logBytes);
            String out = Tools.ok(null, "tpm2_eventlog", file.toString());
            for (PcrValues.PcrId id : PcrValues.selected(sel)) {
                String hex = q.pcrValues().value(id.hashAlg(), id.pcr()).toHex();
                assertTrue(out.toLowerCase().contains(hex), "tpm2_eventlog lacks " + id + " = " + hex);
            }

            // a log that lies about the boot application (another image hash) no longer matches: PCR 4 named
            SyntheticLog lying = new SyntheticLog();
            for (SyntheticLog.Event e : log.events()) {
                lying.add(e.type() == EventType.EV_EFI_BOOT_SERVICES_APPLICATION
                        ? new SyntheticLog.Event(e.pcr(), e.type(), e.data(), new byte[20], new byte[32]) : e);
            }
            PcrComparison.Differs d = assertInstanceOf(PcrComparison.Differs.class,
                    EventLog.parse(lying.toBytes()).replay().compareWith(report.quotedPcrs()));
            assertEquals(4, d.pcr());
            assertEquals(TpmAlgId.SHA256, d.hashAlg());
            assertEquals(q.pcrValues().value(TpmAlgId.SHA256, 4), d.expected());
        }
    }
}
