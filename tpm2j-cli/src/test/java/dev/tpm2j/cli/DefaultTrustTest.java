package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped TPM trust bundle is the CLI's default: a plain swtpm carrying Intel's real ADL on-die chain (public
 * certificates from {@code testdata/real-ek}) in 0x01C00100/0x01C00101 and the real ADL EK certificate reaches the
 * Intel OnDie root with no {@code --trust} and {@code --offline}; {@code --no-default-trust} takes it away; a
 * {@code --trust} file without certificates is refused with its problem.
 */
class DefaultTrustTest {

    static Path testdata() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("testdata");
            if (Files.isRegularFile(c.resolve("README.md")) && Files.isDirectory(c.resolve("real-ek"))) {
                return c;
            }
        }
        return fail("the project's testdata/ folder was not found");
    }

    static byte[] der(String name) throws Exception {
        byte[] b = Files.readAllBytes(testdata().resolve("real-ek").resolve(name));
        return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(b)).getEncoded();
    }

    static void platformIndex(Tpm tpm, int index, byte[] data) {
        try {
            tpm.nvUndefineSpace(index, Authorization.platform());
        } catch (TpmResponseException e) {
            if (!e.is(TpmRc.HANDLE)) {
                throw e;
            }
        }
        // the attributes real TPMs report for these indices (testdata/real-nv): 0x62072001 once written, no lock
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.PPWRITE, TpmaNv.WRITEDEFINE,
                TpmaNv.PPREAD, TpmaNv.OWNERREAD, TpmaNv.AUTHREAD, TpmaNv.NO_DA, TpmaNv.PLATFORMCREATE), Bytes.EMPTY,
                data.length),
                Authorization.platform());
        tpm.nvWrite(index, 0, data, Authorization.platform());
    }

    /** A plain swtpm with the real Intel ADL on-die chain and EK certificate, written like the PTT writes them. */
    static Swtpm realAdl() throws Exception {
        Swtpm sim = Swtpm.start(Profile.BARE);
        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        chain.writeBytes(der("intel-csme-adl-rom-ca.pem"));
        chain.writeBytes(der("intel-csme-adl-svn01-kernel-ca.pem"));
        chain.writeBytes(der("intel-csme-adl-ptt-01svn.pem"));
        byte[] all = chain.toByteArray();
        try (Tpm tpm = sim.openTpm()) {
            platformIndex(tpm, 0x01C00002, der("intel-ptt-adl-ek-rsa.pem"));
            platformIndex(tpm, 0x01C00100, Arrays.copyOfRange(all, 0, 1024));
            platformIndex(tpm, 0x01C00101, Arrays.copyOfRange(all, 1024, all.length));
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        assertTrue(all.length > 1024, "the ADL chain must overflow into 0x01C00101");
        return sim;
    }

    @Test
    void theRealAdlOnDieChainReachesTheIntelOnDieRootOfflineWithNoTrustOption() throws Exception {
        try (Swtpm sim = realAdl()) {
            CliRunner.Result r = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "ek-chain", "--offline");
            JsonNode j = r.json();
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(j.get("trusted").asBoolean(), j.toString());
            JsonNode chain = j.get("chain");
            JsonNode top = chain.get(chain.size() - 1);
            assertTrue(top.get("subject").asText().contains("OnDie CA Root Cert Signing"), top.toString());
            assertEquals("trust-bundle", top.get("source").asText());
            boolean issuing = false;
            boolean nv = false;
            for (JsonNode l : chain) {
                issuing |= l.get("subject").asText().contains("ODCA 2 CSME P_ADL 00002820 Issuing CA")
                        && l.get("source").asText().equals("trust-bundle");
                nv |= l.get("subject").asText().contains("CSME ADL ROM CA")
                        && l.get("source").asText().startsWith("nv:0x01c00100");
            }
            assertTrue(issuing, "the ODCA issuing CA comes from the shipped bundle: " + chain);
            assertTrue(nv, "the ROM CA comes from NV: " + chain);
            assertFalse(r.err().contains("fetched"), r.err());

            CliRunner.Result off = CliRunner.run("--tpm", sim.tpmSpec(), "--json", "ek-chain", "--offline",
                    "--no-default-trust");
            assertEquals(1, off.exit(), off.out() + off.err());
            assertFalse(off.json().get("trusted").asBoolean());
            assertTrue(off.json().get("missingIssuer").asText().contains("ODCA 2 CSME P_ADL 00002820 Issuing CA"),
                    off.out());
        }
    }

    @Test
    void simIsTrustedWithNoTrustOption() {
        CliRunner.Result r = CliRunner.run("--tpm", "sim", "--json", "ek-chain");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.json().get("trusted").asBoolean(), r.out());
    }

    @Test
    void aTrustFileWithoutCertificatesIsReportedWithItsProblem(@TempDir Path dir) throws Exception {
        Path hostname = Files.writeString(dir.resolve("hostname"), "myhost\n");
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            CliRunner.Result r = CliRunner.run("--tpm", sim.tpmSpec(), "ek-chain", "--offline", "--trust",
                    hostname.toString());
            assertEquals(Tpm2jCli.TPM_ERROR, r.exit(), r.out() + r.err()); // a malformed input file: exit 3
            assertTrue(r.err().startsWith("tpm2j: --trust " + hostname + ": " + hostname + ": "), r.err());
            CliRunner.Result empty = CliRunner.run("--tpm", sim.tpmSpec(), "ek-chain", "--offline", "--trust",
                    Files.createDirectory(dir.resolve("empty")).toString());
            assertEquals(Tpm2jCli.TPM_ERROR, empty.exit(), empty.err());
            assertTrue(empty.err().contains("no certificates found"), empty.err());
        }
    }
}
