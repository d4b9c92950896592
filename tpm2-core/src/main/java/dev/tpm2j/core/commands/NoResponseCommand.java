package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;

/**
 * A command whose response has no parameters (PolicyRestart, NV_Write, FlushContext…): its response parsing is this
 * one default, and the pipeline still checks that the TPM sent no parameter bytes.
 */
public interface NoResponseCommand extends TpmCommand<NoResponse> {
    @Override
    default NoResponse parseResponse(int[] responseHandles, TpmReader parameters) {
        return NoResponse.INSTANCE;
    }
}
