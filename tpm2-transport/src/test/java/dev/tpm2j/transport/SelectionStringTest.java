package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.TpmTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** tpm2-tools compatible selection strings: every form parses; malformed ones give a one-line error. */
class SelectionStringTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "host=127.0.0.1,port=2321|127.0.0.1|2321",
            "port=4000|localhost|4000",
            "host=tpm.example|tpm.example|2321",
            "|localhost|2321",
            " host = ::1 , port = 10 |::1|10"})
    void tcpConfigurations(String config, String host, int port) {
        TctiConfig c = TctiConfig.parse("swtpm", config == null ? "" : config);
        assertEquals(new TctiConfig(host, port), c);
    }

    @ParameterizedTest
    @ValueSource(strings = {"port=abc", "port=0", "port=70000", "host=", "bogus=1", "port", "port=1,port=2", "host=a,"})
    void malformedConfigurationsAreOneLineErrors(String config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TctiConfig.parse("swtpm", config));
        assertTrue(e.getMessage().startsWith("swtpm: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void providersBuildTheRightTransports() throws Exception {
        try (TpmTransport t = new TransportProviders.Swtpm().open("host=127.0.0.1,port=2321")) {
            assertInstanceOf(SwtpmTransport.class, t);
            assertEquals("swtpm:host=127.0.0.1,port=2321", t.toString());
        }
        try (TpmTransport t = new TransportProviders.Mssim().open("port=2321")) {
            assertInstanceOf(MssimTransport.class, t);
            assertEquals("mssim:host=localhost,port=2321", t.toString());
        }
        try (TpmTransport t = new TransportProviders.Device().open("/dev/tpm0")) {
            assertEquals("device:/dev/tpm0", t.toString());
        }
        IllegalArgumentException rel = assertThrows(IllegalArgumentException.class,
                () -> new TransportProviders.Device().open("tpm0"));
        assertTrue(rel.getMessage().contains("absolute path"));
    }
}
