package dev.tpm2j.attest.quote;

import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.crypto.TpmHash;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmsSignatureEcc;
import dev.tpm2j.core.types.TpmsSignatureRsa;
import dev.tpm2j.core.types.TpmtSignature;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** Verifies a TPMT_SIGNATURE (RSASSA, RSAPSS, ECDSA) over message bytes with the JDK. */
final class SignatureCheck {
    private SignatureCheck() {
    }

    /** Null when the signature's scheme fits the AK, else why not. */
    static String schemeProblem(AttestationKey ak, TpmtSignature sig) {
        int alg = sig.sigAlg();
        int hash = hashOf(sig);
        boolean rsa = ak.key() instanceof RSAPublicKey;
        boolean ec = ak.key() instanceof ECPublicKey;
        if (!(rsa && (alg == TpmAlgId.RSASSA || alg == TpmAlgId.RSAPSS)) && !(ec && alg == TpmAlgId.ECDSA)) {
            return TpmAlgId.name(alg) + " signature cannot come from a " + ak.key().getAlgorithm() + " AK";
        }
        if (!TpmAlgId.isHash(hash)) {
            return "unsupported signature hash " + TpmAlgId.name(hash);
        }
        if (ak.scheme() != TpmAlgId.NULL && (ak.scheme() != alg || ak.schemeHash() != hash)) {
            return "the AK's scheme is " + TpmAlgId.name(ak.scheme()) + "/" + TpmAlgId.name(ak.schemeHash())
                    + ", the signature is " + TpmAlgId.name(alg) + "/" + TpmAlgId.name(hash);
        }
        return null;
    }

    /** The hash the signature was made with. */
    static int hashOf(TpmtSignature sig) {
        if (sig.signature() instanceof TpmsSignatureRsa r) {
            return r.hash();
        }
        if (sig.signature() instanceof TpmsSignatureEcc e) {
            return e.hash();
        }
        return TpmAlgId.NULL;
    }

    /** Whether {@code sig} verifies over {@code message} with the AK's key (scheme already checked). */
    static boolean verifies(AttestationKey ak, TpmtSignature sig, byte[] message) {
        String hash = TpmHash.jcaName(hashOf(sig)).replace("-", "");
        PublicKey key = ak.key();
        try {
            if (sig.signature() instanceof TpmsSignatureRsa r && sig.sigAlg() == TpmAlgId.RSASSA) {
                Signature v = Signature.getInstance(hash + "withRSA");
                v.initVerify(key);
                v.update(message);
                return v.verify(r.sig().toByteArray());
            }
            if (sig.signature() instanceof TpmsSignatureRsa r && sig.sigAlg() == TpmAlgId.RSAPSS) {
                // TPMs use a salt as long as the digest; the spec also allows the maximum: accept either.
                int h = TpmHash.digestSize(hashOf(sig));
                int max = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8 - h - 2;
                for (int salt : new int[] {h, max}) {
                    Signature v = Signature.getInstance("RSASSA-PSS");
                    String md = TpmHash.jcaName(hashOf(sig));
                    v.setParameter(new PSSParameterSpec(md, "MGF1", new MGF1ParameterSpec(md), salt, 1));
                    v.initVerify(key);
                    v.update(message);
                    if (v.verify(r.sig().toByteArray())) {
                        return true;
                    }
                }
                return false;
            }
            if (sig.signature() instanceof TpmsSignatureEcc e) {
                int width = (((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() + 7) / 8;
                Bytes rr = fixed(e.signatureR(), width);
                Bytes ss = fixed(e.signatureS(), width);
                if (rr == null || ss == null) {
                    return false;
                }
                Signature v = Signature.getInstance(hash + "withECDSAinP1363Format");
                v.initVerify(key);
                v.update(message);
                return v.verify(rr.concat(ss).toByteArray());
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private static Bytes fixed(Bytes v, int width) {
        BigInteger n = new BigInteger(1, v.toByteArray());
        if (n.bitLength() > width * 8) {
            return null;
        }
        return PublicKeys.fixedWidth(n, width);
    }
}
