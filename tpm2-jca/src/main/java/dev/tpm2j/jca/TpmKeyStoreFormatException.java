package dev.tpm2j.jca;

import java.io.IOException;

/**
 * A {@code TPM2} key store file that cannot be read: truncated, corrupt (an entry's checksum does not match), of
 * another format or version, or holding a certificate that does not match its key. Names the alias of the entry
 * where reading stopped, when there is one.
 */
public final class TpmKeyStoreFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String alias;

    /** An exception about the entry {@code alias} ({@code null}: the file header or an unreadable alias). */
    public TpmKeyStoreFormatException(String alias, String message, Throwable cause) {
        super(alias == null ? message : "entry '" + alias + "': " + message, cause);
        this.alias = alias;
    }

    /** The alias of the entry that could not be read, or {@code null}. */
    public String alias() {
        return alias;
    }
}
