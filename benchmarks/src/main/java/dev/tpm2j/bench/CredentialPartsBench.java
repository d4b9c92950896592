package dev.tpm2j.bench;

import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.Kdf;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
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

/**
 * The pieces of software MakeCredential on their own (average time per call), to see where the work on top of the
 * one RSA operation goes: the EK's JCA key, the KDFa, AES-CFB, the HMAC, the JDK's random bytes and the provider
 * look-ups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CredentialPartsBench {
    TpmtPublic rsaEk;
    PublicKey rsaKey;
    final byte[] seed = new byte[32];
    final byte[] name = new byte[34];
    final byte[] data = new byte[34];
    final SecureRandom nativeRandom = new SecureRandom();
    SecureRandom drbg;

    @Setup
    public void setup() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKey = rsa.generateKeyPair().getPublic();
        rsaEk = PublicKeys.withKey(EkTemplates.L1_RSA2048, rsaKey);
        drbg = SecureRandom.getInstance("DRBG");
    }

    @Benchmark
    public Object ekToJcaKey() {
        return PublicKeys.toJca(rsaEk);
    }

    @Benchmark
    public Object kdfa128() {
        return Kdf.kdfa(TpmAlgId.SHA256, seed, "STORAGE", name, new byte[0], 128);
    }

    @Benchmark
    public Object hmacSha256() {
        return TpmHash.hmac(TpmAlgId.SHA256, seed, data, name);
    }

    @Benchmark
    public Object aesCfb128() {
        return CredentialProtection.aesCfb(Cipher.ENCRYPT_MODE, seed, new byte[16], data);
    }

    @Benchmark
    public Object oaepCipherLookupAndInit() throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, rsaKey, nativeRandom);
        return c;
    }

    @Benchmark
    public Object random32Default() {
        byte[] b = new byte[32];
        nativeRandom.nextBytes(b);
        return b;
    }

    @Benchmark
    public Object random32Drbg() {
        byte[] b = new byte[32];
        drbg.nextBytes(b);
        return b;
    }
}
