package dev.tpm2j.cli;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ca.AttestationCa;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class EnrollCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    TrustOptions trustOptions = new TrustOptions();
    String akType;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "enroll",
                "The whole AIK enrollment against the in-process reference CA; prints the AIK certificate.");
        s.usageMessage().footer("", "Exit codes: 0 an AIK certificate was issued; 1 enrollment refused or not possible "
                + "(untrusted chain, weak or unsupported EK, no EK certificate); 2 usage error; 3 TPM or I/O error.",
                "Example: tpm2j enroll --trust roots.pem --intermediates intermediates.pem --ak ecc");
        trustOptions.addTo(s);
        s.addOption(CodeModel.option(String.class, () -> akType, v -> akType = v, "--ak").paramLabel("<akType>")
                .defaultValue("rsa").description("rsa (RSA 2048 RSASSA-SHA256) or ecc (P-256 ECDSA-SHA256); default: "
                        + "${DEFAULT-VALUE}").build());
        return s;
    }

    @Override
    public Integer call() throws Exception {
        trustOptions.check();
        try (Tpm tpm = root.openTpm()) {
            AttestationCa ca = AttestationCa.create(trustOptions.bundle(tpm));
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElse(null);
            if (ek == null) {
                spec.commandLine().getErr().println("tpm2j: enrollment not possible: no parseable EK certificate in NV");
                return Tpm2jCli.FINDING;
            }
            EkInventory.LoadedEk ekKey;
            try {
                ekKey = EkInventory.loadEk(tpm, ek, Authorization.endorsement()); // a persistent EK when one matched
            } catch (dev.tpm2j.ek.UnsupportedEkException e) {
                spec.commandLine().getErr().println("tpm2j: enrollment not possible: " + e.getMessage());
                return Tpm2jCli.FINDING;
            }
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(),
                    akType.equalsIgnoreCase("ecc") ? KeyTemplates.AK_ECC_P256 : KeyTemplates.AK_RSA2048);
            try {
                AttestationCa.Challenge ch = ca.challenge(new EkChain.Sourced(ek.certificate().orElseThrow(),
                        "nv:" + ek.handle()), inv.chainCertificates(), ekKey.publicArea(), ak.publicArea(), ak.name());
                byte[] answer = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ekKey.handle(), ekKey.publicArea(), Authorization.endorsement(), ch.credential());
                X509Certificate aik = ca.complete(ch.id(), answer);
                String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(aik.getEncoded()) + "\n-----END CERTIFICATE-----";
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ekIndex", ek.handle());
                doc.put("akName", ak.name().toHex());
                doc.put("aikCertificate", pem);
                doc.put("issuer", aik.getIssuerX500Principal().getName());
                root.print(spec.commandLine().getOut(), doc, pem);
                return Tpm2jCli.OK;
            } catch (dev.tpm2j.ca.AttestationException e) {
                spec.commandLine().getErr().println("tpm2j: enrollment refused: " + e.getMessage());
                return Tpm2jCli.FINDING;
            } catch (dev.tpm2j.ek.UnsupportedEkException e) {
                // a fact about this TPM's EK (e.g. an authPolicy that is neither profile policy), not a usage error
                spec.commandLine().getErr().println("tpm2j: enrollment not possible: " + e.getMessage());
                return Tpm2jCli.FINDING;
            } finally {
                tpm.flushQuietly(ak.handle());
                ekKey.release(tpm);
            }
        }
    }
}
