package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.Roca;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.TestCa;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every subcommand, in process, against a simulator provisioned like Intel PTT, asserting on the JSON. */
class CliTest {

    static List<String> args(Swtpm sim, String... more) {
        List<String> a = new ArrayList<>(List.of("--tpm", sim.tpmSpec(), "--json"));
        a.addAll(List.of(more));
        return a;
    }

    static List<String> trust(Swtpm sim) {
        return List.of("--trust", sim.provisioned().rootPem().toString(), "--intermediates",
                sim.provisioned().intermediatesPem().toString());
    }

    static CliRunner.Result cli(Swtpm sim, List<String> a) {
        return CliRunner.run(a.toArray(String[]::new));
    }

    static CliRunner.Result cli(Swtpm sim, String... more) {
        return cli(sim, args(sim, more));
    }

    static JsonNode check(JsonNode diagnose, String id) {
        for (JsonNode c : diagnose.get("checks")) {
            if (c.get("id").asText().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no check " + id + " in " + diagnose);
    }

    @Test
    void infoNvSummaryNvReadEkInfoEkChainAikUrl() {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            JsonNode info = cli(sim, "info").json();
            assertEquals("IBM", info.get("manufacturer").asText());
            assertEquals("simulator", info.get("kind").asText());
            assertTrue(info.get("specRevision").asInt() >= 116);

            JsonNode nv = cli(sim, "nv-summary").json();
            JsonNode chain100 = null;
            for (JsonNode i : nv.get("indices")) {
                if (i.get("index").asText().equals("0x01c00100")) {
                    chain100 = i;
                }
            }
            assertEquals("ek-chain", chain100.get("kind").asText());
            assertEquals("0x62072001", chain100.get("attributes").asText(), "the attributes real TPMs report, no lock");
            assertTrue(chain100.get("attributeNames").toString().contains("platformcreate"));

            JsonNode read = cli(sim, "nv-read", "0x01c00100").json();
            assertEquals(1024, read.get("size").asInt());
            assertTrue(read.get("certificates").get(0).get("subject").asText().contains("ROM CA"));
            CliRunner.Result text = CliRunner.run("--tpm", sim.tpmSpec(), "nv-read", "0x01c00100", "--format", "text");
            assertTrue(text.out().contains("certificate 1:"), text.out());
            assertTrue(text.out().contains("(continued in 0x01c00101)"), text.out());

            JsonNode ek = cli(sim, "ek-info").json();
            assertEquals(2, ek.get("ekCertificates").size());
            for (JsonNode e : ek.get("ekCertificates")) {
                assertTrue(e.get("matchesTpm").asBoolean(), e.toString());
            }

            List<String> a = new ArrayList<>(args(sim, "ek-chain"));
            a.addAll(trust(sim));
            CliRunner.Result chainRun = cli(sim, a);
            assertEquals(0, chainRun.exit(), chainRun.err());
            JsonNode chain = chainRun.json();
            assertTrue(chain.get("trusted").asBoolean());
            assertEquals(7, chain.get("chain").size());
            assertEquals("nv:0x01c00100", chain.get("chain").get(3).get("source").asText());
            assertFalse(chain.get("aikServiceUrl").asText().equals(chain.get("naiveAikServiceUrl").asText()));

            // the AIK service address is given only for a trusted chain (issue 13)
            CliRunner.Result untrusted = cli(sim, args(sim, "aik-url"));
            assertEquals(1, untrusted.exit(), untrusted.err());
            assertTrue(untrusted.err().contains("no AIK service address for an untrusted EK chain"), untrusted.err());
            List<String> u = new ArrayList<>(args(sim, "aik-url"));
            u.addAll(trust(sim));
            JsonNode url = cli(sim, u).json();
            assertTrue(url.get("differ").asBoolean());
            assertEquals(chain.get("aikServiceUrl").asText(), url.get("aikServiceUrl").asText());
        }
    }

    @Test
    void rcDecodesLikeTpm2RcDecode() {
        JsonNode rc = CliRunner.run("rc", "0x9a2", "--json").json();
        assertEquals("0x000009a2", rc.get("code").asText());
        assertEquals("TPM_RC_BAD_AUTH", rc.get("name").asText());
        assertEquals(1, rc.get("format").asInt());
        assertEquals(1, rc.get("session").asInt());
        assertTrue(rc.get("handle").isNull());
        assertFalse(rc.get("warning").asBoolean());
        CliRunner.Result bad = CliRunner.run("rc", "zzz");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("tpm2j: 'zzz' is not a handle"), bad.err());
    }

