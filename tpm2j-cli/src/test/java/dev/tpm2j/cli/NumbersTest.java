package dev.tpm2j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Numbers parse like tpm2-tools (0x… hexadecimal, otherwise decimal) and are range-checked, never truncated. */
class NumbersTest {
    @Test
    void hexNeedsThePrefixAndDecimalIsDecimal() {
        assertEquals(0x01c00002, Numbers.nvIndex("0x01c00002"));
        assertEquals(0x01c00002, Numbers.nvIndex("0X01C00002"));
        assertEquals(0x01c00002, Numbers.nvIndex("29360130"));
        assertEquals(0x81010001, Numbers.handle("0x81010001"));
        assertEquals(16, Numbers.parse("--size", "16", 1, 0xFFFF));
        assertEquals(16, Numbers.parse("--size", "0x10", 1, 0xFFFF));
        assertEquals(10000000, Numbers.parse("--offset", "10000000", 0, 0xFFFFFFFFL),
                "an 8-digit decimal is decimal, as in tpm2-tools");
    }

    @Test
    void outOfRangeAndMalformedAreRefusedWithTheRange() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> Numbers.nvIndex("0x101c00002"));
        assertTrue(big.getMessage().contains("outside 0x1000000..0x1ffffff"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Numbers.handle("0x100000000"));
        assertThrows(IllegalArgumentException.class, () -> Numbers.handle("0xffffffffffffffffff"));
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
                () -> Numbers.parse("--size", "-1", 1, 0xFFFF));
        assertEquals("--size -1 is outside 1..65535", neg.getMessage());
        IllegalArgumentException hex = assertThrows(IllegalArgumentException.class, () -> Numbers.nvIndex("01c00002"));
        assertTrue(hex.getMessage().contains("hexadecimal needs 0x: 0x01c00002"), hex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Numbers.handle("0x"));
        assertThrows(IllegalArgumentException.class, () -> Numbers.handle(""));
        assertThrows(IllegalArgumentException.class, () -> Numbers.handle("1e3"));
        assertThrows(IllegalArgumentException.class, () -> Numbers.nvIndex("0x81010001"));
    }
}
