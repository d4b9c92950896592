package dev.tpm2j.cli;

import dev.tpm2j.attest.keyattest.KeyCertifier;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ca.KeyAttestationCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class AttestKeyCommand extends Subcommand implements Callable<Integer>, CodeModel.Built {
    TrustOptions trustOptions = new TrustOptions();
    String keyType;
    Path out;

    @Override
    public CommandSpec model() {
        CommandSpec s = CodeModel.command(this, "attest-key", "The whole key attestation against the in-process "
                + "reference key attestation CA: the CA trusts the EK (certificate chained to --trust), activates a new "
                + "AK, the AK certifies a new signing key (TPM2_Certify) and the CA issues the key's certificate with "
                + "the issuance policy 1.3.6.1.4.1.311.21.31 (EK certificate chained).",
                "--json prints {\"ekTrust\", \"issuancePolicy\", \"keyName\", \"certificate\"}.");
        s.usageMessage().footer("", "Exit codes: 0 certificate issued, 1 refused by the CA, 2 usage error, 3 TPM or I/O "
                + "error.", "", "Example: tpm2j attest-key --tpm sim --key ecc --out key.pem");
        trustOptions.addTo(s);
        s.addOption(CodeModel.option(String.class, () -> keyType, v -> keyType = v, "--key").paramLabel("<keyType>")
                .defaultValue("rsa")
                .description("the key to create and attest: rsa (RSA 2048) or ecc (P-256) (default: ${DEFAULT-VALUE})")
                .build());
        s.addOption(CodeModel.option(Path.class, () -> out, v -> out = v, "--out").paramLabel("FILE")
                .description("also write the key certificate (PEM) here").build());
        return s;
    }

    @Override
    public Integer call() throws Exception {
        trustOptions.check();
        try (Tpm tpm = root.openTpm()) {
            KeyAttestationCa ca = new KeyAttestationCa(trustOptions.bundle(tpm), Set.of(), Clock.systemUTC(),
                    Duration.ofMinutes(5));
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.EkCertificate ek = inv.primaryEkCertificate().orElseThrow(
                    () -> new IllegalStateException("no parseable EK certificate in NV"));
            CreatePrimary.Response ekKey = EkInventory.createEk(tpm, ek, Authorization.endorsement());
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
            try {
                KeyAttestationCa.Challenge ch = ca.challenge(new KeyAttestationCa.EkEvidence(ekKey.outPublic(),
                        new EkChain.Sourced(ek.certificate().orElseThrow(), "nv:" + ek.handle()),
                        inv.chainCertificates()), ak.publicArea(), ak.name());
                byte[] answer = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ekKey.objectHandle(), ekKey.outPublic(), Authorization.endorsement(), ch.credential());
                tpm.flushContext(ekKey.objectHandle());
                CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
                KeyCertifier.CertifiedKey key;
                try {
                    key = KeyCertifier.createAndCertify(tpm, srk.objectHandle(), ak.handle(),
                            keyType.equalsIgnoreCase("ecc") ? KeyCertifier.SIGNING_ECC_P256
                                    : KeyCertifier.SIGNING_RSA2048, ch.certifyNonce());
                    tpm.flushContext(key.handle());
                } finally {
                    tpm.flushQuietly(srk.objectHandle());
                }
                X509Certificate cert = ca.complete(ch.id(), answer, key.publicArea(), key.certify().message(),
                        key.certify().signature());
                String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----";
                if (out != null) {
                    Files.writeString(out, pem + "\n");
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("ekTrust", ch.ekTrust().getClass().getSimpleName());
                doc.put("issuancePolicy", ch.ekTrust().issuancePolicy());
                doc.put("keyName", dev.tpm2j.core.crypto.Names.object(key.publicArea()).toHex());
                doc.put("certificate", pem);
                root.print(spec.commandLine().getOut(), doc, pem);
                return Tpm2jCli.OK;
            } catch (dev.tpm2j.ca.AttestationException e) {
                return Tpm2jCli.report(spec.commandLine(), e, "key attestation refused: " + e.getMessage(),
                        Tpm2jCli.FINDING);
            } finally {
                tpm.flushQuietly(ak.handle());
                tpm.flushQuietly(ekKey.objectHandle());
            }
        }
    }

}
