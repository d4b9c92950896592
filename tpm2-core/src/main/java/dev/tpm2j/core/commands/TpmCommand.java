package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.ResponseCode;

/**
 * One TPM command: its code, handle area, parameters and how its response parameters unmarshal. Framing, sessions
 * and error handling are done once, by the {@code Tpm} facade, for every command.
 *
 * @param <R> the typed response
 */
public interface TpmCommand<R> {
    /** TPM_CC of this command. */
    int commandCode();

    /** The handle area, in spec order. */
    int[] handles();

    /** How many of the leading handles carry an authorization (each needs one session). */
    int authHandleCount();

    /** Writes the parameter area. */
    void marshalParameters(TpmWriter w);

    /** How many handles the response's handle area holds (0 or 1). */
    default int responseHandleCount() {
        return 0;
    }

    /**
     * Reads the response parameters. {@code responseHandles} holds {@link #responseHandleCount()} handles; the reader
     * covers exactly the parameter area, and the caller checks it was consumed whole.
     */
    R parseResponse(int[] responseHandles, TpmReader parameters);

    /** Whether the first command parameter is a TPM2B (so a session may encrypt it). */
    default boolean firstCommandParameterIsTpm2b() {
        return false;
    }

    /** Whether the first response parameter is a TPM2B (so the TPM may encrypt it for a session). */
    default boolean firstResponseParameterIsTpm2b() {
        return false;
    }

    /**
     * This command's static shape. Commands written as {@link ShapedCommand} declare it as a constant; for the others
     * it is assembled from the individual methods. The pipeline reads it once per command.
     */
    default CommandShape shape() {
        return new CommandShape(commandCode(), handles().length, authHandleCount(), responseHandleCount(),
                firstCommandParameterIsTpm2b(), firstResponseParameterIsTpm2b());
    }

    /**
     * Tells {@code effects} what this command changed, after it succeeded with {@code response}: a loaded or flushed
     * handle, an NV public area, a TPM restart, a policy assertion. Most commands change none of these.
     */
    default void applyEffects(R response, CommandEffects effects) {
    }

    /**
     * The authValue the entity in authorization slot {@code authIndex} has once this command succeeded, when the
     * command changes it in place (HierarchyChangeAuth, NV_ChangeAuth): the TPM keys the response HMAC with it.
     * {@code null} when unchanged. The caller must not alter the array.
     */
    default byte[] newAuthValue(int authIndex) {
        return null;
    }

    /**
     * Whether the parameter area carries a secret in clear (a new authValue, sensitive data), so the command trace
     * shows only its size.
     */
    default boolean parametersAreSecret() {
        return false;
    }

    /** A command-specific explanation of an error code, or null to use the code's general description. */
    default String explain(ResponseCode rc) {
        return null;
    }
}
