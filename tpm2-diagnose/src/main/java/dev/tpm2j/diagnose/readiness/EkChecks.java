package dev.tpm2j.diagnose.readiness;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.ek.AikServiceUrl;
import dev.tpm2j.ek.AikServiceUrlException;
import dev.tpm2j.ek.EkCertificateUrls;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.Roca;
import dev.tpm2j.ek.TpmCertificate;
import dev.tpm2j.ek.TpmKind;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;

/** The EK checks: ek-cert, ek-match, ek-chain, aik-url, roca, virtual-tpm. */
final class EkChecks {
    private EkChecks() {
    }

    static Check ekCertificate(ReadinessContext ctx) {
        EkInventory.EkCertificate primary = ctx.primary();
        if (primary != null) {
            return Check.pass("ek-cert", primary.handle() + ": " + primary.certificate().get().keyType()
                    + " EK certificate (" + primary.slot().label() + ")" + quirkText(primary.certificate().get()));
        }
        EkInventory inv = ctx.inventory();
        String why = inv.ekCertificates().isEmpty() ? "no EK certificate in NV (NoValidEkCert)"
                : "EK certificate present but unreadable: " + inv.ekCertificates().get(0).parseProblem().orElse("?");
        return Check.fail("ek-cert", why, downloadHint(ctx));
    }

    static Check ekMatch(ReadinessContext ctx) {
        List<EkInventory.EkCertificate> parsed = ctx.parsedEkCertificates();
        List<String> mismatched = new ArrayList<>();
        for (EkInventory.EkCertificate e : parsed) {
            if (!e.matchesTpm().orElse(true)) {
                mismatched.add(e.handle() + ": " + e.matchReason());
            }
        }
        if (parsed.isEmpty()) {
            return Check.notChecked("ek-match", "not checked: no EK certificate to compare with the TPM's EK",
                    "see ek-cert");
        }
        if (mismatched.isEmpty()) {
            return Check.pass("ek-match", "every EK certificate's key is the EK the TPM derives from its "
                    + "template");
        }
        return Check.fail("ek-match", String.join("; ", mismatched), "the certificate belongs to another EK: "
                + "the EK seed was changed (TPM cleared with a new endorsement seed) or the certificate was written "
                + "for another TPM; have the OEM re-provision the EK certificate, or use the EK it certifies");
    }

    static Check ekChain(ReadinessContext ctx) {
        if (ctx.primary() == null) {
            return Check.fail("ek-chain", "no EK certificate to verify", "see ek-cert");
        }
        EkChain.Result r = ctx.chain();
        if (r.trusted()) {
            return Check.pass("ek-chain", r.verdict() + " (" + r.chain().size() + " certificates)");
        }
        if (ctx.options().trust().anchors().isEmpty()) {
            return Check.notChecked("ek-chain", "not checked: no trust anchors given; " + r.verdict(),
                    "pass --trust with the TPM vendors' root certificates, or leave out --no-default-trust");
        }
        return Check.fail("ek-chain", r.verdict(), r.missingIssuerUrl().map(u -> "get the missing issuer from "
                + u + " (tpm2j fetches it itself unless --offline) and pass it with --intermediates").orElse(
                "pass the missing CA certificates with --intermediates (issuing CAs) or --trust (roots), or have "
                        + "the OEM repair the NV chain"));
    }

    static Check aikUrl(ReadinessContext ctx) {
        if (ctx.primary() == null) {
            return Check.fail("aik-url", "no EK certificate to take the issuer key id from", "see ek-cert");
        }
        EkChain.Result r = ctx.chain();
        try {
            AikServiceUrl url = ctx.inventory().aikServiceUrl(r);
            return Check.pass("aik-url", url.url() + (url.differs() ? " (not the naive " + url.naiveUrl()
                    + ", which has no service: the on-TPM chain was walked)" : ""));
        } catch (AikServiceUrlException e) {
            return Check.fail("aik-url", e.getMessage(), r.trusted()
                    ? "the EK certificate lacks the key identifiers Windows uses"
                    : "see ek-chain: the address is given only for a trusted chain");
        }
    }

    static Check roca(ReadinessContext ctx) {
        List<String> vulnerable = new ArrayList<>();
        for (EkInventory.EkCertificate e : ctx.parsedEkCertificates()) {
            if (e.certificate().get().publicKey() instanceof RSAPublicKey rsa && Roca.isVulnerable(rsa.getModulus())) {
                vulnerable.add(e.handle());
            }
        }
        if (vulnerable.isEmpty()) {
            return Check.pass("roca", "no RSA EK key carries the ROCA fingerprint (CVE-2017-15361)");
        }
        return Check.fail("roca", "ROCA-vulnerable RSA EK in " + String.join(", ", vulnerable)
                + " (CVE-2017-15361): its private key can be factored", "update the TPM firmware (Infineon "
                + "advisory) and clear the TPM so a new EK is generated; attestation services reject these keys");
    }

    static Check virtualTpm(ReadinessContext ctx) {
        TpmKind kind = TpmKind.of(ctx.inventory().vendor());
        if (kind.refusedByAutopilot()) {
            return Check.fail("virtual-tpm", kind.kind() + ": " + kind.reason(),
                    "Autopilot self-deploying and pre-provisioning need a physical TPM (discrete or firmware)");
        }
        if (kind.category() == TpmKind.Category.UNKNOWN) {
            return Check.warn("virtual-tpm", kind.reason(), null);
        }
        return Check.pass("virtual-tpm", kind.kind() + ": " + kind.reason());
    }

    private static String quirkText(TpmCertificate c) {
        return c.quirks().isEmpty() ? "" : "; quirks: " + String.join("; ", c.quirks());
    }

    private static String downloadHint(ReadinessContext ctx) {
        try {
            CreatePrimary.Response ek = ctx.tpm().createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            ctx.tpm().flushQuietly(ek.objectHandle());
            RSAPublicKey key = (RSAPublicKey) PublicKeys.toJca(ek.outPublic());
            String m = ctx.inventory().vendor().manufacturer();
            if (m.equals("AMD")) {
                return "download the EK certificate from " + EkCertificateUrls.amd(key);
            }
            return "download the EK certificate from " + EkCertificateUrls.intel(key)
                    + " (Intel PTT) or have the OEM provision it";
        } catch (TpmException e) {
            return "have the OEM provision the EK certificate";
        }
    }
}
