package dev.tpm2j.attest.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.LogEditor;
import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.SyntheticLog;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * go-attestation's Secure Boot rules on a real log booted with Secure Boot on ({@code sb_cert_eventlog.bin}: SecureBoot
 * = 1, PK, KEK, 4 db certificates, 77 dbx hashes, three authority events) and on logs crafted from it, each event
 * hashed honestly so that the crafted log replays to the PCR 7 a quote would then show: each rule refuses with its own
 * reason, naming the event.
 */
class RealSecureBootLogRulesTest {
    private static final String LOG = "sb_cert_eventlog.bin";

    private static SecureBootState state(EventLog log) {
        return log.secureBoot(log.replay().extended());
    }

    private static String refused(EventLog log) {
        return assertInstanceOf(SecureBootState.Refused.class, state(log)).why();
    }

    private static int variable(LogEditor editor, String name) {
        return editor.find(e -> e.pcrIndex() == 7 && e.eventType() == EventType.EV_EFI_VARIABLE_DRIVER_CONFIG
                && e.content() instanceof EventContent.EfiVariable v && v.name().equals(name));
    }

    private static Bytes value(LogEditor editor, int number) {
        return ((EventContent.EfiVariable) editor.event(number).content()).value();
    }

    @Test
    void theRealLogIsEnabled() {
        assertInstanceOf(SecureBootState.Enabled.class, state(LogEditor.of(LOG).parse()));
    }

    @Test
    void aSecondPcr7SeparatorIsRefused() {
        LogEditor log = LogEditor.of(LOG);
        int separator = log.find(e -> e.pcrIndex() == 7 && e.eventType() == EventType.EV_SEPARATOR);
        log.insert(separator + 1, 7, EventType.EV_SEPARATOR, new byte[4]);
        assertEquals("a second separator in PCR 7 (event " + (separator + 1) + ")", refused(log.parse()));
    }

    @Test
    void aPcr7VariableThatDoesNotDecodeIsRefused() {
        LogEditor log = LogEditor.of(LOG);
        int pk = variable(log, "PK");
        byte[] whole = log.event(pk).data().toByteArray();
        log.replaceData(pk, Arrays.copyOf(whole, whole.length - 1)); // VariableDataLength now exceeds the data
        assertEquals("a PCR 7 variable event does not decode (event " + pk + ")", refused(log.parse()));
    }

    @Test
    void aVariableNameLengthPast32BitsIsNotReadAsItsLowHalf() {
        // UnicodeNameLength is a UINT64: 2^32 + 2 is not the 2 characters of "PK"
        LogEditor log = LogEditor.of(LOG);
        int pk = variable(log, "PK");
        byte[] data = log.event(pk).data().toByteArray();
        assertEquals(2, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getLong(16));
        data[20] = 1;
        log.replaceData(pk, data);
        EventLog crafted = log.parse();
        EventContent.Undecodable u = assertInstanceOf(EventContent.Undecodable.class,
                crafted.events().get(pk).content());
        assertTrue(u.why().endsWith("UnicodeNameLength 4294967298 exceeds the data"), u.why());
        assertEquals("a PCR 7 variable event does not decode (event " + pk + ")", refused(crafted));
    }

    @Test
    void aPkThatIsNotAListOfSignatureListsIsRefused() {
        LogEditor log = LogEditor.of(LOG);
        int pk = variable(log, "PK");
        byte[] real = value(log, pk).toByteArray();
        log.replaceData(pk, SyntheticLog.efiGlobalVariable("PK", Arrays.copyOf(real, real.length - 1)));
        assertEquals("variable PK is not a list of EFI signature lists (event " + pk + ")", refused(log.parse()));
    }

    @Test
    void anEmptyPkIsRefusedWhenSecureBootIsOn() {
        LogEditor log = LogEditor.of(LOG);
        int pk = variable(log, "PK");
        log.replaceData(pk, SyntheticLog.efiGlobalVariable("PK", new byte[0]));
        assertEquals("Secure Boot enabled but PK holds no keys or hashes", refused(log.parse()));
    }

