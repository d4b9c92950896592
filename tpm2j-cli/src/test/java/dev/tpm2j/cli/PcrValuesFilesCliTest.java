package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.PcrValuesFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-quote --pcr-values} and {@code eventlog --pcr-values} take tpm2-tools' own PCR files (the real ones of
 * testdata/tpm2-tools-pcr-files: tpm2_quote's default serialized {@code -o} file with the quote it came with) as well
 * as JSON, told apart by content; a malformed file is a usage error naming the option and the file. The CLI's JSON
 * document and the library's writer are the same text.
 */
class PcrValuesFilesCliTest {
    static Path file(String name) {
        return DefaultTrustTest.testdata().resolve("tpm2-tools-pcr-files").resolve(name);
    }

    static CliRunner.Result verify(Path values) {
        return CliRunner.run("verify-quote", "--json", "--ak-public", file("ak.pub").toString(), "--message",
                file("q.msg").toString(), "--signature", file("q.sig").toString(), "--pcr-values", values.toString(),
                "--nonce", "00112233");
    }

    @Test
    void verifyQuoteTakesTpm2QuotesSerializedFileAndItsJsonEquivalent(@TempDir Path dir) throws Exception {
        CliRunner.Result r = verify(file("q.pcrs.serialized"));
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode v = r.json();
        assertEquals("valid", v.get("verdict").asText());
        assertTrue(v.get("pcrDigestMatches").asBoolean());
        assertEquals(3, v.get("quotedPcrs").get("sha256").size());

        PcrValues values = PcrValuesFile.read(Files.readAllBytes(file("q.pcrs.serialized")), null);
        Path json = dir.resolve("q.json");
        Files.writeString(json, PcrValuesFile.toJson(values));
        assertEquals(0, verify(json).exit());

        // tpm2_pcrread's raw values of all PCRs do not fit the quote's four: refused, naming the file (exit 3: a malformed input file)
        CliRunner.Result raw = verify(file("pcrread.values"));
        assertEquals(Tpm2jCli.TPM_ERROR, raw.exit(), raw.out() + raw.err());
        assertTrue(raw.err().contains("--pcr-values " + file("pcrread.values")), raw.err());
        assertTrue(raw.err().contains("PCR values (raw digests)"), raw.err());

        byte[] broken = Files.readAllBytes(file("q.pcrs.serialized"));
        broken[136] = 9;
        Path bad = dir.resolve("bad.pcrs");
        Files.write(bad, broken);
        CliRunner.Result b = verify(bad);
        assertEquals(Tpm2jCli.TPM_ERROR, b.exit(), b.out() + b.err());
        assertEquals(1, b.err().strip().lines().count(), b.err());
        assertTrue(b.err().contains("--pcr-values " + bad + ": ")
                && b.err().contains("tpm2-tools PCR file (serialized) at offset 136"), b.err());
    }

    @Test
    void eventlogTakesATpm2ToolsFileAndRefusesRawValuesItCannotSplit() {
        Path log = AttestationCliTest.eventLog("ubuntu_2104_shielded_vm_no_secure_boot_eventlog.bin");
        CliRunner.Result r = CliRunner.run("eventlog", "--json", log.toString(), "--pcr-values",
                file("pcrread.serialized").toString());
        // a simulator's PCRs are not this VM's: read and compared, and the comparison says they differ
        assertEquals(Tpm2jCli.FINDING, r.exit(), r.out() + r.err());
        assertTrue(r.json().get("mismatch").isObject(), r.out());

        CliRunner.Result raw = CliRunner.run("eventlog", log.toString(), "--pcr-values",
                file("pcrread.values").toString());
        assertEquals(Tpm2jCli.TPM_ERROR, raw.exit(), raw.out() + raw.err());
        assertTrue(raw.err().contains("--pcr-values " + file("pcrread.values")) && raw.err().contains("selection"),
                raw.err());
    }

    @Test
    void theCliDocumentIsTheLibrarysJson() throws Exception {
        PcrValues values = PcrValuesFile.read(Files.readAllBytes(file("pcrread.serialized")), null);
        assertEquals(PcrValuesFile.toJson(values), Json.write(PcrValuesJson.document(values)));
    }
}
