package dev.tpm2j.core.session;

import dev.tpm2j.core.marshal.TpmException;

/**
 * A session check failed on a response the TPM reported as successful: a wrong or missing response HMAC, an
 * unexpected nonce or attribute. The response must not be trusted (it may have been altered in transit).
 */
public final class TpmSessionException extends TpmException {
    private static final long serialVersionUID = 1L;

    public TpmSessionException(String message) {
        super(message);
    }
}
