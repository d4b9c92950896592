package dev.tpm2j.core.marshal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The exact boundaries of the bounds-checked reader and the writer, one byte either side of every limit (found by
 * mutation testing: the fuzz targets show that bad input gives a TpmFormatException, these pin which input and
 * with which offset and message).
 */
class MarshalBoundaryTest {
    static TpmReader hex(String h) {
        return TpmReader.of(HexFormat.of().parseHex(h));
    }

    static TpmFormatException fails(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(TpmFormatException.class, e);
    }

    @Test
    void integersReadExactlyTheirWidthBigEndian() {
        TpmReader r = hex("ab" + "1234" + "89abcdef" + "8000000000000001");
        assertEquals(0xAB, r.u8("t"));
        assertEquals(0x1234, r.u16("t"));
        assertEquals(0x89ABCDEF, r.u32("t"));
        assertEquals(0x8000000000000001L, r.u64("t"));
        assertFalse(r.hasRemaining());
        assertEquals(0, r.remaining());
        r.expectEnd("t");
    }

    @Test
    void oneByteShortIsAFormatErrorAtTheCurrentOffset() {
        TpmReader r = hex("00" + "123456");
        r.u8("t");
        TpmFormatException e = fails(() -> r.u32("T"));
        assertEquals(1, e.offset());
        assertEquals("T", e.structure());
        assertEquals("T at offset 1: needs 4 bytes, only 3 remain", e.getMessage());
        assertEquals(0x1234, r.u16("t"), "a failed read consumes nothing");
        fails(() -> r.u16("t"));
        assertEquals(0x56, r.u8("t"));
        fails(() -> r.u8("t"));
    }

