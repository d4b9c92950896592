package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.List;

/**
 * The TPM2 key store file parser over arbitrary bytes (a key store file is untrusted input: it may be corrupt,
 * truncated or crafted). Oracle: either entries or a {@link TpmKeyStoreFormatException}, never another exception;
 * what parses writes back to bytes that parse to the same aliases. Seeds: a valid store with a key entry (chain of
 * two) and a certificate entry, and truncations of it.
 */
class KeyStoreFormatFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parseGivesEntriesOrATypedError(byte[] file) throws IOException {
        List<StoredEntry> entries;
        try {
            entries = KeyStoreFormat.parse(file);
        } catch (TpmKeyStoreFormatException e) {
            return;
        }
        List<StoredEntry> again = KeyStoreFormat.parse(KeyStoreFormat.write(entries));
        assertEquals(entries.stream().map(StoredEntry::alias).toList(), again.stream().map(StoredEntry::alias)
                .toList());
    }
}
