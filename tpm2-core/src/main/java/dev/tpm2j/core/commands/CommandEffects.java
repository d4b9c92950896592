package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmtPublic;

/**
 * What a successful command may tell the client-side state the {@code Tpm} keeps (entity names, cached NV public
 * areas, policy-session flags). A command declares its own effects in {@link TpmCommand#applyEffects}, so a command
 * sent through {@code Tpm.execute} keeps that state exactly as right as the facade's convenience methods do.
 */
public interface CommandEffects {
    /** An object was loaded at {@code handle}; {@code name} is remembered only if it matches {@code publicArea}. */
    void objectLoaded(int handle, TpmtPublic publicArea, Bytes name);

    /** {@code handle} (an object or a session) no longer refers to what it did. */
    void handleGone(int handle);

    /** The public area (attributes, auth, name) of NV index {@code nvIndex} may have changed. */
    void nvChanged(int nvIndex);

    /**
     * NV index {@code nvIndex} was written (NV_Write and the like): TPMA_NV_WRITTEN is now set, which changes its
     * name. By default the same as {@link #nvChanged}.
     */
    default void nvWritten(int nvIndex) {
        nvChanged(nvIndex);
    }

    /** TPM2_Startup succeeded: transient objects are gone and TPMA_NV_WRITE_STCLEAR locks may have cleared. */
    void tpmStarted();

    /** TPM2_PolicyAuthValue succeeded on {@code policySession}. */
    void policyAuthValue(int policySession);

    /** TPM2_PolicyPassword succeeded on {@code policySession}. */
    void policyPassword(int policySession);

    /** TPM2_PolicyRestart succeeded on {@code policySession}. */
    void policyRestart(int policySession);
}