    @Test
    void yesNoAcceptsOnlyZeroAndOne() {
        TpmReader r = hex("000102");
        assertFalse(r.yesNo("t"));
        assertTrue(r.yesNo("t"));
        TpmFormatException e = fails(() -> r.yesNo("t"));
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().endsWith("TPMI_YES_NO must be 0 or 1, got 2"), e.getMessage());
    }

    @Test
    void rawChecksSignAndLength() {
        TpmReader r = hex("0102");
        assertEquals(0, r.raw(0, "t").length);
        fails(() -> r.raw(-1, "t"));
        fails(() -> r.raw(3, "t"));
        assertArrayEquals(new byte[] {1, 2}, r.raw(2, "t"));
    }

    @Test
    void tpm2bSizeAtTheMaximumAndAtTheRemainderIsAcceptedOneMoreIsNot() {
        assertEquals(Bytes.fromHex("aabb"), hex("0002aabb").tpm2b("t", 2));
        TpmFormatException overMax = fails(() -> hex("0003aabbcc").tpm2b("t", 2));
        assertEquals(0, overMax.offset());
        assertTrue(overMax.getMessage().endsWith("size 3 exceeds the spec maximum 2"), overMax.getMessage());
        TpmFormatException overRemaining = fails(() -> hex("0003aabb").tpm2b("t", 10));
        assertTrue(overRemaining.getMessage().endsWith("size 3 exceeds the 2 bytes remaining"),
                overRemaining.getMessage());
        assertSame(Bytes.EMPTY, hex("0000").tpm2b("t", 0));
    }

    @Test
    void sizedReadersAreConfinedToTheirSize() {
        TpmReader r = hex("0002" + "aabb" + "cc");
        TpmReader sub = r.sized("t", 2);
        assertEquals(2, sub.remaining());
        assertEquals(2, sub.offset(), "offsets stay absolute");
        assertEquals(0xAABB, sub.u16("t"));
        fails(() -> sub.u8("t"));
        assertEquals(0xCC, r.u8("t"));
        r.expectEnd("t");
    }

    @Test
    void sized32RejectsSizesBeyondTheRemainderIncludingTheTopBit() {
        TpmReader ok = hex("00000001" + "ff");
        assertEquals(1, ok.sized32("t").remaining());
        assertFalse(ok.hasRemaining());
        TpmFormatException e = fails(() -> hex("ffffffff" + "ff").sized32("t"));
        assertTrue(e.getMessage().endsWith("size 4294967295 exceeds the 1 bytes remaining"), e.getMessage());
        fails(() -> hex("00000002" + "ff").sized32("t"));
    }

    @Test
    void countChecksTheMaximumAndTheSmallestPossibleElements() {
        assertEquals(2, hex("00000002" + "aabbccdd").count("t", 2, 2));
        TpmFormatException overMax = fails(() -> hex("00000003" + "aabbccddeeff").count("t", 2, 2));
        assertTrue(overMax.getMessage().endsWith("count 3 exceeds the spec maximum 2"), overMax.getMessage());
        TpmFormatException overBytes = fails(() -> hex("00000002" + "aabbcc").count("t", 8, 2));
        assertTrue(overBytes.getMessage().endsWith("count 2 needs at least 4 bytes, only 3 remain"),
                overBytes.getMessage());
        fails(() -> hex("ffffffff").count("t", Integer.MAX_VALUE, 1));
    }

    @Test
    void sliceAndExpectEnd() {
        TpmReader r = hex("010203");
        TpmReader s = r.slice(2, "t");
        assertEquals(2, s.remaining());
        fails(() -> r.slice(2, "t"));
        TpmFormatException trailing = fails(() -> r.expectEnd("T"));
        assertEquals("T at offset 2: 1 unexpected trailing bytes", trailing.getMessage());
    }

    @Test
    void subrangeReaderChecksItsRangeAndKeepsAbsoluteOffsets() {
        byte[] buf = HexFormat.of().parseHex("0001020304");
        TpmReader r = TpmReader.of(buf, 3, 2);
        assertEquals(3, r.offset());
        assertEquals(0x0304, r.u16("t"));
        TpmReader whole = TpmReader.of(buf, 0, 5);
        assertEquals(5, whole.remaining());
        assertThrows(IllegalArgumentException.class, () -> TpmReader.of(buf, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> TpmReader.of(buf, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> TpmReader.of(buf, 0, -1));
        assertEquals(0, TpmReader.of(buf, 1, 0).remaining(), "an empty range is a range");
        assertEquals(5, r.error("t", "x").offset());
        assertEquals(1, r.errorAt(1, "t", "x").offset());
    }

    @Test
    void writerIsBigEndianAndBackFillsSizes() {
        TpmWriter w = new TpmWriter(1);
        w.u8(0x1AB).u16(0xFFFF).u32(0x89ABCDEF).u64(0x0102030405060708L).yesNo(true).yesNo(false);
        assertEquals("ab" + "ffff" + "89abcdef" + "0102030405060708" + "01" + "00",
                HexFormat.of().formatHex(w.toByteArray()));
        assertEquals(17, w.size());
        assertThrows(IllegalArgumentException.class, () -> w.u16(0x10000));
        assertThrows(IllegalArgumentException.class, () -> w.u16(-1));
        TpmWriter s = new TpmWriter().sized(b -> b.u32(7).tpm2b(Bytes.fromHex("aa")).tpm2b(new byte[] {1, 2}));
        assertEquals("000b" + "00000007" + "0001aa" + "00020102", s.toBytes().toHex());
        s.putU32At(2, 0x01020304);
        assertEquals("000b" + "01020304", s.toBytes().toHex().substring(0, 12));
        s.raw(new byte[] {9, 8, 7}, 1, 2);
        assertTrue(s.toBytes().toHex().endsWith("0807"));
        TpmWriter chained = new TpmWriter();
        chained.raw(new byte[] {1}).raw(new byte[] {9, 2, 9}, 1, 1).raw(Bytes.fromHex("03")).tpm2b(new byte[] {4})
                .tpm2b(Bytes.EMPTY).u8(5);
        assertEquals("010203" + "000104" + "0000" + "05", chained.toBytes().toHex());
        TpmWriter after = new TpmWriter().u8(0xEE).sized(b -> b.raw(new byte[0xFFFF]));
        assertEquals("eeffff", HexFormat.of().formatHex(after.toByteArray(), 0, 3), "size counted from its field");
        assertThrows(IllegalArgumentException.class, () -> new TpmWriter().u8(1).sized(b -> b.raw(new byte[0x10000])));
        s.wipe();
        assertEquals(0, s.size());
        assertEquals(0, s.toByteArray().length);
    }

    @Test
    void bytesValueSemantics() {
        Bytes a = Bytes.fromHex("00ff");
        assertEquals(a, Bytes.of((byte) 0, (byte) 0xFF));
        assertEquals(a.hashCode(), Bytes.of((byte) 0, (byte) 0xFF).hashCode());
        assertNotEquals(a, Bytes.fromHex("00fe"));
        assertNotEquals(a.hashCode(), Bytes.fromHex("00fe").hashCode());
        assertTrue(Bytes.fromHex("ff").compareTo(Bytes.fromHex("01")) > 0, "unsigned order");
        assertEquals(0, a.compareTo(Bytes.fromHex("00FF")));
        assertEquals(Bytes.fromHex("00ff01"), a.concat(Bytes.fromHex("01")));
        assertEquals(Bytes.fromHex("ff"), a.slice(1, 2));
        assertEquals(Bytes.fromHex("ff"), Bytes.of(new byte[] {1, (byte) 0xFF, 2}, 1, 1));
        assertSame(Bytes.EMPTY, Bytes.of(new byte[] {1}, 0, 0));
        assertSame(Bytes.EMPTY, Bytes.zeros(0));
        assertTrue(Bytes.EMPTY.isEmpty());
        assertFalse(a.isEmpty());
        assertEquals((byte) 0xFF, a.get(1));
        byte[] copy = a.toByteArray();
        copy[0] = 9;
        assertEquals(0, a.get(0), "toByteArray is a copy");
        assertEquals("00ff", a.toString());
        String big = Bytes.zeros(65).toString();
        assertTrue(big.endsWith("…(65 bytes)") && big.startsWith("00".repeat(32) + "…"), big);
        assertEquals("00".repeat(64), Bytes.zeros(64).toString());
    }
}
