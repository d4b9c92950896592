package dev.tpm2j.attest;

import dev.tpm2j.core.types.TpmAlgId;
import java.util.Locale;

/** Names of PCR banks as scripts and tpm2-tools write them ({@code sha1}, {@code sha256}, …) and back. */
public final class HashBank {
    private HashBank() {
    }

    /** The short name of a bank's hash algorithm, e.g. {@code sha256}; {@code 0x….} for algorithms without one. */
    public static String name(int hashAlg) {
        return switch (hashAlg) {
            case TpmAlgId.SHA1 -> "sha1";
            case TpmAlgId.SHA256 -> "sha256";
            case TpmAlgId.SHA384 -> "sha384";
            case TpmAlgId.SHA512 -> "sha512";
            case TpmAlgId.SM3_256 -> "sm3_256";
            default -> String.format("0x%04x", hashAlg);
        };
    }

    /** The TPM_ALG_ID of a bank name ({@code sha1}, {@code sha256}, {@code sha384}, {@code sha512}). */
    public static int parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "sha1" -> TpmAlgId.SHA1;
            case "sha256" -> TpmAlgId.SHA256;
            case "sha384" -> TpmAlgId.SHA384;
            case "sha512" -> TpmAlgId.SHA512;
            default -> throw new IllegalArgumentException("unknown PCR bank '" + name
                    + "' (expected sha1, sha256, sha384 or sha512)");
        };
    }
}
