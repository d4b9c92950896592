package dev.tpm2j.bench;

import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.SeedEncryption;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtPublic;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Software MakeCredential against the bare public-key operation it is built on, and TSS.Java's (RSA only). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CredentialBench {
    TpmtPublic rsaEk;
    TpmtPublic eccEk;
    KeyPair rsaKeys;
    ECPublicKey eccKey;
    final Bytes akName = Bytes.fromHex("000b" + "5a".repeat(32));
    final byte[] secret = new byte[32];
    tss.tpm.TPMT_PUBLIC tssEk;
    OAEPParameterSpec oaepParams;
    Cipher oaep;
    Cipher reused;

    @Setup
    public void setup() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKeys = rsa.generateKeyPair();
        rsaEk = PublicKeys.withKey(EkTemplates.L1_RSA2048, rsaKeys.getPublic());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        eccKey = (ECPublicKey) ec.generateKeyPair().getPublic();
        eccEk = PublicKeys.withKey(EkTemplates.L2_ECC_P256, eccKey);
        tssEk = tss.tpm.TPMT_PUBLIC.fromBytes(rsaEk.toBytes());
        oaepParams = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified("IDENTITY\0".getBytes(StandardCharsets.US_ASCII)));
        oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(Cipher.ENCRYPT_MODE, rsaKeys.getPublic(), oaepParams);
        reused = Cipher.getInstance("RSA/ECB/OAEPPadding");
    }

    @Benchmark
    public Object tpm2jMakeCredentialRsa2048() {
        return CredentialProtection.make(rsaEk, akName, secret);
    }

    /** One RSA-OAEP encryption as a JCA caller makes it: Cipher.getInstance, init with the OAEP label, doFinal. */
    @Benchmark
    public Object bareRsaOaepEncrypt() throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, rsaKeys.getPublic(), oaepParams);
        return c.doFinal(secret);
    }

    /** tpm2j's RSA-OAEP primitive on its own (a per-thread cipher initialised for each encryption). */
    @Benchmark
    public Object tpm2jRsaOaepEncrypt() throws Exception {
        return SeedEncryption.rsaOaep(rsaKeys.getPublic(), TpmAlgId.SHA256, "IDENTITY", secret);
    }

    /** One RSA-OAEP encryption on a cipher obtained once and initialised for each encryption. */
    @Benchmark
    public Object bareRsaOaepEncryptReusedCipher() throws Exception {
        reused.init(Cipher.ENCRYPT_MODE, rsaKeys.getPublic(), oaepParams);
        return reused.doFinal(secret);
    }

    /**
     * The floor of the floor: one RSA-OAEP encryption on a cipher initialised once (OAEP padding, the random OAEP
     * seed and the RSA public operation only; no provider look-up, no key or parameter set-up).
     */
    @Benchmark
    public Object bareRsaOaepDoFinalOnly() throws Exception {
        return oaep.doFinal(secret);
    }

    @Benchmark
    public Object tssJavaMakeCredentialRsa2048() {
        return tss.Tss.createActivationCredential(tssEk, akName.toByteArray(), secret);
    }

    @Benchmark
    public Object tpm2jMakeCredentialEccP256() {
        return CredentialProtection.make(eccEk, akName, secret);
    }

    @Benchmark
    public Object bareEphemeralEcdhP256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(eccKey.getParams());
        KeyPair eph = g.generateKeyPair();
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(eph.getPrivate());
        ka.doPhase(eccKey, true);
        return ka.generateSecret();
    }
}
