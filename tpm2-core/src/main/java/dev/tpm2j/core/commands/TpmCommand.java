package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.ResponseCode;

/**
 * One TPM command: its static {@link CommandShape}, handle area, parameters and how its response parameters
 * unmarshal. Framing, sessions and error handling are done once, by the {@code Tpm} facade, for every command.
 *
 * @param <R> the typed response
 */
public interface TpmCommand<R> {
    /** The handle area, in spec order. */
    int[] handles();

    /** Writes the parameter area. */
    void marshalParameters(TpmWriter w);

    /**
     * Reads the response parameters. {@code responseHandles} holds the shape's response handles; the reader
     * covers exactly the parameter area, and the caller checks it was consumed whole.
     */
    R parseResponse(int[] responseHandles, TpmReader parameters);

    /**
     * This command's static shape: code, handle slots, how many of them are authorized, response handles, and whether
     * the first command / response parameter is a TPM2B (so a session may encrypt it). Every command declares it once,
     * as a constant next to its code ({@code static final CommandShape SHAPE = CommandShape.of(TpmCc.X)
     * .withHandles(n, a)…}) and returns it here; the pipeline reads it once per command.
     */
    CommandShape shape();

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

    /**
     * Whether the command or response parameters carry data a trace should not show by default (NV contents,
     * credentials and their secrets): the trace then shows their size only, unless {@code TPM2J_TRACE=data}.
     */
    default boolean carriesData() {
        return false;
    }

    /** A command-specific explanation of an error code, or null to use the code's general description. */
    default String explain(ResponseCode rc) {
        return null;
    }
}
