package dev.tpm2j.jca;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Passwords as TPM authValues: the UTF-8 bytes, at most the size of the key's name hash (SHA-256: 32 bytes). */
final class AuthValues {
    /** The largest authValue of a key with a SHA-256 name. */
    static final int MAX = 32;

    private AuthValues() {
    }

    /** The authValue of {@code password} ({@code null}: empty); the caller wipes it. */
    static byte[] of(char[] password) {
        if (password == null || password.length == 0) {
            return new byte[0];
        }
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        Arrays.fill(b.array(), (byte) 0);
        if (out.length > MAX) {
            Arrays.fill(out, (byte) 0);
            throw new IllegalArgumentException("a key password is at most " + MAX + " UTF-8 bytes (the TPM's limit "
                    + "for a key with a SHA-256 name)");
        }
        return out;
    }
}
