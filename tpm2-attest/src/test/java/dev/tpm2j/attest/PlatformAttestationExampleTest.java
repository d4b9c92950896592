package dev.tpm2j.attest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.device.DevicePcrs;
import dev.tpm2j.attest.device.Quoter;
import dev.tpm2j.attest.eventlog.EventLog;
import dev.tpm2j.attest.eventlog.EventType;
import dev.tpm2j.attest.eventlog.PcrComparison;
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
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmtHa;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's platform attestation example, compiled and run on swtpm after a synthetic measured boot. */
class PlatformAttestationExampleTest {

    static void attest(Tpm tpm, int akHandle, TpmtPublic akPublic, byte[] eventLog, PrintStream out) {
        // --- begin README example platform
        // verifier: a fresh nonce
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        // device: quote PCRs 0-7 with the AK; the PCR values come along
        TpmlPcrSelection pcrs = new TpmlPcrSelection(List.of(
                TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 1, 2, 3, 4, 5, 6, 7)));
        Attested quote = Quoter.quote(tpm, akHandle, pcrs, Bytes.of(nonce));
        // verifier: signature, magic, type, nonce, PCR digest - then the event log against the values the quote vouches for
        AttestationReport report = AttestationVerifier.verifyQuote(AttestationKey.of(akPublic),
                quote.message(), quote.signature(),
                Expectations.nonce(Bytes.of(nonce)).withPcrValues(quote.pcrValues()));
        EventLog log = EventLog.parse(eventLog);
        PcrComparison replay = log.replay().compareWith(report.quotedPcrs());
        out.println("quote: " + report.verdict().code() + ", event log: " + replay
                + ", Secure Boot: " + log.secureBoot(report.quotedPcrs()));
        // --- end README example platform
    }

    @Test
    void exampleRunsAndTheLogMatchesTheQuote() {
        SyntheticLog boot = new SyntheticLog().secureBootOn()
                .add(SyntheticLog.Event.of(4, EventType.EV_EFI_BOOT_SERVICES_APPLICATION,
                        SyntheticLog.imageLoad("\\EFI\\BOOT\\BOOTX64.EFI")));
        for (int pcr = 0; pcr <= 6; pcr++) {
            boot.add(SyntheticLog.Event.of(pcr, EventType.EV_SEPARATOR, new byte[4]));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Swtpm sim = Swtpm.start(SwtpmOptions.DEFAULT.withPcrBanks("sha1,sha256")); Tpm tpm = sim.openTpm()) {
            for (SyntheticLog.Event e : boot.events()) {
                DevicePcrs.extend(tpm, e.pcr(), List.of(new TpmtHa(TpmAlgId.SHA1, Bytes.of(e.sha1())),
                        new TpmtHa(TpmAlgId.SHA256, Bytes.of(e.sha256()))));
            }
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
            Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_RSA2048),
                    PasswordSession.empty());
            Load.Response ak = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                    PasswordSession.empty());
            attest(tpm, ak.objectHandle(), c.outPublic(), boot.toBytes(),
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
            tpm.flushContext(ak.objectHandle());
            tpm.flushContext(srk.objectHandle());
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("quote: valid, event log: Matches[], Secure Boot: Enabled[]"), printed);
    }
}
