package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/**
 * TPMS_ATTEST (Part 2 §10.12.12): what a TPM signs in Certify, Quote and CertifyCreation. Parsing does not make it
 * trustworthy: check {@link #magic()} and the signature before relying on any field.
 */
public record TpmsAttest(int magic, Bytes qualifiedSigner, Bytes extraData, TpmsClockInfo clockInfo,
                         long firmwareVersion, TpmuAttest attested) implements TpmMarshallable {
    /** TPM_GENERATED_VALUE: "\xffTCG", present only in structures the TPM itself produced. */
    public static final int TPM_GENERATED_VALUE = 0xff544347;

    public int type() {
        return attested.tag();
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(magic);
        w.u16(attested.tag());
        w.tpm2b(qualifiedSigner);
        w.tpm2b(extraData);
        clockInfo.marshal(w);
        w.u64(firmwareVersion);
        attested.marshal(w);
    }

    public static TpmsAttest read(TpmReader r) {
        String s = "TPMS_ATTEST";
        int magic = r.u32(s);
        int at = r.offset();
        int type = r.u16(s);
        Bytes signer = r.tpm2b("TPMS_ATTEST.qualifiedSigner", Limits.NAME);
        Bytes extra = r.tpm2b("TPMS_ATTEST.extraData", Limits.DATA);
        TpmsClockInfo clock = TpmsClockInfo.read(r);
        long fw = r.u64(s);
        TpmuAttest body = switch (type) {
            case TpmSt.ATTEST_CERTIFY -> new TpmuAttest.CertifyInfo(r.tpm2b("TPMS_CERTIFY_INFO.name", Limits.NAME),
                    r.tpm2b("TPMS_CERTIFY_INFO.qualifiedName", Limits.NAME));
            case TpmSt.ATTEST_QUOTE -> new TpmuAttest.QuoteInfo(TpmlPcrSelection.read(r),
                    r.tpm2b("TPMS_QUOTE_INFO.pcrDigest", Limits.DIGEST));
            case TpmSt.ATTEST_CREATION -> new TpmuAttest.CreationInfo(
                    r.tpm2b("TPMS_CREATION_INFO.objectName", Limits.NAME),
                    r.tpm2b("TPMS_CREATION_INFO.creationHash", Limits.DIGEST));
            default -> throw r.errorAt(at, s, String.format("unsupported attestation type 0x%04x", type));
        };
        return new TpmsAttest(magic, signer, extra, clock, fw, body);
    }

    /** Reads a TPM2B_ATTEST, returning the parsed structure; the signed bytes are {@link #toBytes()}. */
    public static TpmsAttest readSized(TpmReader r) {
        TpmReader in = r.sized("TPM2B_ATTEST", Limits.ATTEST);
        TpmsAttest a = read(in);
        in.expectEnd("TPM2B_ATTEST");
        return a;
    }

    public void marshalSized(TpmWriter w) {
        w.sized(this::marshal);
    }
}
