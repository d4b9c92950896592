package dev.tpm2j.core;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.Tpm2bDigest;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmSt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmaSession;
import dev.tpm2j.core.types.TpmlAlgProperty;
import dev.tpm2j.core.types.TpmlCca;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmlEccCurve;
import dev.tpm2j.core.types.TpmlHandle;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmlTaggedTpmProperty;
import dev.tpm2j.core.types.TpmsAlgProperty;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import dev.tpm2j.core.types.TpmsCapabilityData;
import dev.tpm2j.core.types.TpmsClockInfo;
import dev.tpm2j.core.types.TpmsCreationData;
import dev.tpm2j.core.types.TpmsEccParms;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsKeyedHashParms;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsPcrSelection;
import dev.tpm2j.core.types.TpmsRsaParms;
import dev.tpm2j.core.types.TpmsSensitiveCreate;
import dev.tpm2j.core.types.TpmsSignatureEcc;
import dev.tpm2j.core.types.TpmsSignatureRsa;
import dev.tpm2j.core.types.TpmsSymCipherParms;
import dev.tpm2j.core.types.TpmsTaggedProperty;
import dev.tpm2j.core.types.TpmtEccScheme;
import dev.tpm2j.core.types.TpmtHa;
import dev.tpm2j.core.types.TpmtKdfScheme;
import dev.tpm2j.core.types.TpmtKeyedHashScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.core.types.TpmtTkCreation;
import dev.tpm2j.core.types.TpmuAttest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of valid TPM structures, shared by the round-trip and fuzz properties. */
final class Gen {
    private Gen() {
    }

    static Arbitrary<Bytes> bytes(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max).map(Bytes::of);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    static Arbitrary<Integer> u32() {
        return Arbitraries.integers();
    }

    static Arbitrary<Integer> hashAlg() {
        return Arbitraries.of(TpmAlgId.SHA1, TpmAlgId.SHA256, TpmAlgId.SHA384, TpmAlgId.SHA512);
    }

    static Arbitrary<TpmtSymDef> symDefObject() {
        return Arbitraries.oneOf(Arbitraries.just(TpmtSymDef.NULL),
                Combinators.combine(Arbitraries.of(TpmAlgId.AES, TpmAlgId.SM4, TpmAlgId.CAMELLIA),
                        Arbitraries.of(128, 192, 256), Arbitraries.of(TpmAlgId.CFB, TpmAlgId.CBC, TpmAlgId.CTR))
                        .as(TpmtSymDef::new));
    }

    static Arbitrary<TpmtSymDef> symDef() {
        return Arbitraries.oneOf(symDefObject(), hashAlg().map(h -> new TpmtSymDef(TpmAlgId.XOR, h, 0)));
    }

    static Arbitrary<TpmtRsaScheme> rsaScheme() {
        return Combinators.combine(Arbitraries.of(TpmAlgId.NULL, TpmAlgId.RSASSA, TpmAlgId.RSAPSS, TpmAlgId.OAEP,
                TpmAlgId.RSAES), hashAlg()).as(TpmtRsaScheme::new);
    }

    static Arbitrary<TpmtEccScheme> eccScheme() {
        return Combinators.combine(Arbitraries.of(TpmAlgId.NULL, TpmAlgId.ECDSA, TpmAlgId.ECDAA, TpmAlgId.ECDH,
                TpmAlgId.SM2, TpmAlgId.ECSCHNORR), hashAlg(), u16()).as(TpmtEccScheme::new);
    }

    static Arbitrary<TpmtKdfScheme> kdf() {
        return Combinators.combine(Arbitraries.of(TpmAlgId.NULL, TpmAlgId.KDF1_SP800_56A, TpmAlgId.KDF2,
                TpmAlgId.KDF1_SP800_108, TpmAlgId.MGF1), hashAlg()).as(TpmtKdfScheme::new);
    }

    static Arbitrary<TpmtKeyedHashScheme> keyedHashScheme() {
        return Combinators.combine(Arbitraries.of(TpmAlgId.NULL, TpmAlgId.HMAC, TpmAlgId.XOR), hashAlg(),
                Arbitraries.of(TpmAlgId.KDF1_SP800_108, TpmAlgId.NULL)).as(TpmtKeyedHashScheme::new);
    }

    static Arbitrary<TpmsEccPoint> eccPoint() {
        return Combinators.combine(bytes(66), bytes(66)).as(TpmsEccPoint::new);
    }

    static Arbitrary<TpmtPublic> tpmtPublic() {
        Arbitrary<TpmaObject> attrs = u32().map(TpmaObject::new);
        Arbitrary<TpmtPublic> rsa = Combinators.combine(hashAlg(), attrs, bytes(64), symDefObject(), rsaScheme(),
                Arbitraries.of(1024, 2048, 3072, 4096), u32(), bytes(512)).as((n, a, p, s, sc, k, e, u) ->
                new TpmtPublic(TpmAlgId.RSA, n, a, p, new TpmsRsaParms(s, sc, k, e), new Tpm2bPublicKeyRsa(u)));
        Arbitrary<TpmtPublic> ecc = Combinators.combine(hashAlg(), attrs, bytes(64), symDefObject(), eccScheme(),
                u16(), kdf(), eccPoint()).as((n, a, p, s, sc, c, k, u) ->
                new TpmtPublic(TpmAlgId.ECC, n, a, p, new TpmsEccParms(s, sc, c, k), u));
        Arbitrary<TpmtPublic> keyed = Combinators.combine(hashAlg(), attrs, bytes(64), keyedHashScheme(), bytes(64))
                .as((n, a, p, sc, u) -> new TpmtPublic(TpmAlgId.KEYEDHASH, n, a, p, new TpmsKeyedHashParms(sc),
                        new Tpm2bDigest(u)));
        Arbitrary<TpmtPublic> sym = Combinators.combine(hashAlg(), attrs, bytes(64), symDefObject(), bytes(64))
                .as((n, a, p, s, u) -> new TpmtPublic(TpmAlgId.SYMCIPHER, n, a, p, new TpmsSymCipherParms(s),
                        new Tpm2bDigest(u)));
        return Arbitraries.oneOf(rsa, ecc, keyed, sym);
    }

