package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eventlog} on a crafted log of the smallest possible events, in a JVM with a 64 MiB heap: the parse keeps
 * about twice the file, and the output (text or {@code --json}) is written event by event, so the run completes with
 * every event in a well-formed document. Built in memory, the JSON document of these 300,000 events took several
 * hundred MiB and the run ended in "not enough memory".
 */
class EventLogMemoryCliTest {
    static final int SIZE = 6 << 20;

    /** A crypto-agile log whose Spec ID declares one unknown bank with one-byte digests, then the smallest events. */
    static byte[] smallestEvents() {
        ByteBuffer spec = ByteBuffer.allocate(16 + 4 + 4 + 4 + 4 + 1).order(ByteOrder.LITTLE_ENDIAN);
        spec.put("Spec ID Event03\0".getBytes(StandardCharsets.US_ASCII)).putInt(0).put((byte) 0).put((byte) 2)
                .put((byte) 0).put((byte) 2).putInt(1).putShort((short) 0x7f00).putShort((short) 1).put((byte) 0);
        ByteBuffer header = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0).putInt(3).put(new byte[20]).putInt(spec.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE);
        out.writeBytes(header.array());
        out.writeBytes(spec.array());
        // PCR 1, type 0x0d (EV_IPL), one digest of the one-byte bank, no data: 19 bytes
        byte[] event = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(0x0d).putInt(1)
                .putShort((short) 0x7f00).put((byte) 7).putInt(0).array();
        while (out.size() + event.length <= SIZE) {
            out.writeBytes(event);
        }
        return out.toByteArray();
    }

    private static int run(Path log, Path output, String... options) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), "dev.tpm2j.cli.Tpm2jCli"));
        command.addAll(List.of(options));
        command.addAll(List.of("eventlog", log.toString()));
        Process p = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "eventlog finished");
        return p.exitValue();
    }

    @Test
    void theJsonOfALogOfTheSmallestEventsIsWrittenWithinA64MiBHeap(@TempDir Path tmp) throws Exception {
        byte[] bytes = smallestEvents();
        int expected = 1 + (bytes.length - 32 - 33) / 19; // the Spec ID header event, then the crafted ones
        Path log = tmp.resolve("crafted.bin");
        Files.write(log, bytes);
        Path json = tmp.resolve("out.json");
        assertEquals(0, run(log, json, "--json"), Files.readString(tmp.resolve("out.json.err")));
        int events = 0;
        boolean pcrs = false;
        try (JsonParser p = new JsonFactory().createParser(json.toFile())) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            assertEquals("events", p.nextFieldName());
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            while (p.nextToken() == JsonToken.START_OBJECT) {
                events++;
                p.skipChildren();
            }
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("pcrs")) {
                    pcrs = true;
                }
                p.skipChildren();
            }
        }
        assertEquals(expected, events, "every event, in a well-formed document");
        assertTrue(pcrs, "then the replayed PCRs");
    }

    @Test
    void theTextOfALogOfTheSmallestEventsIsWrittenWithinA64MiBHeap(@TempDir Path tmp) throws Exception {
        byte[] bytes = smallestEvents();
        Path log = tmp.resolve("crafted.bin");
        Files.write(log, bytes);
        Path text = tmp.resolve("out.txt");
        assertEquals(0, run(log, text), Files.readString(tmp.resolve("out.txt.err")));
        long lines;
        try (var s = Files.lines(text)) {
            lines = s.filter(l -> l.matches("\\s*\\d+ PCR1 .*")).count();
        }
        assertEquals((bytes.length - 32 - 33) / 19, lines);
    }
}
