package dev.tpm2j.attest.keyattest;

import dev.tpm2j.attest.PcrValues;
import dev.tpm2j.attest.quote.Attested;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Certify;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmEccCurve;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmtEccScheme;
import dev.tpm2j.core.types.TpmtKdfScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSymDef;

/**
 * Device side of key attestation: create a key under a storage parent (the standard SRK) with the attributes a CA
 * expects, load it, and have the AK certify it over the CA's nonce (TPM2_Certify). The caller flushes the key.
 */
public final class KeyCertifier {
    /** fixedTPM|fixedParent|sensitiveDataOrigin|userWithAuth|sign: an unrestricted TPM-bound signing key. */
    public static final TpmaObject SIGNING_ATTRIBUTES = TpmaObject.of(TpmaObject.FIXED_TPM, TpmaObject.FIXED_PARENT,
            TpmaObject.SENSITIVE_DATA_ORIGIN, TpmaObject.USER_WITH_AUTH, TpmaObject.SIGN_ENCRYPT);
    /** RSA 2048 signing key (any scheme, SHA-256 name). */
    public static final TpmtPublic SIGNING_RSA2048 = new TpmtPublic(TpmAlgId.RSA, TpmAlgId.SHA256,
            SIGNING_ATTRIBUTES, Bytes.EMPTY, new TpmsRsaParms(TpmtSymDef.NULL, TpmtRsaScheme.NULL, 2048, 0),
            new Tpm2bPublicKeyRsa(Bytes.EMPTY));
    /** ECC P-256 signing key (any scheme, SHA-256 name). */
    public static final TpmtPublic SIGNING_ECC_P256 = new TpmtPublic(TpmAlgId.ECC, TpmAlgId.SHA256,
            SIGNING_ATTRIBUTES, Bytes.EMPTY, new TpmsEccParms(TpmtSymDef.NULL, TpmtEccScheme.NULL,
            TpmEccCurve.NIST_P256, TpmtKdfScheme.NULL), new TpmsEccPoint(Bytes.EMPTY, Bytes.EMPTY));

    private KeyCertifier() {
    }

    /**
     * A created, loaded and certified key.
     *
     * @param handle the loaded key (flush it when done)
     * @param publicArea its public area (send it to the CA)
     * @param privateArea its wrapped private area (to load it again later under the same parent)
     * @param certify the AK's certify of it
     */
    public record CertifiedKey(int handle, TpmtPublic publicArea, Bytes privateArea, Attested certify) {
    }

    /** Creates a key from {@code template} under {@code parent} and certifies it with {@code akHandle}. */
    public static CertifiedKey createAndCertify(Tpm tpm, int parent, int akHandle, TpmtPublic template, Bytes nonce) {
        Create.Response c = tpm.execute(Create.of(parent, template), PasswordSession.empty());
        Load.Response l = tpm.execute(new Load(parent, c.outPrivate(), c.outPublic()), PasswordSession.empty());
        try {
            return new CertifiedKey(l.objectHandle(), c.outPublic(), c.outPrivate(),
                    certify(tpm, l.objectHandle(), akHandle, nonce));
        } catch (RuntimeException e) {
            tpm.flushQuietly(l.objectHandle());
            throw e;
        }
    }

    /** Certifies a loaded key (empty auth values) with the AK over {@code nonce}. */
    public static Attested certify(Tpm tpm, int keyHandle, int akHandle, Bytes nonce) {
        Certify.Response r = tpm.execute(new Certify(keyHandle, akHandle, nonce, TpmtSigScheme.NULL),
                PasswordSession.empty(), PasswordSession.empty());
        return new Attested(r.attestBytes(), r.signature(), PcrValues.EMPTY);
    }
}