    static Arbitrary<TpmsNvPublic> nvPublic() {
        return Combinators.combine(Arbitraries.integers().between(0x01000000, 0x01FFFFFF), hashAlg(),
                u32().map(TpmaNv::new), bytes(64), u16()).as(TpmsNvPublic::new);
    }

    static Arbitrary<TpmlPcrSelection> pcrSelection() {
        return Combinators.combine(hashAlg(), bytes(4)).as(TpmsPcrSelection::new).list().ofMaxSize(16)
                .map(TpmlPcrSelection::new);
    }

    static Arbitrary<TpmsCapabilityData> capabilityData() {
        return Arbitraries.oneOf(
                u32().list().ofMaxSize(254).map(TpmlHandle::new),
                Combinators.combine(u32(), u32()).as(TpmsTaggedProperty::new).list().ofMaxSize(127)
                        .map(TpmlTaggedTpmProperty::new),
                Combinators.combine(u16(), u32()).as(TpmsAlgProperty::new).list().ofMaxSize(169)
                        .map(TpmlAlgProperty::new),
                u32().list().ofMaxSize(254).map(TpmlCca::new),
                pcrSelection(),
                u16().list().ofMaxSize(508).map(TpmlEccCurve::new)).map(TpmsCapabilityData::new);
    }

    static Arbitrary<TpmsAuthCommand> authCommand() {
        return Combinators.combine(u32(), bytes(64), Arbitraries.integers().between(0, 255).map(TpmaSession::new),
                bytes(64).map(Bytes::toByteArray)).as(TpmsAuthCommand::new);
    }

    static Arbitrary<TpmsAuthResponse> authResponse() {
        return Combinators.combine(bytes(64), Arbitraries.integers().between(0, 255).map(TpmaSession::new),
                bytes(64)).as(TpmsAuthResponse::new);
    }

    static Arbitrary<TpmtTkCreation> ticket() {
        return Combinators.combine(u32(), bytes(64)).as((h, d) -> new TpmtTkCreation(TpmSt.CREATION, h, d));
    }

    static Arbitrary<TpmsCreationData> creationData() {
        return Combinators.combine(pcrSelection(), bytes(64), Arbitraries.integers().between(0, 255), hashAlg(),
                bytes(66), bytes(66), bytes(66)).as(TpmsCreationData::new);
    }

    static Arbitrary<TpmtHa> tpmtHa() {
        return hashAlg().flatMap(h -> Arbitraries.bytes().array(byte[].class)
                .ofSize(TpmAlgId.digestSize(h)).map(b -> new TpmtHa(h, Bytes.of(b))));
    }

    static Arbitrary<TpmtSignature> signature() {
        return Arbitraries.oneOf(
                Arbitraries.just(TpmtSignature.NULL),
                Combinators.combine(Arbitraries.of(TpmAlgId.RSASSA, TpmAlgId.RSAPSS), hashAlg(), bytes(512))
                        .as((a, h, s) -> new TpmtSignature(a, new TpmsSignatureRsa(h, s))),
                Combinators.combine(Arbitraries.of(TpmAlgId.ECDSA, TpmAlgId.ECDAA, TpmAlgId.SM2, TpmAlgId.ECSCHNORR),
                        hashAlg(), bytes(66), bytes(66))
                        .as((a, h, r, s) -> new TpmtSignature(a, new TpmsSignatureEcc(h, r, s))),
                tpmtHa().map(ha -> new TpmtSignature(TpmAlgId.HMAC, ha)));
    }

    static Arbitrary<TpmtSigScheme> sigScheme() {
        return Combinators.combine(Arbitraries.of(TpmAlgId.NULL, TpmAlgId.RSASSA, TpmAlgId.ECDSA, TpmAlgId.ECDAA,
                TpmAlgId.HMAC), hashAlg(), u16()).as(TpmtSigScheme::new);
    }

    static Arbitrary<TpmsAttest> attest() {
        Arbitrary<TpmuAttest> body = Arbitraries.oneOf(
                Combinators.combine(bytes(66), bytes(66)).as(TpmuAttest.CertifyInfo::new),
                Combinators.combine(pcrSelection(), bytes(64)).as(TpmuAttest.QuoteInfo::new),
                Combinators.combine(bytes(66), bytes(64)).as(TpmuAttest.CreationInfo::new));
        Arbitrary<TpmsClockInfo> clock = Combinators.combine(Arbitraries.longs(), u32(), u32(),
                Arbitraries.of(true, false)).as(TpmsClockInfo::new);
        return Combinators.combine(u32(), bytes(66), bytes(66), clock, Arbitraries.longs(), body)
                .as(TpmsAttest::new);
    }

    static Arbitrary<TpmsSensitiveCreate> sensitiveCreate() {
        return Combinators.combine(bytes(64).map(Bytes::toByteArray), bytes(256)).as(TpmsSensitiveCreate::new);
    }

    static Arbitrary<TpmlDigest> digestList() {
        return bytes(64).list().ofMaxSize(8).map(TpmlDigest::new);
    }

    static Arbitrary<Tpm2bIdObject> idObject() {
        return bytes(132).map(Tpm2bIdObject::new);
    }

    static Arbitrary<Tpm2bEncryptedSecret> encryptedSecret() {
        return bytes(512).map(Tpm2bEncryptedSecret::new);
    }
}
