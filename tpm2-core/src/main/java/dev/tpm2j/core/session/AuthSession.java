package dev.tpm2j.core.session;

import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;

/**
 * One authorization session as used in a command: it builds its TPMS_AUTH_COMMAND and checks its
 * TPMS_AUTH_RESPONSE. Password and policy sessions implement it today; HMAC, salted and parameter-encrypting
 * sessions plug in here without any command changing.
 */
public interface AuthSession {
    /** The session handle (TPM_RS_PW for a password). */
    int handle();

    /** The TPM's latest nonce for this session (empty for a password). */
    default dev.tpm2j.core.marshal.Bytes nonceTpm() {
        return dev.tpm2j.core.marshal.Bytes.EMPTY;
    }

    /** Builds this session's authorization for a command. The facade wipes the result after sending it. */
    TpmsAuthCommand authorizeCommand(CommandAuthContext context);

    /** Checks this session's part of a successful response; throws {@link TpmSessionException} if it is wrong. */
    void verifyResponse(ResponseAuthContext context, TpmsAuthResponse response);

    /**
     * Called once per command attempt before anything else (a session draws its fresh nonceCaller here).
     * {@code commandEncryptable} / {@code responseEncryptable} say whether this command's first command / response
     * parameter is a TPM2B, so a session only asks for the parameter encryption the command allows.
     */
    default void beginCommand(boolean commandEncryptable, boolean responseEncryptable) {
    }

    /** Whether this session audits the commands it takes part in (TPMA_SESSION audit). */
    default boolean audits() {
        return false;
    }

    /**
     * Whether this session, in this command, computes an HMAC or audit digest over cpHash and so needs the names of
     * the command's handles (asked after {@link #beginCommand}; {@code authorizes}: it sits in an authorization slot).
     */
    default boolean needsNames(boolean authorizes) {
        return false;
    }

    /** Whether this session encrypts the command's first parameter (TPMA_SESSION decrypt). */
    default boolean decryptsCommand() {
        return false;
    }

    /** Whether this session asks the TPM to encrypt the response's first parameter (TPMA_SESSION encrypt). */
    default boolean encryptsResponse() {
        return false;
    }

    /** Encrypts {@code buf[off, off+len)} in place: the value of the command's first TPM2B parameter. */
    default void encryptCommandParameter(byte[] buf, int off, int len, boolean authorizes) {
        throw new UnsupportedOperationException("this session does not encrypt parameters");
    }

    /**
     * Encrypts {@code buf[off, off+len)} in place with the key the TPM will use for this session in this command:
     * the context says whether the session sits in an authorization slot and with which entity authValue.
     */
    default void encryptCommandParameter(byte[] buf, int off, int len, CommandAuthContext context) {
        encryptCommandParameter(buf, off, len, context.authorizes());
    }

    /** Decrypts {@code buf[off, off+len)} in place after {@link #verifyResponse} accepted the response. */
    default void decryptResponseParameter(byte[] buf, int off, int len, boolean authorizes) {
        throw new UnsupportedOperationException("this session does not encrypt parameters");
    }
}
