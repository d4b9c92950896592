package dev.tpm2j.core;

import java.io.IOException;

/**
 * A service that opens transports for one scheme of the selection string ({@code swtpm}, {@code mssim},
 * {@code device}, {@code tbs}, {@code sim}). Found with {@link java.util.ServiceLoader}; see {@link Tpm#open(String)}.
 */
public interface TpmTransportProvider {
    /** The scheme this provider serves, e.g. {@code swtpm}. */
    String scheme();

    /**
     * Opens a transport from the configuration after {@code scheme:} (may be empty). Throws
     * {@link IllegalArgumentException} with a one-line message for a malformed configuration.
     */
    TpmTransport open(String configuration) throws IOException;

    /** Whether this provider is the platform default here and can likely be opened (e.g. the device exists). */
    default boolean isPlatformDefault() {
        return false;
    }
}
