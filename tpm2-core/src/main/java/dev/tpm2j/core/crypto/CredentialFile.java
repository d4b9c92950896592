package dev.tpm2j.core.crypto;

import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;

/**
 * The tpm2-tools credential file ({@code tpm2_makecredential -o}): magic 0xBADCC0DE, version 1 (both u32
 * big-endian), TPM2B_ID_OBJECT, TPM2B_ENCRYPTED_SECRET. Read strictly: anything else is a TpmFormatException.
 */
public final class CredentialFile {
    /** The magic number tpm2-tools writes first. */
    public static final int MAGIC = 0xBADCC0DE;
    /** The file format version. */
    public static final int VERSION = 1;

    private CredentialFile() {
    }

    /** The credential in the tpm2-tools file format. */
    public static byte[] write(CredentialProtection.Credential c) {
        TpmWriter w = new TpmWriter();
        w.u32(MAGIC).u32(VERSION);
        c.credentialBlob().marshal(w);
        c.secret().marshal(w);
        return w.toByteArray();
    }

    /** Reads a tpm2-tools credential file; malformed input is a TpmFormatException. */
    public static CredentialProtection.Credential read(byte[] file) {
        String s = "tpm2-tools credential file";
        TpmReader r = TpmReader.of(file);
        int magic = r.u32(s);
        if (magic != MAGIC) {
            throw new TpmFormatException(s, 0, String.format("magic 0x%08x is not 0xbadcc0de", magic));
        }
        int version = r.u32(s);
        if (version != VERSION) {
            throw new TpmFormatException(s, 4, "version " + Integer.toUnsignedString(version) + " is not 1");
        }
        Tpm2bIdObject blob = Tpm2bIdObject.read(r);
        Tpm2bEncryptedSecret secret = Tpm2bEncryptedSecret.read(r);
        r.expectEnd(s);
        return new CredentialProtection.Credential(blob, secret);
    }
}