    @Test
    void aPkWhoseSignatureListHoldsNoEntryIsRefusedWhenSecureBootIsOn() {
        LogEditor log = LogEditor.of(LOG);
        int pk = variable(log, "PK");
        byte[] header = Arrays.copyOf(value(log, pk).toByteArray(), 28); // the real list's header alone
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 28);
        assertEquals(0, EfiSignatureLists.count(header));
        log.replaceData(pk, SyntheticLog.efiGlobalVariable("PK", header));
        assertEquals("Secure Boot enabled but PK holds no keys or hashes", refused(log.parse()));
    }

    @Test
    void anEmptyDbxIsFine() {
        LogEditor log = LogEditor.of(LOG);
        int dbx = variable(log, "dbx");
        log.replaceData(dbx, SyntheticLog.imageSecurityVariable("dbx", new byte[0]));
        assertInstanceOf(SecureBootState.Enabled.class, state(log.parse()));
    }

    @Test
    void aPcr7AuthorityThatDoesNotDecodeIsRefused() {
        LogEditor log = LogEditor.of(LOG);
        int authority = log.find(e -> e.pcrIndex() == 7 && e.eventType() == EventType.EV_EFI_VARIABLE_AUTHORITY);
        log.replaceData(authority, Arrays.copyOf(log.event(authority).data().toByteArray(), 20));
        assertEquals("a PCR 7 authority event does not decode (event " + authority + ")", refused(log.parse()));
    }

    @Test
    void secureBootOnWithoutAnyAuthorityEventIsRefused() {
        LogEditor log = LogEditor.of(LOG);
        List<Integer> authorities = log.findAll(e -> e.pcrIndex() == 7
                && e.eventType() == EventType.EV_EFI_VARIABLE_AUTHORITY);
        assertEquals(3, authorities.size());
        for (int i = authorities.size() - 1; i >= 0; i--) {
            log.remove(authorities.get(i));
        }
        assertEquals("Secure Boot enabled but no key was used (no authority event)", refused(log.parse()));
    }

    @Test
    void aQuotedPcr7TheLogDoesNotReplayToIsNamed() {
        EventLog log = LogEditor.of(LOG).parse();
        PcrValues replayed = log.replay().extended();
        Bytes other = Bytes.of(new byte[32]);
        SecureBootState.Unverified u = assertInstanceOf(SecureBootState.Unverified.class,
                log.secureBoot(replayed.with(TpmAlgId.SHA256, 7, other)));
        assertEquals("the log's PCR 7 does not replay to the quoted sha256:7", u.why());
        // one bank is enough to differ, whatever the others say
        SecureBootState.Unverified sha1 = assertInstanceOf(SecureBootState.Unverified.class, log.secureBoot(
                PcrValues.EMPTY.with(TpmAlgId.SHA256, 7, replayed.value(TpmAlgId.SHA256, 7))
                        .with(TpmAlgId.SHA1, 7, Bytes.of(new byte[20]))));
        assertEquals("the log's PCR 7 does not replay to the quoted sha1:7", sha1.why());
    }

    @Test
    void withoutPcr7InABankOfTheLogNothingIsVouchedFor() {
        EventLog log = LogEditor.of(LOG).parse();
        PcrValues replayed = log.replay().extended();
        for (PcrValues quoted : List.of(PcrValues.EMPTY,
                PcrValues.EMPTY.with(TpmAlgId.SHA256, 0, replayed.value(TpmAlgId.SHA256, 0)),
                PcrValues.EMPTY.with(TpmAlgId.SHA512, 7, Bytes.of(new byte[64])))) {
            SecureBootState.Unverified u = assertInstanceOf(SecureBootState.Unverified.class, log.secureBoot(quoted),
                    quoted.toString());
            assertEquals("no quote-verified PCR 7 value in a bank the log carries", u.why());
        }
        // PCR 7 in one bank of the log is enough
        assertInstanceOf(SecureBootState.Enabled.class, log.secureBoot(PcrValues.EMPTY.with(TpmAlgId.SHA384, 7,
                replayed.value(TpmAlgId.SHA384, 7))));
    }

    // ---- EfiSignatureLists: the real databases and every limit of the EFI_SIGNATURE_LIST layout

    @Test
    void theRealDatabasesCountTheirEntries() {
        LogEditor log = LogEditor.of(LOG);
        // PK and KEK: one X.509 certificate each; db: four lists of one certificate; dbx: one list of 77 SHA-256
        // hashes (28 + 77 x 48 = 3,724 bytes, the variable's size)
        assertEquals(1, EfiSignatureLists.count(value(log, variable(log, "PK")).toByteArray()));
        assertEquals(1, EfiSignatureLists.count(value(log, variable(log, "KEK")).toByteArray()));
        assertEquals(4, EfiSignatureLists.count(value(log, variable(log, "db")).toByteArray()));
        byte[] dbx = value(log, variable(log, "dbx")).toByteArray();
        assertEquals(3724, dbx.length);
        assertEquals(77, EfiSignatureLists.count(dbx));
        // two databases back to back count both
        byte[] both = Arrays.copyOf(dbx, dbx.length * 2);
        System.arraycopy(dbx, 0, both, dbx.length, dbx.length);
        assertEquals(154, EfiSignatureLists.count(both));
        assertEquals(0, EfiSignatureLists.count(new byte[0]));
    }

    @Test
    void aListOver64KibCountsEveryEntry() {
        // the real dbx's header and first entry, the entry repeated 1,400 times: 28 + 1,400 x 48 = 67,228 bytes
        LogEditor log = LogEditor.of(LOG);
        byte[] dbx = value(log, variable(log, "dbx")).toByteArray();
        byte[] big = new byte[28 + 1400 * 48];
        System.arraycopy(dbx, 0, big, 0, 28);
        for (int i = 0; i < 1400; i++) {
            System.arraycopy(dbx, 28, big, 28 + i * 48, 48);
        }
        ByteBuffer.wrap(big).order(ByteOrder.LITTLE_ENDIAN).putInt(16, big.length);
        assertEquals(1400, EfiSignatureLists.count(big));
    }

    /** An EFI_SIGNATURE_LIST header (the real dbx's type GUID) followed by {@code bodyBytes} zero bytes. */
    private static byte[] list(long listSize, long headerSize, long signatureSize, int bodyBytes) {
        ByteBuffer b = ByteBuffer.allocate(28 + bodyBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x26, 0x16, (byte) 0xc4, (byte) 0xc1, 0x4c, 0x50, (byte) 0x92, 0x40, (byte) 0xac,
                (byte) 0xa9, 0x41, (byte) 0xf9, 0x36, (byte) 0x93, 0x43, 0x28});
        b.putInt((int) listSize).putInt((int) headerSize).putInt((int) signatureSize);
        return b.array();
    }

    @Test
    void eachLimitOfASignatureListHoldsExactly() {
        // entries of 48 bytes (owner GUID + SHA-256), one and two of them
        assertEquals(1, EfiSignatureLists.count(list(28 + 48, 0, 48, 48)));
        assertEquals(2, EfiSignatureLists.count(list(28 + 96, 0, 48, 96)));
        // a signature header before the entries
        assertEquals(1, EfiSignatureLists.count(list(28 + 8 + 48, 8, 48, 56)));
        // the list size must cover the 28-byte header
        assertEquals(0, EfiSignatureLists.count(list(28, 0, 48, 0)));
        assertEquals(-1, EfiSignatureLists.count(list(27, 0, 48, 0)));
        // ... and the signature header
        assertEquals(-1, EfiSignatureLists.count(list(28 + 8, 9, 48, 8)));
        assertEquals(0, EfiSignatureLists.count(list(28 + 8, 8, 48, 8)));
        // entries hold at least the owner GUID
        assertEquals(1, EfiSignatureLists.count(list(28 + 16, 0, 16, 16)));
        assertEquals(-1, EfiSignatureLists.count(list(28 + 15, 0, 15, 15)));
        assertEquals(-1, EfiSignatureLists.count(list(28, 0, 0, 0)));
        // entries fill the list exactly
        assertEquals(-1, EfiSignatureLists.count(list(28 + 47, 0, 48, 47)));
        assertEquals(-1, EfiSignatureLists.count(list(28 + 49, 0, 48, 49)));
        // the list must fit in the value
        assertEquals(-1, EfiSignatureLists.count(list(28 + 48, 0, 48, 47)));
        assertEquals(-1, EfiSignatureLists.count(list(28 + 48, 0, 48, 49)));
        // sizes past 2^31 are refused, not wrapped
        assertEquals(-1, EfiSignatureLists.count(list(0xFFFF_FFFFL, 0, 48, 48)));
        assertEquals(-1, EfiSignatureLists.count(list(28 + 48, 0xFFFF_FFFFL, 48, 48)));
        // a truncated header
        assertEquals(-1, EfiSignatureLists.count(Arrays.copyOf(list(28 + 48, 0, 48, 48), 27)));
    }
}
