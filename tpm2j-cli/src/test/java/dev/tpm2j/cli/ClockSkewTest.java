package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** diagnose --time-url takes the reference time from a server's Date header (a local one here). */
class ClockSkewTest {
    @Test
    void dateHeaderThirtyMinutesOffFailsAndInSyncPasses() throws Exception {
        // a raw HTTP responder: the JDK's own HTTP server insists on writing the true Date
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Duration[] offset = {Duration.ofMinutes(-30)};
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            ZonedDateTime.now(ZoneOffset.UTC).plus(offset[0]));
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nDate: " + date
                            + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes());
                } catch (java.io.IOException e) {
                    // next
                }
            }
        });
        t.setDaemon(true);
        t.start();
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/";
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            JsonNode off = CliRunner.run(CliTest.args(sim, "diagnose", "--time-url", url).toArray(String[]::new))
                    .json();
            JsonNode skew = CliTest.check(off, "clock-skew");
            assertEquals("fail", skew.get("status").asText(), off.toString());
            assertTrue(skew.get("detail").asText().contains("ahead by 30 min")
                    || skew.get("detail").asText().contains("ahead by 29 min"), skew.toString());
            offset[0] = Duration.ZERO;
            JsonNode ok = CliRunner.run(CliTest.args(sim, "diagnose", "--time-url", url).toArray(String[]::new))
                    .json();
            assertEquals("pass", CliTest.check(ok, "clock-skew").get("status").asText(), ok.toString());
        } finally {
            server.close();
        }
    }
}
