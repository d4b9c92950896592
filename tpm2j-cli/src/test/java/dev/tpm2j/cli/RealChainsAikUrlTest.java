package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.Tpm2Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's one promise, on real data: every real TPM 2.0 EK certificate in {@code testdata/real-ek} (and, for
 * Intel 11th gen+, its real on-die CA chain) is provisioned into a swtpm by tpm2-tools under the NV attributes real
 * TPMs report ({@code testdata/real-nv}: 0x62072001, no write lock), then {@code tpm2j --json aik-url} and
 * {@code ek-chain} must name a key id Microsoft runs an AIK CA for ({@code testdata/trustedtpm-cab/aik-services.txt})
 * and, where the naive key id differs, the naive one must not be one. The EK certificates' keys are not the swtpm's
 * EK (they came from real devices); the AIK address depends on the certificates only. Each chain is verified twice,
 * offline: against the cab tree alone ({@code --no-default-trust --trust testdata/trustedtpm-cab}) and against the
 * shipped trust bundle alone, which must therefore cover what Windows trusts (the 10th-gen Intel PTT certificate
 * {@code intel-ptt-cml-epid-ek-ecc.der} included).
 */
class RealChainsAikUrlTest {
    /** The attributes of a real EK certificate or chain index, in tpm2-tools' friendly names (testdata/real-nv). */
    static final String REAL_ATTRIBUTES = "ppwrite|writedefine|ppread|ownerread|authread|no_da|platformcreate";

    /**
     * A real EK certificate, where a real device keeps it, and the on-die CAs a real device keeps in 0x01C00100….
     *
     * @param ek     file in testdata/real-ek
     * @param index  the EK certificate index its key type uses (TCG EK Credential Profile low range)
     * @param onDie  the on-die CA files, root-most first as a real device stores them
     * @param vendor the AIK service vendor label Windows uses for this TPM
     */
    record RealChain(String ek, int index, List<String> onDie, String vendor) {
    }

    static final int RSA = 0x01C00002;
    static final int ECC_P256 = 0x01C0000A;

    /** Every real TPM 2.0 EK certificate of testdata/real-ek that is valid today, with its vendor. */
    static final List<RealChain> CHAINS = List.of(
            new RealChain("intel-ptt-adl-ek-rsa.pem", RSA, List.of("intel-csme-adl-rom-ca.pem",
                    "intel-csme-adl-svn01-kernel-ca.pem", "intel-csme-adl-ptt-01svn.pem"), "intc"),
            new RealChain("intel-ptt-mtl-ek-rsa.pem", RSA, List.of("intel-odca-2-csme-mtl-soc-rom-ca.pem",
                    "intel-odca-2-csme-mtl-soc-svn-01-kernel-ca.pem", "intel-odca-2-csme-mtl-soc-svn-01-ptt-ca.pem"),
                    "intc"),
            new RealChain("intel-ptt-cml-epid-ek-ecc.der", ECC_P256, List.of(), "intc"),
            new RealChain("intel-ptt-glk-epid-ek-ecc.der", ECC_P256, List.of(), "intc"),
            new RealChain("infineon-slb9665-ek-rsa-mfgca003.pem", RSA, List.of(), "ifx"),
            new RealChain("infineon-slb9670-ek-rsa-mfgca007.der", RSA, List.of(), "ifx"),
            new RealChain("infineon-slb9670-ek-rsa-mfgca035.der", RSA, List.of(), "ifx"),
            new RealChain("infineon-slb9670-ek-ecc-mfgca035.der", ECC_P256, List.of(), "ifx"),
            new RealChain("nuvoton-npct6xx-ek-rsa-root1110.der", RSA, List.of(), "ntc"),
            new RealChain("nuvoton-npct75x-ek-rsa-root2111.der", RSA, List.of(), "ntc"),
            new RealChain("nuvoton-ek-rsa-root2111-keylime-nonder.der", RSA, List.of(), "ntc"),
            new RealChain("stm-ek-rsa-int06-paccor.der", RSA, List.of(), "stm"),
            new RealChain("stm-st33htph-ek-rsa-int05-ffpadded.der", RSA, List.of(), "stm"),
            new RealChain("stm-st33htph-ek-ecc-eccint01.der", ECC_P256, List.of(), "stm"),
            new RealChain("stsafe-st33ktpm2x-ek-rsa-int10.pem", RSA, List.of(), "stm"));

    static Path testdata;
    static Set<String> aikServices;

