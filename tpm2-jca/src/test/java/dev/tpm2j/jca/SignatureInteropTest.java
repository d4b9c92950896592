package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys generated in swtpm through the provider sign (PKCS#1 v1.5, PSS, ECDSA), and OpenSSL verifies every signature
 * with the exported public key; the JDK verifies them too, and neither accepts a signature over other data.
 */
@ExtendWith(SwtpmExtension.class)
class SignatureInteropTest {
    private static Tpm2jProvider provider;
    private static final byte[] DATA = new byte[10_000];

    @BeforeAll
    static void start(Swtpm sim) {
        provider = (Tpm2jProvider) new Tpm2jProvider().configure(sim.tpmSpec());
        new SecureRandom().nextBytes(DATA);
    }

    @AfterAll
    static void stop() {
        provider.disconnect();
    }

    private static KeyPair generate(String alg, java.security.spec.AlgorithmParameterSpec spec, int size)
            throws Exception {
        KeyPairGenerator kpg = KeyPairGenerator.getInstance(alg, provider);
        if (spec != null) {
            kpg.initialize(spec);
        } else {
            kpg.initialize(size);
        }
        return kpg.generateKeyPair();
    }

    private static byte[] sign(String alg, KeyPair kp, PSSParameterSpec pss, byte[] data) throws Exception {
        Signature s = Signature.getInstance(alg, provider);
        s.initSign(kp.getPrivate());
        if (pss != null) {
            s.setParameter(pss);
        }
        s.update(data, 0, 10);
        s.update(data, 10, data.length - 10);
        return s.sign();
    }

    private static void verifyWithOpenssl(Path dir, KeyPair kp, byte[] sig, String md, String... sigopts)
            throws Exception {
        Path pub = Tools.pem(dir, "pub.pem", kp.getPublic());
        Path data = Files.write(dir.resolve("data.bin"), DATA);
        Path sigFile = Files.write(dir.resolve("sig.bin"), sig);
        List<String> args = new ArrayList<>(List.of("dgst", "-" + md, "-verify", pub.toString(), "-signature",
                sigFile.toString()));
        for (String o : sigopts) {
            args.add("-sigopt");
            args.add(o);
        }
        args.add(data.toString());
        Tools.assertVerified(Tools.openssl(args.toArray(new String[0])));
        byte[] other = DATA.clone();
        other[5000] ^= 1;
        Path otherData = Files.write(dir.resolve("other.bin"), other);
        args.set(args.size() - 1, otherData.toString());
        assertNotEquals(0, Tools.openssl(args.toArray(new String[0])).exitCode(), "OpenSSL must refuse other data");
    }

    @Test
    void rsaPkcs1AndPssSignaturesVerifyWithOpenssl(@TempDir Path dir) throws Exception {
        KeyPair kp = generate("RSA", null, 2048);
        assertInstanceOf(TpmRsaPrivateKey.class, kp.getPrivate());
        assertNull(kp.getPrivate().getEncoded());
        assertNull(kp.getPrivate().getFormat());
        for (String md : List.of("sha256", "sha384")) {
            String alg = md.toUpperCase(java.util.Locale.ROOT) + "withRSA";
            byte[] sig = sign(alg, kp, null, DATA);
            assertEquals(256, sig.length);
            verifyWithOpenssl(dir, kp, sig, md);
            Signature v = Signature.getInstance(alg);
            v.initVerify(kp.getPublic());
            v.update(DATA);
            assertTrue(v.verify(sig), alg + " (JDK verify)");
        }
        for (String md : List.of("SHA-256", "SHA-384")) {
            int hLen = md.equals("SHA-256") ? 32 : 48;
            PSSParameterSpec pss = new PSSParameterSpec(md, "MGF1", new MGF1ParameterSpec(md), hLen, 1);
            byte[] sig = sign("RSASSA-PSS", kp, pss, DATA);
            String omd = md.replace("-", "").toLowerCase(java.util.Locale.ROOT);
            verifyWithOpenssl(dir, kp, sig, omd, "rsa_padding_mode:pss", "rsa_pss_saltlen:" + hLen,
                    "rsa_mgf1_md:" + omd);
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.initVerify(kp.getPublic());
            v.setParameter(pss);
            v.update(DATA);
            assertTrue(v.verify(sig), "PSS " + md + " (JDK verify)");
        }
    }

    @Test
    void ecdsaSignaturesVerifyWithOpensslOnP256AndP384(@TempDir Path dir) throws Exception {
        for (String curve : List.of("secp256r1", "secp384r1")) {
            KeyPair kp = generate("EC", new ECGenParameterSpec(curve), 0);
            assertInstanceOf(TpmEcPrivateKey.class, kp.getPrivate());
            for (String md : List.of("sha256", "sha384")) {
                String alg = md.toUpperCase(java.util.Locale.ROOT) + "withECDSA";
                byte[] sig = sign(alg, kp, null, DATA);
                assertEquals(0x30, sig[0], "DER SEQUENCE");
                verifyWithOpenssl(dir, kp, sig, md);
                Signature v = Signature.getInstance(alg);
                v.initVerify(kp.getPublic());
                v.update(DATA);
                assertTrue(v.verify(sig), alg + " on " + curve + " (JDK verify)");
            }
        }
    }

    @Test
    void rsa3072KeysSign(@TempDir Path dir) throws Exception {
        KeyPair kp = generate("RSA", null, 3072);
        byte[] sig = sign("SHA256withRSA", kp, null, DATA);
        assertEquals(384, sig.length);
        verifyWithOpenssl(dir, kp, sig, "sha256");
    }

    @Test
    void misuseIsRefusedTheJcaWay() throws Exception {
        KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"), 0);
        KeyPair rsa = generate("RSA", null, 2048);
        assertThrows(InvalidKeyException.class, () -> Signature.getInstance("SHA256withRSA", provider)
                .initSign(ec.getPrivate()));
        assertThrows(InvalidKeyException.class, () -> Signature.getInstance("SHA256withECDSA", provider)
                .initVerify(ec.getPublic()));
        Signature pss = Signature.getInstance("RSASSA-PSS", provider);
        pss.initSign(rsa.getPrivate());
        assertThrows(InvalidAlgorithmParameterException.class, () -> pss.setParameter(new PSSParameterSpec(
                "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 20, 1)));
        assertThrows(java.security.SignatureException.class, () -> pss.update(DATA));
        assertThrows(java.security.InvalidParameterException.class, () -> KeyPairGenerator.getInstance("RSA",
                provider).initialize(1024));
    }
}
