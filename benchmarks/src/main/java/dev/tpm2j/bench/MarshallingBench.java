package dev.tpm2j.bench;

import dev.tpm2j.core.commands.GetCapability;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmCap;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmlHandle;
import dev.tpm2j.core.types.TpmsCapabilityData;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/** Unmarshal + marshal of the structures attestation code handles most, tpm2j vs TSS.Java 1.0.0 on the same bytes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MarshallingBench {
    byte[] rsaEk;
    byte[] eccEk;
    byte[] nvPublic;
    byte[] capability;
    final GetCapability getCapability = new GetCapability(TpmCap.HANDLES, 0x01000000, 254);

    @Setup
    public void setup() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        rsaEk = PublicKeys.withKey(EkTemplates.L1_RSA2048, rsa.generateKeyPair().getPublic()).toBytes();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        eccEk = PublicKeys.withKey(EkTemplates.L2_ECC_P256, ec.generateKeyPair().getPublic()).toBytes();
        nvPublic = new TpmsNvPublic(0x01C00002, TpmAlgId.SHA256, new TpmaNv(0x62072001), Bytes.EMPTY, 1016).toBytes();
        List<Integer> handles = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            handles.add(0x01C00000 + 2 * i);
        }
        TpmWriter w = new TpmWriter();
        w.yesNo(false);
        new TpmsCapabilityData(new TpmlHandle(handles)).marshal(w);
        capability = w.toByteArray();
    }

    @Benchmark
    public byte[] tpm2jRsaEkPublic() {
        return TpmtPublic.read(TpmReader.of(rsaEk)).toBytes();
    }

    @Benchmark
    public byte[] tssJavaRsaEkPublic() {
        return tss.tpm.TPMT_PUBLIC.fromBytes(rsaEk).toBytes();
    }

    @Benchmark
    public byte[] tpm2jEccEkPublic() {
        return TpmtPublic.read(TpmReader.of(eccEk)).toBytes();
    }

    @Benchmark
    public byte[] tssJavaEccEkPublic() {
        return tss.tpm.TPMT_PUBLIC.fromBytes(eccEk).toBytes();
    }

    @Benchmark
    public byte[] tpm2jNvPublic() {
        return TpmsNvPublic.read(TpmReader.of(nvPublic)).toBytes();
    }

    @Benchmark
    public byte[] tssJavaNvPublic() {
        return tss.tpm.TPMS_NV_PUBLIC.fromBytes(nvPublic).toBytes();
    }

    @Benchmark
    public byte[] tpm2jGetCapabilityResponse() {
        GetCapability.Response r = getCapability.parseResponse(new int[0], TpmReader.of(capability));
        TpmWriter w = new TpmWriter(capability.length);
        w.yesNo(r.moreData());
        r.capabilityData().marshal(w);
        return w.toByteArray();
    }

    @Benchmark
    public byte[] tssJavaGetCapabilityResponse() {
        return tss.tpm.GetCapabilityResponse.fromBytes(capability).toBytes();
    }
}
