package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmlPcrSelection;

/**
 * TPM2_PCR_Read (Part 3 §22.4): the values of the selected PCRs. One call returns at most eight digests;
 * {@code pcrSelectionOut} says which PCRs they are (in selection order), so a caller pages by asking again for the
 * rest. Needs no authorization.
 */
public record PcrRead(TpmlPcrSelection pcrSelectionIn) implements TpmCommand<PcrRead.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PCR_Read);

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /**
     * @param pcrUpdateCounter the TPM's PCR update counter (changes whenever a PCR changes; equal counters across
     *        pages mean the pages are consistent)
     * @param pcrSelectionOut the PCRs whose values follow
     * @param pcrValues their values, in selection order
     */
    public record Response(int pcrUpdateCounter, TpmlPcrSelection pcrSelectionOut, TpmlDigest pcrValues) {
    }

    @Override
    public int[] handles() {
        return new int[0];
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        pcrSelectionIn.marshal(w);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        int counter = r.u32("TPM2_PCR_Read response");
        TpmlPcrSelection out = TpmlPcrSelection.read(r);
        TpmlDigest values = TpmlDigest.read(r);
        return new Response(counter, out, values);
    }
}
