package dev.tpm2j.attest.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.testing.Tools;
import dev.tpm2j.attest.device.DevicePcrs;
import dev.tpm2j.attest.device.Quoter;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.CountingTransport;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.EvictControl;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmRh;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmOptions;
import dev.tpm2j.transport.SwtpmTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Quotes both ways on a real swtpm (SHA-1 and SHA-256 banks): tpm2-tools' {@code tpm2_quote} verified by tpm2j, and
 * tpm2j's quote verified by {@code tpm2_checkquote}; a tampered message, signature, PCR value or nonce is refused by
 * both, tpm2j naming the right verdict. AKs are RSASSA, RSAPSS and ECDSA keys under an SRK.
 */
class QuoteInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TpmlPcrSelection SEL = new TpmlPcrSelection(List.of(
            TpmsPcrSelection.of(TpmAlgId.SHA256, 0, 1, 7), TpmsPcrSelection.of(TpmAlgId.SHA1, 2)));
    private static final String SEL_TEXT = "sha256:0,1,7+sha1:2";
    static Swtpm sim;
    static SwtpmTransport transport;
    static Tpm tpm;
    static Map<String, Ak> aks;

    record Ak(int handle, TpmtPublic pub) {
    }

    @BeforeAll
    static void start() {
        sim = Swtpm.start(SwtpmOptions.DEFAULT.withPcrBanks("sha1,sha256"));
        transport = sim.transport();
        tpm = Tpm.open(transport);
        TpmtPublic pss = new TpmtPublic(TpmAlgId.RSA, TpmAlgId.SHA256, KeyTemplates.AK_ATTRIBUTES, Bytes.EMPTY,
                new TpmsRsaParms(TpmtSymDef.NULL, new TpmtRsaScheme(TpmAlgId.RSAPSS, TpmAlgId.SHA256), 2048, 0),
                new dev.tpm2j.core.types.Tpm2bPublicKeyRsa(Bytes.EMPTY));
        aks = Map.of("rsassa", persistAk(KeyTemplates.AK_RSA2048, 0x81010031),
                "rsapss", persistAk(pss, 0x81010032),
                "ecdsa", persistAk(KeyTemplates.AK_ECC_P256, 0x81010033));
        // make the quoted PCRs non-trivial
        DevicePcrs.extend(tpm, 7, List.of(new dev.tpm2j.core.types.TpmtHa(TpmAlgId.SHA256,
                Bytes.of(new byte[32])), new dev.tpm2j.core.types.TpmtHa(TpmAlgId.SHA1, Bytes.of(new byte[20]))));
    }

    @AfterAll
    static void stop() {
        if (tpm != null) {
            tpm.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static Ak persistAk(TpmtPublic template, int handle) {
        CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
        try {
            Create.Response c = tpm.execute(Create.of(srk.objectHandle(), template), PasswordSession.empty());
            Load.Response l = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                    PasswordSession.empty());
            tpm.execute(new EvictControl(TpmRh.OWNER, l.objectHandle(), handle), PasswordSession.empty());
            tpm.flushContext(l.objectHandle());
            return new Ak(handle, c.outPublic());
        } finally {
            tpm.flushContext(srk.objectHandle());
        }
    }

    /** The AK's public key as tpm2-tools writes it: {@code pem}, or {@code tss} (TPM2B_PUBLIC). */
    private static Path akPublic(Ak ak, Path dir, String format) {
        Path out = dir.resolve("ak." + format);
        transport.disconnect();
        Tools.ok(sim, "tpm2_readpublic", "-c", hex(ak.handle()), "-f", format, "-o", out.toString());
        return out;
    }

    private static String hex(int handle) {
        return String.format("0x%08x", handle);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsassa", "rsapss", "ecdsa"})
    void tpm2QuoteIsVerifiedByTpm2jAndTamperingIsNamed(String kind, @TempDir Path dir) throws Exception {
        Ak ak = aks.get(kind);
        byte[] nonce = new byte[20];
        RANDOM.nextBytes(nonce);
        Path msg = dir.resolve("msg");
        Path sig = dir.resolve("sig");
        Path pcrs = dir.resolve("pcrs");
        transport.disconnect();
        Tools.ok(sim, "tpm2_quote", "-c", hex(ak.handle()), "-l", SEL_TEXT, "-q", HexFormat.of().formatHex(nonce),
                "-m", msg.toString(), "-s", sig.toString(), "-o", pcrs.toString(), "-F", "values", "-g", "sha256",
                "--scheme", kind);
        byte[] m = Files.readAllBytes(msg);
        byte[] s = Files.readAllBytes(sig);
        PcrValues values = PcrValues.fromConcatenated(SEL, Files.readAllBytes(pcrs));
        // cross-check the values tpm2-tools wrote with tpm2j's own PCR_Read
        assertEquals(DevicePcrs.read(tpm, SEL), values);
        Expectations exp = Expectations.nonce(Bytes.of(nonce)).withPcrValues(values);
        for (AttestationKey key : List.of(AttestationKey.of(ak.pub()),
                AttestationKey.parse(Files.readAllBytes(akPublic(ak, dir, "pem"))),
                AttestationKey.parse(Files.readAllBytes(akPublic(ak, dir, "tss"))))) {
            AttestationReport ok = AttestationVerifier.verifyQuote(key, m, s, exp);
            assertInstanceOf(Verdict.Valid.class, ok.verdict(), ok.toString());
            assertTrue(ok.pcrDigest().passed());
            assertEquals(SEL, ok.pcrSelection());
        }
        AttestationKey key = AttestationKey.of(ak.pub());
        if (!kind.equals("rsapss")) { // tpm2_checkquote 5.4 cannot verify RSAPSS quotes, even the TPM's own
            Tools.Result tools = checkquote(akPublic(ak, dir, "tss"), msg, sig, pcrs,
                    HexFormat.of().formatHex(nonce));
            assertEquals(0, tools.exitCode(), tools.output());
        }
        // the TPM's signature is over these exact bytes: any change to the message breaks it
        byte[] m2 = m.clone();
        m2[m2.length - 1] ^= 1;
        assertInstanceOf(Verdict.BadSignature.class, AttestationVerifier.verifyQuote(key, m2, s, exp).verdict());
        byte[] s2 = s.clone();
        s2[s2.length - 3] ^= 1;
        assertInstanceOf(Verdict.BadSignature.class, AttestationVerifier.verifyQuote(key, m, s2, exp).verdict());
        byte[] other = nonce.clone();
        other[0] ^= 1;
        AttestationReport wrongNonce = AttestationVerifier.verifyQuote(key, m, s,
                new Expectations(Bytes.of(other), null, null, values, null));
        assertInstanceOf(Verdict.NonceMismatch.class, wrongNonce.verdict());
        assertTrue(wrongNonce.signature().passed());
        PcrValues tampered = values.with(TpmAlgId.SHA256, 7, Bytes.of(new byte[32]));
        AttestationReport badPcr = AttestationVerifier.verifyQuote(key, m, s, exp.withPcrValues(tampered));
        assertInstanceOf(Verdict.PcrDigestMismatch.class, badPcr.verdict());
        // an AK that did not sign it
        AttestationKey otherAk = AttestationKey.of(aks.get(kind.equals("ecdsa") ? "rsassa" : "ecdsa").pub());
        assertInstanceOf(Verdict.SchemeMismatch.class, AttestationVerifier.verifyQuote(otherAk, m, s, exp)
                .verdict());
        // the signer's name is the AK's name
        AttestationReport signer = AttestationVerifier.verifyQuote(key, m, s,
                exp.withQualifiedSigner(Bytes.of(new byte[34])));
        assertInstanceOf(Verdict.SignerMismatch.class, signer.verdict());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsassa", "ecdsa"}) // RSAPSS: see tpm2jRsaPssQuoteIsVerifiedByOpenssl
    void tpm2jQuoteIsVerifiedByTpm2CheckquoteAndTamperingIsRefusedByIt(String kind, @TempDir Path dir)
            throws Exception {
        Ak ak = aks.get(kind);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Attested q = Quoter.quote(tpm, ak.handle(), SEL, Bytes.of(nonce));
        Path pem = akPublic(ak, dir, "tss");
        Path msg = dir.resolve("msg");
        Path sig = dir.resolve("sig");
        Path pcrs = dir.resolve("pcrs");
        Files.write(msg, q.message().toByteArray());
        Files.write(sig, q.signatureBytes());
        Files.write(pcrs, concatenated(q.pcrValues()));
        String n = HexFormat.of().formatHex(nonce);
        Tools.Result checked = checkquote(pem, msg, sig, pcrs, n);
        assertEquals(0, checked.exitCode(), checked.output());
        AttestationReport mine = AttestationVerifier.verifyQuote(AttestationKey.of(ak.pub()), q.message(),
                q.signature(), Expectations.nonce(Bytes.of(nonce)).withPcrValues(q.pcrValues()));
        assertInstanceOf(Verdict.Valid.class, mine.verdict());

        byte[] m2 = q.message().toByteArray();
        m2[m2.length - 1] ^= 1;
        Files.write(dir.resolve("msg2"), m2);
        assertNotEquals(0, checkquote(pem, dir.resolve("msg2"), sig, pcrs, n).exitCode(), "tampered message");
        byte[] s2 = q.signatureBytes();
        s2[s2.length - 3] ^= 1;
        Files.write(dir.resolve("sig2"), s2);
        assertNotEquals(0, checkquote(pem, msg, dir.resolve("sig2"), pcrs, n).exitCode(), "tampered signature");
        byte[] p2 = concatenated(q.pcrValues());
        p2[0] ^= 1;
        Files.write(dir.resolve("pcrs2"), p2);
        assertNotEquals(0, checkquote(pem, msg, sig, dir.resolve("pcrs2"), n).exitCode(), "tampered PCR value");
        byte[] n2 = nonce.clone();
        n2[0] ^= 1;
        assertNotEquals(0, checkquote(pem, msg, sig, pcrs, HexFormat.of().formatHex(n2)).exitCode(),
                "wrong nonce");
    }

    @Test
    void tpm2jRsaPssQuoteIsVerifiedByOpenssl(@TempDir Path dir) throws Exception {
        Ak ak = aks.get("rsapss");
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Attested q = Quoter.quote(tpm, ak.handle(), SEL, Bytes.of(nonce));
        assertEquals(TpmAlgId.RSAPSS, q.signature().sigAlg());
        Path pem = akPublic(ak, dir, "pem");
        Path msg = dir.resolve("msg");
        Path raw = dir.resolve("sig.raw");
        Files.write(msg, q.message().toByteArray());
        Files.write(raw, ((dev.tpm2j.core.types.TpmsSignatureRsa) q.signature().signature()).sig().toByteArray());
        Tools.Result r = Tools.run(null, "openssl", "dgst", "-sha256", "-verify", pem.toString(), "-sigopt",
                "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:auto", "-signature", raw.toString(),
                msg.toString());
        assertEquals(0, r.exitCode(), r.output());
        byte[] m2 = q.message().toByteArray();
        m2[8] ^= 1;
        Files.write(msg, m2);
        assertNotEquals(0, Tools.run(null, "openssl", "dgst", "-sha256", "-verify", pem.toString(), "-sigopt",
                "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:auto", "-signature", raw.toString(),
                msg.toString()).exitCode());
        AttestationReport mine = AttestationVerifier.verifyQuote(AttestationKey.of(ak.pub()), q.message(),
                q.signature(), Expectations.nonce(Bytes.of(nonce)).withPcrValues(q.pcrValues()));
        assertInstanceOf(Verdict.Valid.class, mine.verdict());
    }

    @Test
    void pcrReadPagesThroughEveryBankAndAgreesWithTpm2Pcrread() {
        CountingTransport counting = new CountingTransport(sim.transport());
        try (Tpm t = Tpm.open(counting)) {
            PcrValues all = DevicePcrs.readAll(t);
            assertEquals(List.of(TpmAlgId.SHA1, TpmAlgId.SHA256), List.copyOf(all.banks().keySet()));
            assertEquals(24, all.banks().get(TpmAlgId.SHA256).size());
            assertEquals(24, all.banks().get(TpmAlgId.SHA1).size());
            // one GetCapability, then 48 values at most 8 per PCR_Read
            assertEquals(1, counting.count(TpmCc.GetCapability));
            assertEquals(6, counting.count(TpmCc.PCR_Read));
            ((SwtpmTransport) counting.inner()).disconnect();
            transport.disconnect();
            String out = Tools.ok(sim, "tpm2_pcrread", "sha1:all+sha256:all");
            PcrValues reference = PcrValues.EMPTY;
            int bank = 0;
            Pattern line = Pattern.compile("^\\s+(\\d+)\\s*: 0x([0-9A-Fa-f]+)\\s*$");
            for (String l : out.split("\n")) {
                if (l.trim().startsWith("sha1:")) {
                    bank = TpmAlgId.SHA1;
                } else if (l.trim().startsWith("sha256:")) {
                    bank = TpmAlgId.SHA256;
                }
                Matcher mm = line.matcher(l);
                if (mm.matches()) {
                    reference = reference.with(bank, Integer.parseInt(mm.group(1)), Bytes.fromHex(mm.group(2)));
                }
            }
            assertEquals(reference, all);
            assertNotEquals(Bytes.of(new byte[32]), all.value(TpmAlgId.SHA256, 7), "PCR 7 was extended");
        }
    }

    private static Tools.Result checkquote(Path pem, Path msg, Path sig, Path pcrs, String nonce) {
        return Tools.run(null, "tpm2_checkquote", "-u", pem.toString(), "-m", msg.toString(), "-s", sig.toString(),
                "-f", pcrs.toString(), "-l", SEL_TEXT, "-q", nonce, "-g", "sha256");
    }

    private static byte[] concatenated(PcrValues v) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (PcrValues.PcrId id : PcrValues.selected(SEL)) {
            out.writeBytes(v.value(id.hashAlg(), id.pcr()).toByteArray());
        }
        return out.toByteArray();
    }
}
