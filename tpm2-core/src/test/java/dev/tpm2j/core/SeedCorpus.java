package dev.tpm2j.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import dev.tpm2j.core.crypto.CredentialFile;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmtPublic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Writes the committed seed corpus of tpm2-core's fuzz targets (run by hand when a target is added:
 * {@code java -cp <test classpath> dev.tpm2j.core.SeedCorpus tpm2-core/src/test/resources/dev/tpm2j/core}).
 * Deterministic: the same seeds give the same files. Per parser target: eight valid samples from {@link Gen},
 * the EK and key templates where the target reads a public area, and four {@link Mutations} of the samples
 * (length fields forced to 2^31 / max / 0, truncations). Per facade target: the valid sample response, the same
 * truncated and with a trailing byte, and a TPM error response. Per FuzzedDataProvider target: random byte
 * strings of several sizes. Existing files are overwritten; files it does not write (regression inputs, swtpm
 * recordings) are left alone.
 */
final class SeedCorpus {
    private SeedCorpus() {
    }

    static byte[] sized(java.util.function.Consumer<TpmWriter> marshalSized) {
        TpmWriter w = new TpmWriter();
        marshalSized.accept(w);
        return w.toByteArray();
    }

    static final Map<String, Function<FuzzedDataProvider, byte[]>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("tpmtPublic", d -> Gen.tpmtPublic(d).toBytes());
        PARSERS.put("tpm2bPublic", d -> new Tpm2bPublic(Gen.tpmtPublic(d)).toBytes());
        PARSERS.put("nvPublic", d -> Gen.nvPublic(d).toBytes());
        PARSERS.put("nvPublicSized", d -> sized(Gen.nvPublic(d)::marshalSized));
        PARSERS.put("symDef", d -> Gen.symDef(d).toBytes());
        PARSERS.put("eccPoint", d -> Gen.eccPoint(d).toBytes());
        PARSERS.put("capabilityData", d -> Gen.capabilityData(d).toBytes());
        PARSERS.put("authCommand", d -> Gen.authCommand(d).toBytes());
        PARSERS.put("authResponse", d -> Gen.authResponse(d).toBytes());
        PARSERS.put("tkCreation", d -> Gen.ticket(d).toBytes());
        PARSERS.put("creationDataSized", d -> sized(Gen.creationData(d)::marshalSized));
        PARSERS.put("attestSized", d -> sized(Gen.attest(d)::marshalSized));
        PARSERS.put("signature", d -> Gen.signature(d).toBytes());
        PARSERS.put("sigScheme", d -> Gen.sigScheme(d).toBytes());
        PARSERS.put("tpmtHa", d -> Gen.tpmtHa(d).toBytes());
        PARSERS.put("sensitiveCreateSized", d -> sized(Gen.sensitiveCreate(d)::marshalSized));
        PARSERS.put("digestList", d -> Gen.digestList(d).toBytes());
        PARSERS.put("pcrSelection", d -> Gen.pcrSelection(d).toBytes());
        PARSERS.put("idObject", d -> Gen.idObject(d).toBytes());
        PARSERS.put("encryptedSecret", d -> Gen.encryptedSecret(d).toBytes());
    }

    static final List<String> ROUND_TRIPS = List.of("tpmtPublic", "tpm2bPublic", "nvPublic", "nvPublicSized",
            "symDef", "symDefObject", "rsaScheme", "eccScheme", "keyedHashScheme", "kdfScheme", "eccPoint",
            "capabilityData", "authCommand", "authResponse", "tkCreation", "creationData", "attest", "signature",
            "sigScheme", "tpmtHa", "digestList", "pcrSelection", "idObject", "encryptedSecret", "sensitiveCreate");

    static final Map<String, TpmtPublic> TEMPLATES = new LinkedHashMap<>();

    static {
        TEMPLATES.put("L1_RSA2048", EkTemplates.L1_RSA2048);
        TEMPLATES.put("L2_ECC_P256", EkTemplates.L2_ECC_P256);
        TEMPLATES.put("H3_ECC_P384", EkTemplates.H3_ECC_P384);
        TEMPLATES.put("H7_RSA4096", EkTemplates.H7_RSA4096);
        TEMPLATES.put("AK_RSA2048", KeyTemplates.AK_RSA2048);
        TEMPLATES.put("AK_ECC_P256", KeyTemplates.AK_ECC_P256);
    }

    static void write(Path dir, String file, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(file), content);
    }

    /** The fuzz-target method of a facade case: "NV_ReadPublic" → nvReadPublic, "PolicyOR" → policyOr. */
    static String methodName(String caseName) {
        String m = caseName.replace("NV_", "Nv").replace("PolicyOR", "PolicyOr").replace("_", "");
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        long seed = 1;
        for (Map.Entry<String, Function<FuzzedDataProvider, byte[]>> e : PARSERS.entrySet()) {
            Path dir = root.resolve("StructureParserFuzzTestInputs").resolve(e.getKey());
            Random mutations = new Random(e.getKey().hashCode());
            for (int i = 0; i < 8; i++) {
                byte[] sample = e.getValue().apply(new RandomData(seed++, 1200));
                write(dir, String.format("sample-%02d", i), sample);
                if (i < 4) {
                    write(dir, String.format("edge-%02d", i), Mutations.mutate(sample, 3 - (i & 1) * 2,
                            mutations.nextInt(), mutations.nextInt(), 1));
                }
            }
            if (e.getKey().equals("tpmtPublic") || e.getKey().equals("tpm2bPublic")) {
                for (Map.Entry<String, TpmtPublic> t : TEMPLATES.entrySet()) {
                    TpmtPublic p = t.getValue();
                    write(dir, "template-" + t.getKey(), e.getKey().equals("tpmtPublic") ? p.toBytes()
                            : new Tpm2bPublic(p).toBytes());
                }
            }
        }
        for (String name : ROUND_TRIPS) {
            Path dir = root.resolve("StructureRoundTripFuzzTestInputs").resolve(name);
            Random r = new Random(name.hashCode());
            int[] sizes = {4, 16, 64, 256, 1024, 4096};
            for (int i = 0; i < sizes.length; i++) {
                byte[] b = new byte[sizes[i]];
                r.nextBytes(b);
                write(dir, String.format("random-%04d", sizes[i]), b);
            }
        }
        for (FacadeResponseFuzzTest.Case c : FacadeResponseFuzzTest.CASES) {
            Path dir = root.resolve("FacadeResponseFuzzTestInputs").resolve(methodName(c.name()));
            byte[] valid = c.validResponse();
            write(dir, "sample-valid", valid);
            write(dir, "edge-truncated", java.util.Arrays.copyOf(valid, valid.length - 1));
            byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 1);
            longer[5]++;
            write(dir, "edge-trailing-byte", longer);
            write(dir, "sample-error-bad-auth", new byte[] {(byte) 0x80, 0x01, 0, 0, 0, 10, 0, 0, 0x09, (byte) 0xA2});
        }
        Path creds = root.resolve("CredentialFuzzTestInputs");
        TpmtPublic ek = PublicKeys.withKey(EkTemplates.L1_RSA2048, CredentialProtectionTest.KEYS.getPublic());
        byte[] file = CredentialFile.write(CredentialProtection.make(ek, Bytes.zeros(34), new byte[16]));
        write(creds.resolve("credentialFile"), "sample-rsa2048", file);
        write(creds.resolve("credentialFile"), "edge-truncated", java.util.Arrays.copyOf(file, file.length / 2));
        Random r = new Random(11);
        for (int size : new int[] {8, 40, 80}) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            write(creds.resolve("makeCredentialRoundTrip"), String.format("random-%02d", size), b);
        }
    }
}
