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

    /** Builds this session's authorization for a command. The facade wipes the result after sending it. */
    TpmsAuthCommand authorizeCommand(CommandAuthContext context);

    /** Checks this session's part of a successful response; throws {@link TpmSessionException} if it is wrong. */
    void verifyResponse(ResponseAuthContext context, TpmsAuthResponse response);
}
