package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resolution order of selection strings: explicit, TPM2J_TPM, TPM2TOOLS_TCTI, platform default. */
class TransportSelectionTest {

    /** A provider for scheme "fake" that remembers its configuration; registered for tests only. */
    public static final class FakeProvider implements TpmTransportProvider {
        static volatile boolean platformDefault;

        @Override
        public String scheme() {
            return "fake";
        }

        @Override
        public TpmTransport open(String configuration) {
            if (configuration.equals("broken")) {
                throw new IllegalArgumentException("fake: broken on purpose");
            }
            return new Fake(configuration);
        }

        @Override
        public boolean isPlatformDefault() {
            return platformDefault;
        }
    }

    record Fake(String config) implements TpmTransport {
        @Override
        public byte[] transmit(byte[] command) {
            return new byte[0];
        }

        @Override
        public void close() {
        }
    }

    @Test
    void explicitSpecIsParsedBySchemeCaseInsensitively() {
        assertEquals(new Fake("host=x,port=1"), TransportSelection.open("FAKE:host=x,port=1"));
        assertEquals(new Fake(""), TransportSelection.open("fake"));
    }

    @Test
    void environmentPrecedence() {
        assertEquals(new Fake("a"), TransportSelection.openDefault(Map.of("TPM2J_TPM", "fake:a",
                "TPM2TOOLS_TCTI", "fake:b")));
        assertEquals(new Fake("b"), TransportSelection.openDefault(Map.of("TPM2TOOLS_TCTI", "fake:b")));
        FakeProvider.platformDefault = true;
        try {
            assertEquals(new Fake(""), TransportSelection.openDefault(Map.of()));
        } finally {
            FakeProvider.platformDefault = false;
        }
    }

    @Test
    void nothingReachableListsWhatWasTried() {
        TpmTransportException e = assertThrows(TpmTransportException.class,
                () -> TransportSelection.openDefault(Map.of()));
        assertTrue(e.getMessage().startsWith("no TPM reachable; tried: TPM2J_TPM (unset); TPM2TOOLS_TCTI (unset)"),
                e.getMessage());
    }

    @Test
    void unknownSchemeAndEmptySpecAreOneLineErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransportSelection.open("tabrmd:bus=session"));
        assertEquals("unknown TPM scheme 'tabrmd' in 'tabrmd:bus=session'; known: fake", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransportSelection.open("  "));
        assertEquals("fake: broken on purpose", assertThrows(IllegalArgumentException.class,
                () -> TransportSelection.open("fake:broken")).getMessage());
    }
}
