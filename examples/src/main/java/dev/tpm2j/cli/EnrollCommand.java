package dev.tpm2j.cli;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.AttestationCa;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "The whole AIK enrollment against the in-process reference CA; prints the AIK certificate.")
final class EnrollCommand extends Subcommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    TrustOptions trustOptions = new TrustOptions();
    @Option(names = "--ak", defaultValue = "rsa", description = "rsa (RSA 2048 RSASSA-SHA256) or ecc (P-256 ECDSA-SHA256)")
    String akType;

    @Override
    public Integer call() throws Exception {
        try (Tpm tpm = root.openTpm()) {
            AttestationCa ca = AttestationCa.create(Trust.load(tpm, trustOptions.anchors, trustOptions.intermediates));
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow(
                    () -> new IllegalStateException("no parseable EK certificate in NV"));
            CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(),
                    akType.equalsIgnoreCase("ecc") ? KeyTemplates.AK_ECC_P256 : KeyTemplates.AK_RSA2048);
            try {
                AttestationCa.Challenge ch = ca.challenge(new EkChain.Sourced(ek.certificate().orElseThrow(),
                        "nv:" + ek.handle()), inv.chainCertificates(), ekKey.outPublic(), ak.publicArea(), ak.name());
                byte[] answer = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ekKey.objectHandle(), ekKey.outPublic(), Authorization.endorsement(), ch.credential());
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
            } catch (dev.tpm2j.ek.AttestationException e) {
                spec.commandLine().getErr().println("tpm2j: enrollment refused: " + e.getMessage());
                return Tpm2jCli.FINDING;
            } finally {
                tpm.flushQuietly(ak.handle());
                tpm.flushQuietly(ekKey.objectHandle());
            }
        }
    }
}
