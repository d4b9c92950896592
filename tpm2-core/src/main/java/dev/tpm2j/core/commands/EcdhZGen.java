package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.TpmCc;
import dev.tpm2j.core.types.TpmsEccPoint;

/**
 * TPM2_ECDH_ZGen (Part 3 §14.5): the loaded ECC key {@code keyHandle} (USER role, decrypt attribute, scheme NULL or
 * ECDH) multiplies the peer's public point {@code inPoint} by its private scalar; the x coordinate of the result is
 * the ECDH shared secret Z.
 */
public record EcdhZGen(int keyHandle, TpmsEccPoint inPoint) implements TpmCommand<TpmsEccPoint> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.ECDH_ZGen)
            .withHandles(1, 1)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    @Override
    public int[] handles() {
        return new int[] {keyHandle};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        inPoint.marshalSized(w);
    }

    /** outPoint (TPM2B_ECC_POINT), a secret: its x coordinate is Z. */
    @Override
    public TpmsEccPoint parseResponse(int[] h, TpmReader r) {
        return TpmsEccPoint.readSized(r);
    }
}
