package dev.tpm2j.cli;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.AikServiceUrl;
import dev.tpm2j.ek.EkCertificateUrls;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.Roca;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmKind;
import dev.tpm2j.ek.TrustBundle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The attestation readiness report: one line per check with pass / warn / fail and the fix. Check ids: tpm20,
 * ek-cert, ek-match, ek-chain, aik-url, roca, virtual-tpm, clock-skew, activation.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Is this TPM ready for attestation (Autopilot, AIK enrollment)? One line per check, with the fix.")
final class DiagnoseCommand extends Subcommand implements Callable<Integer> {
    static final Duration MAX_SKEW = Duration.ofMinutes(10);
    @picocli.CommandLine.Mixin
    TrustOptions trustOptions = new TrustOptions();
    @Option(names = "--reference-time", paramLabel = "ISO8601", description = "the true time, to check clock skew")
    String referenceTime;
    @Option(names = "--time-url", paramLabel = "URL", description = "take the true time from this server's Date header")
    String timeUrl;

    record Check(String id, String status, String detail, String fix) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("status", status);
            m.put("detail", detail);
            m.put("fix", fix);
            return m;
        }
    }

    private final List<Check> checks = new ArrayList<>();

    private void add(String id, String status, String detail, String fix) {
        checks.add(new Check(id, status, detail, fix));
    }

    @Override
    public Integer call() {
        Tpm tpm;
        try {
            tpm = root.openTpm();
            int family = tpm.fixedProperties().getOrDefault(TpmPt.FAMILY_INDICATOR, 0);
            if (family != 0x322E3000) {
                add("tpm20", "fail", "the TPM reports family " + Integer.toHexString(family) + ", not 2.0",
                        "attestation needs a TPM 2.0; update the TPM firmware or enable the TPM 2.0 mode in firmware");
                return report();
            }
            add("tpm20", "pass", "a TPM 2.0 answers over " + tpm.transport(), null);
        } catch (TpmException | IllegalArgumentException e) {
            add("tpm20", "fail", "no TPM 2.0 answered: " + e.getMessage(),
                    "enable the TPM (PTT / fTPM / dTPM) in firmware, or pass --tpm with a reachable TPM");
            return report();
        }
        try (tpm) {
            diagnose(tpm);
        } catch (TpmException e) {
            add("tpm20", "fail", "the TPM stopped answering: " + e.getMessage(), "check the TPM and try again");
        }
        return report();
    }

    private void diagnose(Tpm tpm) {
        EkInventory inv = EkInventory.read(tpm);
        List<EkInventory.EkCertificate> parsed = inv.ekCertificates().stream()
                .filter(e -> e.certificate().isPresent()).toList();
        EkInventory.EkCertificate primary = parsed.isEmpty() ? null : parsed.get(0);

        // ek-cert
        if (primary != null) {
            add("ek-cert", "pass", primary.handle() + ": " + primary.certificate().get().keyType() + " EK certificate ("
                    + primary.slot().label() + ")" + quirkText(primary.certificate().get()), null);
        } else {
            String why = inv.ekCertificates().isEmpty() ? "no EK certificate in NV (NoValidEkCert)"
                    : "EK certificate present but unreadable: " + inv.ekCertificates().get(0).parseProblem().orElse("?");
            add("ek-cert", "fail", why, downloadHint(tpm));
        }

        // ek-match
        List<String> mismatched = new ArrayList<>();
        for (EkInventory.EkCertificate e : parsed) {
            if (!e.matchesTpm().orElse(true)) {
                mismatched.add(e.handle() + ": " + e.matchReason());
            }
        }
        if (parsed.isEmpty()) {
            add("ek-match", "warn", "no EK certificate to compare with the TPM's EK", null);
        } else if (mismatched.isEmpty()) {
            add("ek-match", "pass", "every EK certificate's key is the EK the TPM derives from its template", null);
        } else {
            add("ek-match", "fail", String.join("; ", mismatched), "the certificate belongs to another EK: the EK "
                    + "seed was changed (TPM cleared with a new endorsement seed) or the certificate was written for "
                    + "another TPM; have the OEM re-provision the EK certificate, or use the EK it certifies");
        }

        // ek-chain and aik-url
        TrustBundle bundle = trustOptions.bundle(tpm);
        if (primary == null) {
            add("ek-chain", "fail", "no EK certificate to verify", "see ek-cert");
            add("aik-url", "fail", "no EK certificate to take the issuer key id from", "see ek-cert");
        } else {
            EkChain.Result r = inv.verifyChain(primary, bundle, List.of(), Instant.now(), null);
            if (r.trusted()) {
                add("ek-chain", "pass", r.verdict() + " (" + r.chain().size() + " certificates)", null);
            } else if (bundle.anchors().isEmpty()) {
                add("ek-chain", "warn", "no trust anchors given; " + r.verdict(),
                        "pass --trust with the TPM vendors' root certificates (e.g. the TPM trust bundle)");
            } else {
                add("ek-chain", "fail", r.verdict(), r.missingIssuerUrl().map(u -> "fetch the missing issuer from "
                        + u + " (or run with --aia) and add it to the trust bundle").orElse(
                        "add the missing CA certificates to the trust bundle, or have the OEM repair the NV chain"));
            }
            try {
                AikServiceUrl url = inv.aikServiceUrl(r);
                add("aik-url", "pass", url.url() + (url.differs() ? " (not the naive " + url.naiveUrl()
                        + ", which has no service: the on-TPM chain was walked)" : ""), null);
            } catch (IllegalArgumentException e) {
                add("aik-url", "fail", e.getMessage(), "the EK certificate lacks the key identifiers Windows uses");
            }
        }

        // roca
        List<String> vulnerable = new ArrayList<>();
        for (EkInventory.EkCertificate e : parsed) {
            if (e.certificate().get().publicKey() instanceof RSAPublicKey rsa && Roca.isVulnerable(rsa.getModulus())) {
                vulnerable.add(e.handle());
            }
        }
        if (vulnerable.isEmpty()) {
            add("roca", "pass", "no RSA EK key carries the ROCA fingerprint (CVE-2017-15361)", null);
        } else {
            add("roca", "fail", "ROCA-vulnerable RSA EK in " + String.join(", ", vulnerable)
                    + " (CVE-2017-15361): its private key can be factored", "update the TPM firmware (Infineon "
                    + "advisory) and clear the TPM so a new EK is generated; attestation services reject these keys");
        }

        // virtual-tpm
        TpmKind kind = TpmKind.of(inv.vendor());
        switch (kind.kind()) {
            case "virtual", "simulator" -> add("virtual-tpm", "fail", kind.kind() + ": " + kind.reason(),
                    "Autopilot self-deploying and pre-provisioning need a physical TPM (discrete or firmware)");
            case "unknown" -> add("virtual-tpm", "warn", kind.reason(), null);
            default -> add("virtual-tpm", "pass", kind.kind() + ": " + kind.reason(), null);
        }

        clockSkew();
        activation(tpm, primary);
    }

    private void clockSkew() {
        Instant reference = null;
        String source = null;
        try {
            if (referenceTime != null) {
                reference = Instant.parse(referenceTime);
                source = "--reference-time";
            } else if (timeUrl != null) {
                HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<Void> resp = c.send(HttpRequest.newBuilder(URI.create(timeUrl)).timeout(Duration.ofSeconds(5))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                String date = resp.headers().firstValue("Date").orElseThrow(() -> new IllegalStateException(
                        timeUrl + " sent no Date header"));
                reference = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                source = "the Date header of " + timeUrl;
            }
        } catch (Exception e) {
            add("clock-skew", "warn", "could not get a reference time: " + e.getMessage(), null);
            return;
        }
        if (reference == null) {
            add("clock-skew", "warn", "not checked: pass --reference-time or --time-url", null);
            return;
        }
        Duration skew = Duration.between(reference, Instant.now());
        String detail = "the system clock is " + describe(skew) + " against " + source;
        if (skew.abs().compareTo(MAX_SKEW) > 0) {
            add("clock-skew", "fail", detail, "synchronize the clock (w32tm /resync, timedatectl set-ntp true): AIK "
                    + "certificates are back-dated only 10 minutes, so a larger skew makes them not yet or no longer valid");
        } else {
            add("clock-skew", "pass", detail, null);
        }
    }

    private static String describe(Duration d) {
        long s = d.getSeconds();
        return (s >= 0 ? "ahead by " : "behind by ") + Math.abs(s) / 60 + " min " + Math.abs(s) % 60 + " s";
    }

    private void activation(Tpm tpm, EkInventory.EkCertificate ek) {
        CreatePrimary.Response ekKey = null;
        AikActivation.LoadedAk ak = null;
        try {
            ekKey = ek != null && ek.template().isPresent()
                    ? EkInventory.createEk(tpm, ek, Authorization.endorsement())
                    : tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            CredentialProtection.Credential c = CredentialProtection.make(ekKey.outPublic(), ak.name(), secret);
            byte[] back = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(), ekKey.objectHandle(),
                    ekKey.outPublic(), Authorization.endorsement(), c);
            if (MessageDigest.isEqual(secret, back)) {
                add("activation", "pass", "a trial MakeCredential / ActivateCredential round trip recovered the secret",
                        null);
            } else {
                add("activation", "fail", "ActivateCredential returned a different secret", "report this TPM");
            }
        } catch (TpmException | IllegalArgumentException e) {
            add("activation", "fail", e.getMessage(), "see the response code explanation; an endorsement password, "
                    + "a full object/session table or a disabled endorsement hierarchy are the usual causes");
        } finally {
            if (ak != null) {
                tpm.flushQuietly(ak.handle());
            }
            if (ekKey != null) {
                tpm.flushQuietly(ekKey.objectHandle());
            }
        }
    }

    private static String quirkText(TpmCertificate c) {
        return c.quirks().isEmpty() ? "" : "; quirks: " + String.join("; ", c.quirks());
    }

    private String downloadHint(Tpm tpm) {
        try {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            tpm.flushQuietly(ek.objectHandle());
            RSAPublicKey key = (RSAPublicKey) PublicKeys.toJca(ek.outPublic());
            String m = EkInventory.readVendor(tpm).manufacturer();
            if (m.equals("AMD")) {
                return "download the EK certificate from " + EkCertificateUrls.amd(key);
            }
            return "download the EK certificate from " + EkCertificateUrls.intel(key)
                    + " (Intel PTT) or have the OEM provision it";
        } catch (TpmException e) {
            return "have the OEM provision the EK certificate";
        }
    }

    private int report() {
        boolean ready = checks.stream().noneMatch(c -> c.status().equals("fail"));
        Map<String, Object> doc = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Check c : checks) {
            list.add(c.json());
            text.append(String.format("%-5s %-12s %s%n", c.status().toUpperCase(), c.id(), c.detail()));
            if (c.fix() != null) {
                text.append("      fix: ").append(c.fix()).append('\n');
            }
        }
        doc.put("checks", list);
        doc.put("ready", ready);
        text.append(ready ? "ready for attestation" : "NOT ready for attestation");
        root.print(spec.commandLine().getOut(), doc, text.toString());
        return ready ? Tpm2jCli.OK : Tpm2jCli.FINDING;
    }
}