    @Test
    void usageAndTpmErrorsHaveTheirExitCodes() {
        assertEquals(2, CliRunner.run("no-such-command").exit());
        CliRunner.Result dead = CliRunner.run("--tpm", "swtpm:host=127.0.0.1,port=1", "info");
        assertEquals(3, dead.exit());
        assertTrue(dead.err().startsWith("tpm2j: ") && dead.err().strip().lines().count() == 1, dead.err());
        CliRunner.Result help = CliRunner.run("ek-chain", "--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("--trust"));
    }

    @Test
    void enrollIssuesAnAikCertificate() {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            List<String> a = new ArrayList<>(args(sim, "enroll"));
            a.addAll(trust(sim));
            CliRunner.Result r = cli(sim, a);
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.json().get("aikCertificate").asText().startsWith("-----BEGIN CERTIFICATE-----"));
        }
    }

    @Test
    void credentialInteropWithTpm2ToolsBothWays(@TempDir Path dir) throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            int akHandle = 0x81000050;
            Bytes akName;
            try (Tpm tpm = sim.openTpm()) {
                AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
                tpm.evictControl(Authorization.owner(), ak.handle(), akHandle);
                tpm.flushContext(ak.handle());
                akName = ak.name();
                CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
                Files.write(dir.resolve("ek.pub"), new Tpm2bPublic(ek.outPublic()).toBytes());
                tpm.evictControl(Authorization.owner(), ek.objectHandle(), 0x81010050);
                tpm.flushContext(ek.objectHandle());
            }
            // tpm2j makes, tpm2-tools activates
            String secret = "00112233445566778899aabbccddeeff";
            CliRunner.Result made = cli(sim, "credential", "make", "--ek-public", dir.resolve("ek.pub").toString(),
                    "--ak-name", akName.toHex(), "--secret", secret, "--out", dir.resolve("c1").toString());
            assertEquals(0, made.exit(), made.err());
            String session = dir.resolve("s.ctx").toString();
            tool(sim, "tpm2_startauthsession", "--policy-session", "-S", session);
            tool(sim, "tpm2_policysecret", "-S", session, "-c", "e");
            tool(sim, "tpm2_activatecredential", "-c", "0x81000050", "-C", "0x81010050", "-i",
                    dir.resolve("c1").toString(), "-o", dir.resolve("out1").toString(), "-P", "session:" + session);
            tool(sim, "tpm2_flushcontext", session);
            assertArrayEquals(HexFormat.of().parseHex(secret), Files.readAllBytes(dir.resolve("out1")));

            // tpm2-tools makes, tpm2j activates
            Files.write(dir.resolve("secret2"), HexFormat.of().parseHex("cafebabe"));
            tool(null, "tpm2_makecredential", "-T", "none", "-u", dir.resolve("ek.pub").toString(), "-s",
                    dir.resolve("secret2").toString(), "-n", akName.toHex(), "-o", dir.resolve("c2").toString());
            CliRunner.Result act = cli(sim, "credential", "activate", "--ak", "0x81000050", "--ek", "0x81010050", "--in",
                    dir.resolve("c2").toString());
            assertEquals(0, act.exit(), act.err());
            assertEquals("cafebabe", act.json().get("secret").asText());
        }
    }

    static void tool(Swtpm sim, String tool, String... a) {
        dev.tpm2j.simulator.Tpm2Tools.run(sim, tool, a);
    }

    @Test
    void diagnoseOnEachProfile() {
        for (Profile profile : Profile.values()) {
            try (Swtpm sim = Swtpm.start(profile)) {
                List<String> a = new ArrayList<>(args(sim, "diagnose", "--reference-time", Instant.now().toString()));
                if (profile != Profile.BARE) {
                    a.addAll(trust(sim));
                }
                CliRunner.Result r = cli(sim, a);
                JsonNode d = r.json();
                assertEquals(1, r.exit(), "a simulator is never ready: " + d);
                assertFalse(d.get("ready").asBoolean());
                assertEquals("fail", check(d, "virtual-tpm").get("status").asText());
                for (String id : List.of("tpm20", "ek-cert", "ek-match", "roca", "clock-skew", "activation")) {
                    assertEquals("pass", check(d, id).get("status").asText(), profile + " " + id + ": " + d);
                }
                // BARE: swtpm's own local CA is in no bundle, and the shipped TPM trust bundle is now the default.
                assertEquals(profile == Profile.BARE ? "fail" : "pass", check(d, "ek-chain").get("status").asText(),
                        profile + ": " + d);
                // Linux has no Autopilot event channel: the Windows-only check does not apply, and is no warning
                assertEquals("n/a", check(d, "autopilot-events").get("status").asText(), d.toString());
                assertTrue(check(d, "autopilot-events").get("fix").isNull());
                assertEquals(10, d.get("checks").size());
            }
        }
    }

    @Test
    void diagnoseNamesStagedFaults() throws Exception {
        // index removed → ek-cert fail; foreign EK cert → ek-match fail; chain index deleted → ek-chain fail;
        // ROCA modulus → roca fail; reference time 30 minutes off → clock-skew fail
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            try (Tpm tpm = sim.openTpm()) {
                tpm.nvUndefineSpace(0x01C00101, Authorization.platform());
            }
            List<String> a = new ArrayList<>(args(sim, "diagnose", "--reference-time",
                    Instant.now().minus(Duration.ofMinutes(30)).toString()));
            a.addAll(trust(sim));
            JsonNode d = cli(sim, a).json();
            assertEquals("fail", check(d, "ek-chain").get("status").asText(), d.toString());
            assertTrue(check(d, "ek-chain").get("detail").asText().contains("missing link"), d.toString());
            assertEquals("fail", check(d, "clock-skew").get("status").asText());
            assertTrue(check(d, "clock-skew").get("fix").asText().contains("back-dated only 10 minutes"));
        }
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE)) {
            TestCa ca = TestCa.root("CN=Foreign", true);
            try (Tpm tpm = sim.openTpm()) {
                // a certificate for a ROCA-fingerprinted modulus, planted in the H-1 slot
                RSAPublicKey roca = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rocaModulus(), BigInteger.valueOf(65537)));
                assertTrue(Roca.isVulnerable(roca.getModulus()));
                ownerIndex(tpm, 0x01C00012, ca.issueEkCertificate(roca, "id:49465800", "SLB9670", "id:1").getEncoded());
            }
            JsonNode d = cli(sim, args(sim, "diagnose")).json();
            assertEquals("fail", check(d, "roca").get("status").asText(), d.toString());
            assertTrue(check(d, "roca").get("detail").asText().contains("0x01c00012"));
            assertEquals("fail", check(d, "ek-match").get("status").asText(), "a foreign key in the H-1 slot");
        }
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE)) {
            try (Tpm tpm = sim.openTpm()) {
                tpm.nvUndefineSpace(0x01C00002, Authorization.platform());
            }
            JsonNode d = cli(sim, args(sim, "diagnose")).json();
            assertEquals("fail", check(d, "ek-cert").get("status").asText(), d.toString());
            assertTrue(check(d, "ek-cert").get("detail").asText().contains("NoValidEkCert"));
            assertTrue(check(d, "ek-cert").get("fix").asText().contains("https://ekop.intel.com/ekcertservice/"));
        }
    }

    /** A 2048-bit modulus whose residues mod the 38 ROCA primes all lie in the subgroup of 65537 (via CRT). */
    static BigInteger rocaModulus() {
        BigInteger m = BigInteger.ONE;
        BigInteger n = BigInteger.ZERO;
        for (int p : Roca.primes()) {
            BigInteger bp = BigInteger.valueOf(p);
            BigInteger r = BigInteger.valueOf(65537).mod(bp);
            // n ≡ r (mod p), combined with what we have (mod m)
            BigInteger t = r.subtract(n).multiply(m.modInverse(bp)).mod(bp);
            n = n.add(m.multiply(t));
            m = m.multiply(bp);
        }
        BigInteger candidate = n.add(m.multiply(BigInteger.ONE.shiftLeft(2047).divide(m).add(BigInteger.ONE)));
        if (!candidate.testBit(0)) {
            candidate = candidate.add(m.multiply(BigInteger.TWO).divide(BigInteger.TWO).multiply(BigInteger.ONE));
        }
        return candidate;
    }

    static void ownerIndex(Tpm tpm, int index, byte[] data) {
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERWRITE, TpmaNv.OWNERREAD,
                TpmaNv.AUTHREAD, TpmaNv.NO_DA), Bytes.EMPTY, data.length), Authorization.owner());
        tpm.nvWrite(index, 0, data, Authorization.owner());
    }
}
