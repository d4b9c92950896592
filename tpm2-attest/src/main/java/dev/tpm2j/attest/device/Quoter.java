package dev.tpm2j.attest.device;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.quote.Attested;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Certify;
import dev.tpm2j.core.commands.Quote;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsSignatureEcc;
import dev.tpm2j.core.types.TpmsSignatureRsa;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmuAttest;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Device side of platform attestation: TPM2_Quote over a PCR selection with the verifier's nonce, plus the PCR values
 * the quote covers (read right after; quoted again if a PCR changed in between, so values and digest agree). A quote
 * that leaves out a PCR asked for (a bank the TPM has not allocated) is an {@link IllegalStateException}.
 */
public final class Quoter {
    private static final int ATTEMPTS = 3;

    private Quoter() {
    }

    /** Quotes with the AK at {@code akHandle} (empty auth) using the AK's own scheme. */
    public static Attested quote(Tpm tpm, int akHandle, TpmlPcrSelection selection, Bytes nonce) {
        return quote(tpm, akHandle, PasswordSession.empty(), selection, nonce);
    }

    /** Quotes with the AK at {@code akHandle}, authorized by {@code akAuth}. */
    public static Attested quote(Tpm tpm, int akHandle, AuthSession akAuth, TpmlPcrSelection selection,
                                 Bytes nonce) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Certify.Response q = tpm.execute(new Quote(akHandle, nonce, TpmtSigScheme.NULL, selection), akAuth);
            requireAllQuoted(selection, q);
            PcrValues values = DevicePcrs.read(tpm, selection);
            if (q.attest().attested() instanceof TpmuAttest.QuoteInfo info
                    && digestMatches(info, values, signatureHash(q))) {
                return new Attested(q.attestBytes(), q.signature(), values);
            }
        }
        throw new IllegalStateException("PCRs kept changing between quote and read (" + ATTEMPTS + " attempts)");
    }

    /** A TPM drops PCRs of banks it has not allocated from a quote without an error: refuse a quote of less. */
    private static void requireAllQuoted(TpmlPcrSelection asked, Certify.Response q) {
        if (!(q.attest().attested() instanceof TpmuAttest.QuoteInfo info)) {
            throw new IllegalStateException("the TPM answered TPM2_Quote with a non-quote attestation");
        }
        Set<PcrValues.PcrId> quoted = new HashSet<>(PcrValues.selected(info.pcrSelect()));
        List<String> missing = new ArrayList<>();
        for (PcrValues.PcrId id : PcrValues.selected(asked)) {
            if (!quoted.contains(id)) {
                missing.add(id.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the TPM did not quote " + String.join(", ", missing)
                    + " (is that PCR bank allocated?)");
        }
    }

    private static int signatureHash(Certify.Response q) {
        if (q.signature().signature() instanceof TpmsSignatureRsa r) {
            return r.hash();
        }
        if (q.signature().signature() instanceof TpmsSignatureEcc e) {
            return e.hash();
        }
        throw new IllegalStateException("the AK signed with " + q.signature().sigAlg() + ", not RSA or ECDSA");
    }

    private static boolean digestMatches(TpmuAttest.QuoteInfo info, PcrValues values, int hash) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (PcrValues.PcrId id : PcrValues.selected(info.pcrSelect())) {
            Bytes v = values.value(id.hashAlg(), id.pcr());
            if (v == null) {
                return false;
            }
            all.writeBytes(v.toByteArray());
        }
        return MessageDigest.isEqual(TpmHash.hash(hash, all.toByteArray()), info.pcrDigest().toByteArray());
    }
}