    @BeforeAll
    static void load() throws IOException {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("testdata/trustedtpm-cab/aik-services.txt"))) {
                testdata = p.resolve("testdata");
                break;
            }
        }
        if (testdata == null) {
            fail("testdata/trustedtpm-cab/aik-services.txt was not found");
        }
        // "[REGION-]{vendor}-keyid-{hex}" → "{vendor}-keyid-{hex}", lower case
        aikServices = Files.readAllLines(testdata.resolve("trustedtpm-cab/aik-services.txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.toLowerCase(Locale.ROOT))
                .map(l -> l.split("-").length == 4 ? l.substring(l.indexOf('-') + 1) : l).collect(Collectors.toSet());
        assertTrue(aikServices.contains("intc-keyid-ba21136573c2c38a5be57cb6c68bfc23bb36ca58"));
    }

    /** The bytes a certificate file holds as the device stores them (PEM decoded; DER, padding and headers kept). */
    static byte[] deviceBytes(String name) throws IOException {
        byte[] b = Files.readAllBytes(testdata.resolve("real-ek").resolve(name));
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN CERTIFICATE-----")) {
            return b;
        }
        String body = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----") + 27,
                text.indexOf("-----END CERTIFICATE-----"));
        return java.util.Base64.getMimeDecoder().decode(body);
    }

    /** Defines {@code index} with the real attributes under platform authorization and writes {@code data}. */
    static void provision(Swtpm sim, Path dir, int index, byte[] data) throws IOException {
        Path f = dir.resolve(String.format("0x%08x.bin", index));
        Files.write(f, data);
        String handle = String.format("0x%08x", index);
        Tpm2Tools.run(sim, "tpm2_nvdefine", handle, "-C", "p", "-s", Integer.toString(data.length), "-a",
                REAL_ATTRIBUTES);
        Tpm2Tools.run(sim, "tpm2_nvwrite", handle, "-C", "p", "-i", f.toString());
    }

    static void undefineAll(Swtpm sim) {
        String out = Tpm2Tools.run(sim, "tpm2_getcap", "handles-nv-index");
        for (String line : out.split("\n")) {
            String h = line.replace("-", "").strip().toLowerCase(Locale.ROOT);
            if (h.startsWith("0x1c0") && Integer.decode(h) < 0x01C08000) {
                Tpm2Tools.run(sim, "tpm2_nvundefine", h, "-C", "p");
            }
        }
    }

    /** Lays the chain out as the device does: one concatenation from 0x01C00100, overflowing at the index size. */
    static void provisionChain(Swtpm sim, Path dir, List<String> onDie, int maxIndexSize) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String n : onDie) {
            all.writeBytes(deviceBytes(n));
        }
        byte[] chain = all.toByteArray();
        for (int off = 0, index = 0x01C00100; off < chain.length; off += maxIndexSize, index++) {
            provision(sim, dir, index, Arrays.copyOfRange(chain, off, Math.min(chain.length, off + maxIndexSize)));
        }
    }

    static String keyIdName(String vendor, String keyId) {
        return vendor + "-keyid-" + keyId.toLowerCase(Locale.ROOT);
    }

    @Test
    void everyRealChainNamesAnAikServiceMicrosoftRuns(@TempDir Path dir) throws Exception {
        List<String> naiveDiffered = new ArrayList<>();
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            int maxIndex;
            try (Tpm tpm = sim.openTpm()) {
                maxIndex = tpm.getProperty(TpmPt.NV_INDEX_MAX).orElse(2048);
            }
            for (RealChain c : CHAINS) {
                undefineAll(sim);
                provision(sim, dir, c.index(), deviceBytes(c.ek()));
                if (!c.onDie().isEmpty()) {
                    provisionChain(sim, dir, c.onDie(), maxIndex);
                }
                List<String> nvAttrs = new ArrayList<>();
                String pub = Tpm2Tools.run(sim, "tpm2_nvreadpublic");
                for (String line : pub.split("\n")) {
                    if (line.contains("friendly: ") && line.contains("platformcreate")) {
                        nvAttrs.add(line.strip());
                    }
                }
                assertFalse(nvAttrs.isEmpty(), pub);
                assertTrue(nvAttrs.stream().noneMatch(a -> a.contains("writelocked")), pub);

                // the cab tree as the only trust: the roots Windows trusts, nothing of ours
                CliRunner.Result r = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "aik-url", "--offline",
                        "--no-default-trust", "--trust", testdata.resolve("trustedtpm-cab").toString());
                assertEquals(0, r.exit(), c.ek() + ": " + r.err() + r.out());
                JsonNode doc = r.json();
                String keyId = doc.get("keyId").asText();
                String naive = doc.get("naiveKeyId").asText();
                assertTrue(aikServices.contains(keyIdName(c.vendor(), keyId)),
                        c.ek() + ": no AIK CA for " + keyIdName(c.vendor(), keyId) + "; " + doc);
                // the shipped bundle alone, offline, trusts every one of them too (it covers the cab) and agrees
                CliRunner.Result shipped = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "aik-url", "--offline");
                assertEquals(0, shipped.exit(), c.ek() + " with the shipped bundle: " + shipped.err() + shipped.out());
                assertEquals(keyId, shipped.json().get("keyId").asText(), c.ek());
                if (!c.onDie().isEmpty()) {
                    assertTrue(doc.get("differ").asBoolean(), c.ek() + ": " + doc);
                    assertNotEquals(keyId, naive);
                    assertFalse(aikServices.contains(keyIdName(c.vendor(), naive)),
                            c.ek() + ": the naive key id must not be a service: " + naive);
                    naiveDiffered.add(c.ek());

                    // ek-chain agrees, and the chain is trusted through the on-die CAs read from NV
                    CliRunner.Result chain = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "ek-chain", "--offline",
                            "--no-default-trust", "--trust", testdata.resolve("trustedtpm-cab").toString());
                    assertEquals(0, chain.exit(), chain.err() + chain.out());
                    assertTrue(chain.json().get("aikServiceUrl").asText().contains(keyId), chain.out());
                    assertTrue(chain.json().get("chain").toString().contains("nv:0x01c00100"), chain.out());
                    JsonNode onDie = chain.json().get("chain").get(1);
                    assertTrue(onDie.get("storedOnTpm").asBoolean(), onDie.toString());
                    assertTrue(onDie.get("provenance").asText().contains("not write-locked"), onDie.toString());
                } else {
                    assertEquals(keyId, naive, c.ek() + ": no on-die chain, the EK's issuer is the AIK CA's key");
                }
            }
        }
        assertEquals(List.of("intel-ptt-adl-ek-rsa.pem", "intel-ptt-mtl-ek-rsa.pem"), naiveDiffered);
    }

    /** Defines {@code index} under owner authorization (what an owner can do on a real device) and writes data. */
    static void plantAsOwner(Swtpm sim, Path dir, int index, byte[] data) throws IOException {
        Path f = dir.resolve(String.format("owner-0x%08x.bin", index));
        Files.write(f, data);
        String handle = String.format("0x%08x", index);
        Tpm2Tools.run(sim, "tpm2_nvdefine", handle, "-C", "o", "-s", Integer.toString(data.length), "-a",
                "ownerwrite|ownerread|authread|ppread|no_da");
        Tpm2Tools.run(sim, "tpm2_nvwrite", handle, "-C", "o", "-i", f.toString());
    }

    static String keyId(Swtpm sim, String... trust) {
        List<String> a = new ArrayList<>(List.of("--tpm", sim.tpmSpec(), "--json", "aik-url", "--offline"));
        a.addAll(List.of(trust));
        CliRunner.Result r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err() + r.out());
        return r.json().get("keyId").asText();
    }

    /**
     * Attack review finding F1: an owner (no platform authorization) who writes another TPM's genuine EK certificate
     * into an empty EK slot must not move the key id, and a TPM whose only EK certificate an owner planted gets no
     * AIK address at all.
     */
    @Test
    void anOwnerPlantedEkCertificateDoesNotMoveTheKeyId(@TempDir Path dir) throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            undefineAll(sim);
            // a 10th-gen Intel PTT keeps only its ECC EK certificate in NV
            provision(sim, dir, ECC_P256, deviceBytes("intel-ptt-cml-epid-ek-ecc.der"));
            String genuine = keyId(sim);
            plantAsOwner(sim, dir, RSA, deviceBytes("infineon-slb9670-ek-rsa-mfgca035.der"));
            assertEquals(genuine, keyId(sim), "the owner's certificate in the empty RSA slot is not preferred");

            undefineAll(sim);
            plantAsOwner(sim, dir, RSA, deviceBytes("intel-ptt-adl-ek-rsa.pem"));
            List<String> onDie = CHAINS.get(0).onDie();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (String n : onDie) {
                all.writeBytes(deviceBytes(n));
            }
            plantAsOwner(sim, dir, 0x01C00100, all.toByteArray());
            CliRunner.Result r = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "aik-url", "--offline");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertTrue(r.err().contains("owner created or can write"), r.err());
        }
    }

    /**
     * Attack review finding F2: trusting a device CA that is itself in NV (an operator pinning the PTT or Kernel CA)
     * does not change the key id: the walk continues through the platform's NV certificates.
     */
    @Test
    void anAnchorBelowTheTopOfTheDeviceChainDoesNotChangeTheKeyId(@TempDir Path dir) throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            undefineAll(sim);
            RealChain adl = CHAINS.get(0);
            provision(sim, dir, adl.index(), deviceBytes(adl.ek()));
            provisionChain(sim, dir, adl.onDie(), 2048);
            String right = "ba21136573c2c38a5be57cb6c68bfc23bb36ca58";
            assertEquals(right, keyId(sim));
            for (String pinned : List.of("intel-csme-adl-ptt-01svn.pem", "intel-csme-adl-svn01-kernel-ca.pem",
                    "intel-csme-adl-rom-ca.pem")) {
                assertEquals(right, keyId(sim, "--trust", testdata.resolve("real-ek").resolve(pinned).toString()),
                        "with " + pinned + " as an anchor");
            }
        }
    }

    /** Attack review finding F3: a trust path that is a device or FIFO is refused as an input file (exit 3), never read. */
    @Test
    void aTrustPathThatIsNotARegularFileIsRefusedNeverRead() {
        CliRunner.Result r = CliRunner.run("rc", "0x101");
        assertEquals(0, r.exit());
        CliRunner.Result zero = CliRunner.run("--tpm", "sim", "aik-url", "--offline", "--trust", "/dev/zero");
        assertEquals(3, zero.exit(), zero.err());
        assertTrue(zero.err().contains("not a regular file"), zero.err());
    }
}
