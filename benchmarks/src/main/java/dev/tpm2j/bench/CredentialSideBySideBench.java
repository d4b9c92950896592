package dev.tpm2j.bench;

import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmtPublic;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MakeCredential (RSA 2048 EK) and the bare RSA-OAEP encryption it is built on (as a JCA caller makes it, and on a
 * reused cipher), measured at the same time: one thread each in one JMH group, so on a shared, noisy machine both see the same load in every iteration and their ratio is
 * meaningful even when the absolute figures are not. (CredentialBench measures them one after the other.)
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class CredentialSideBySideBench {
    TpmtPublic rsaEk;
    KeyPair rsaKeys;
    final Bytes akName = Bytes.fromHex("000b" + "5a".repeat(32));
    final byte[] secret = new byte[32];
    final byte[] label = "IDENTITY\0".getBytes(StandardCharsets.US_ASCII);

    @Setup
    public void setup() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaKeys = rsa.generateKeyPair();
        rsaEk = PublicKeys.withKey(EkTemplates.L1_RSA2048, rsaKeys.getPublic());
    }

    @Benchmark
    @Group("rsa2048")
    @GroupThreads(1)
    public Object tpm2jMakeCredential() {
        return CredentialProtection.make(rsaEk, akName, secret);
    }

    /** One RSA-OAEP encryption as a JCA caller makes it: Cipher.getInstance, init with the OAEP label, doFinal. */
    @Benchmark
    @Group("rsa2048")
    @GroupThreads(1)
    public Object bareRsaOaepEncrypt() throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
        c.init(Cipher.ENCRYPT_MODE, rsaKeys.getPublic(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, new PSource.PSpecified(label)));
        return c.doFinal(secret);
    }

    /** One RSA-OAEP encryption on a cipher obtained once per thread and initialised for each encryption. */
    @Benchmark
    @Group("rsa2048")
    @GroupThreads(1)
    public Object bareRsaOaepEncryptReusedCipher(Reused reused) throws Exception {
        reused.cipher.init(Cipher.ENCRYPT_MODE, rsaKeys.getPublic(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, new PSource.PSpecified(label)));
        return reused.cipher.doFinal(secret);
    }

    /** The cipher of {@link #bareRsaOaepEncryptReusedCipher}, one per thread. */
    @State(Scope.Thread)
    public static class Reused {
        Cipher cipher;

        @Setup
        public void setup() throws Exception {
            cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        }
    }
}
