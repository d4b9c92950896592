package dev.tpm2j.diagnose.explain;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes of a Windows log file to text: UTF-16LE/BE or UTF-8 by byte-order mark, else UTF-16 recognised by its zero
 * bytes, else UTF-8; malformed sequences become U+FFFD, CRLF and CR become LF, NUL characters are dropped. Never
 * throws for any input; the text is at most as many characters as the input has bytes.
 */
final class LogText {
    private LogText() {
    }

    static String decode(byte[] bytes) {
        int offset = 0;
        Charset cs;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            offset = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            offset = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            cs = StandardCharsets.UTF_8;
            offset = 3;
        } else {
            cs = guess(bytes);
        }
        String text;
        try {
            CharBuffer chars = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            text = chars.toString();
        } catch (CharacterCodingException e) {
            text = ""; // not reachable with REPLACE
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append('\n');
                if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c != 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Charset guess(byte[] b) {
        int pairs = Math.min(b.length / 2, 4096);
        if (pairs < 2) {
            return StandardCharsets.UTF_8;
        }
        int zeroOdd = 0;
        int zeroEven = 0;
        for (int i = 0; i < pairs; i++) {
            if (b[2 * i] == 0) {
                zeroEven++;
            }
            if (b[2 * i + 1] == 0) {
                zeroOdd++;
            }
        }
        if (zeroOdd * 10 >= pairs * 4 && zeroEven * 10 < pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroEven * 10 >= pairs * 4 && zeroOdd * 10 < pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    /** The lines of decoded text (LF-separated). */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
