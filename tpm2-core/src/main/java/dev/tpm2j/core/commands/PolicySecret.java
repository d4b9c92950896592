package dev.tpm2j.core.commands;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCc;

/**
 * TPM2_PolicySecret (Part 3 §23.4): extend a policy session with proof of knowing {@code authHandle}'s auth value
 * (e.g. TPM_RH_ENDORSEMENT for the EK's PolicyA). {@code expiration} 0 means no time limit and no ticket.
 */
public record PolicySecret(int authHandle, int policySession, Bytes nonceTpm, Bytes cpHashA, Bytes policyRef,
                           int expiration) implements TpmCommand<PolicySecret.Response> {
    /** The static shape: code, handle slots, authorizations, TPM2B parameters. */
    public static final CommandShape SHAPE = CommandShape.of(TpmCc.PolicySecret)
            .withHandles(2, 1)
            .withTpm2bCommandParameter()
            .withTpm2bResponseParameter();

    @Override
    public CommandShape shape() {
        return SHAPE;
    }

    /** timeout (TPM2B_TIMEOUT) and the ticket's parts (TPMT_TK_AUTH); both empty when expiration is 0. */
    public record Response(Bytes timeout, int ticketTag, int ticketHierarchy, Bytes ticketDigest) {
    }

    public static PolicySecret of(int authHandle, int policySession) {
        return new PolicySecret(authHandle, policySession, Bytes.EMPTY, Bytes.EMPTY, Bytes.EMPTY, 0);
    }

    @Override
    public int[] handles() {
        return new int[] {authHandle, policySession};
    }

    @Override
    public void marshalParameters(TpmWriter w) {
        w.tpm2b(nonceTpm);
        w.tpm2b(cpHashA);
        w.tpm2b(policyRef);
        w.u32(expiration);
    }

    @Override
    public Response parseResponse(int[] h, TpmReader r) {
        Bytes timeout = r.tpm2b("TPM2B_TIMEOUT", 8);
        int tag = r.u16("TPMT_TK_AUTH");
        int hierarchy = r.u32("TPMT_TK_AUTH");
        Bytes digest = r.tpm2b("TPMT_TK_AUTH.digest", Limits.DIGEST);
        return new Response(timeout, tag, hierarchy, digest);
    }
}
