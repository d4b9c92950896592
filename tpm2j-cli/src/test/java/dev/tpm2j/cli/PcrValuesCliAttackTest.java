package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.PcrValuesFile;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack review (CLI, as a user runs it): {@code verify-quote --pcr-values} and {@code eventlog --pcr-values} with
 * crafted PCR files against the real tpm2_quote of testdata/tpm2-tools-pcr-files (sha256:0,1,7 + sha1:2).
 */
class PcrValuesCliAttackTest {
    static Path file(String name) {
        return DefaultTrustTest.testdata().resolve("tpm2-tools-pcr-files").resolve(name);
    }

    static CliRunner.Result verify(Path values) {
        return CliRunner.run("verify-quote", "--json", "--ak-public", file("ak.pub").toString(), "--message",
                file("q.msg").toString(), "--signature", file("q.sig").toString(), "--pcr-values", values.toString(),
                "--nonce", "00112233");
    }

    /** HELD: sha256:7's value moved to sha256:6 in the serialized file (select byte 0x83 -> 0x43): INVALID. */
    @Test
    void relabelledPcrInSerializedFile(@TempDir Path dir) throws Exception {
        byte[] f = Files.readAllBytes(file("q.pcrs.serialized"));
        assertEquals((byte) 0x83, f[4 + 3]);
        f[4 + 3] = 0x43;
        Path p = dir.resolve("relabelled.pcrs");
        Files.write(p, f);
        CliRunner.Result r = verify(p);
        System.out.println("[attack] verify-quote relabelled -> exit " + r.exit() + " " + r.out().strip());
        assertEquals(Tpm2jCli.FINDING, r.exit(), r.out() + r.err());
    }

    /** HELD: JSON of the quoted values plus a forged sha256:23 is pcr-not-quoted; eventlog never sees it as valid. */
    @Test
    void jsonWithAnExtraPcr(@TempDir Path dir) throws Exception {
        PcrValues v = PcrValuesFile.read(Files.readAllBytes(file("q.pcrs.serialized")), null);
        Path p = dir.resolve("extra.json");
        Files.writeString(p, PcrValuesFile.toJson(v.with(0x000B, 23, dev.tpm2j.core.marshal.Bytes.of(new byte[32]))));
        CliRunner.Result r = verify(p);
        System.out.println("[attack] verify-quote extra PCR -> exit " + r.exit() + " " + r.out().strip());
        assertEquals(Tpm2jCli.FINDING, r.exit());
        assertTrue(r.out().contains("pcr-not-quoted"), r.out());
    }

    /**
     * Found by the attack review: a --pcr-values file far larger than any PCR file (a sparse 3 GiB file, e.g. a disk
     * image given by mistake) was read whole before the size check, and OutOfMemoryError escaped the CLI. Input files
     * are now read with a bound: exit 3, one line naming the option and the file.
     */
    @Test
    void aHugePcrValuesFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(3L << 30);
        }
        String v = run(() -> verify(big));
        String e = run(() -> CliRunner.run("eventlog", "--json", "--pcr-values", big.toString(),
                DefaultTrustTest.testdata().resolve("eventlogs/crypto_agile_eventlog.bin").toString()));
        System.out.println("[attack] verify-quote --pcr-values 3GiB -> " + v);
        System.out.println("[attack] eventlog --pcr-values 3GiB -> " + e);
        assertTrue(v.startsWith("exit 3") && v.contains("--pcr-values") && v.contains(big.toString()), v);
        assertTrue(e.startsWith("exit 3") && e.contains("--pcr-values") && e.contains(big.toString()), e);
    }

    private static String run(java.util.function.Supplier<CliRunner.Result> cli) {
        try {
            CliRunner.Result r = cli.get();
            return "exit " + r.exit() + " " + r.err().strip().lines().findFirst().orElse("");
        } catch (Throwable t) {
            return "escaped: " + t;
        }
    }
}
