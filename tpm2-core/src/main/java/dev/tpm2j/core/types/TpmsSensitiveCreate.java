package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * TPMS_SENSITIVE_CREATE: the auth value and data for a new object. The auth value is a secret: it lives in an array
 * the owner wipes and is never printed.
 */
public record TpmsSensitiveCreate(byte[] userAuth, Bytes data) implements TpmMarshallable {
    public static TpmsSensitiveCreate empty() {
        return new TpmsSensitiveCreate(new byte[0], Bytes.EMPTY);
    }

    public TpmsSensitiveCreate {
        Objects.requireNonNull(userAuth);
        if (userAuth.length > Limits.DIGEST || data.size() > Limits.SENSITIVE_DATA) {
            throw new IllegalArgumentException("userAuth or data too large");
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.tpm2b(userAuth);
        w.tpm2b(data);
    }

    /** Writes a TPM2B_SENSITIVE_CREATE. */
    public void marshalSized(TpmWriter w) {
        w.sized(this::marshal);
    }

    public static TpmsSensitiveCreate readSized(TpmReader r) {
        TpmReader in = r.sized("TPM2B_SENSITIVE_CREATE", Limits.SENSITIVE_CREATE);
        byte[] auth = in.tpm2bRaw("TPMS_SENSITIVE_CREATE.userAuth", Limits.DIGEST);
        Bytes data = in.tpm2b("TPMS_SENSITIVE_CREATE.data", Limits.SENSITIVE_DATA);
        in.expectEnd("TPM2B_SENSITIVE_CREATE");
        return new TpmsSensitiveCreate(auth, data);
    }

    public void wipe() {
        Arrays.fill(userAuth, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TpmsSensitiveCreate s && MessageDigest.isEqual(s.userAuth, userAuth) && s.data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userAuth.length, data);
    }

    @Override
    public String toString() {
        return "TpmsSensitiveCreate[userAuth=(" + userAuth.length + " bytes), data=(" + data.size() + " bytes)]";
    }
}
