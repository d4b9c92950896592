package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * TPMS_AUTH_COMMAND: one session's authorization in a command. The {@code hmac} field holds a password for password
 * sessions, so it is kept in an array the owner wipes and is never printed.
 */
public record TpmsAuthCommand(int sessionHandle, Bytes nonce, TpmaSession attributes, byte[] hmac)
        implements TpmMarshallable {
    public TpmsAuthCommand {
        Objects.requireNonNull(hmac);
        if (nonce.size() > Limits.DIGEST || hmac.length > Limits.DIGEST) {
            throw new IllegalArgumentException("nonce or hmac larger than " + Limits.DIGEST + " bytes");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(sessionHandle);
        w.tpm2b(nonce);
        w.u8(attributes.value());
        w.tpm2b(hmac);
    }

    public static TpmsAuthCommand read(TpmReader r) {
        String s = "TPMS_AUTH_COMMAND";
        int h = r.u32(s);
        Bytes nonce = r.tpm2b("TPMS_AUTH_COMMAND.nonce", Limits.DIGEST);
        TpmaSession a = new TpmaSession(r.u8(s));
        byte[] hmac = r.tpm2bRaw("TPMS_AUTH_COMMAND.hmac", Limits.DIGEST);
        return new TpmsAuthCommand(h, nonce, a, hmac);
    }

    /** Zeroes the hmac/password bytes. */
    public void wipe() {
        Arrays.fill(hmac, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TpmsAuthCommand a && a.sessionHandle == sessionHandle && a.nonce.equals(nonce)
                && a.attributes.equals(attributes) && MessageDigest.isEqual(a.hmac, hmac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sessionHandle, nonce, attributes, hmac.length);
    }

    @Override
    public String toString() {
        return String.format("TpmsAuthCommand[session=0x%08x, nonce=%s, attributes=%s, hmac=(%d bytes)]",
                sessionHandle, nonce, attributes, hmac.length);
    }
}
