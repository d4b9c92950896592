package dev.tpm2j.core;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generators of valid TPM structures drawing every choice from a {@link FuzzedDataProvider}, shared by the
 * round-trip fuzz targets and the seed-corpus writer. The fuzzer steers the bytes; the generators keep every value
 * inside what the marshaller accepts, so each generated value must round-trip exactly.
 */
final class Gen {
    private Gen() {
    }

    static Bytes bytes(FuzzedDataProvider d, int max) {
        return Bytes.of(d.consumeBytes(d.consumeInt(0, max)));
    }

    static int u16(FuzzedDataProvider d) {
        return d.consumeInt(0, 0xFFFF);
    }

    static int u32(FuzzedDataProvider d) {
        return d.consumeInt();
    }

    static <T> List<T> list(FuzzedDataProvider d, int max, Function<FuzzedDataProvider, T> element) {
        int n = d.consumeInt(0, max);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.apply(d));
        }
        return out;
    }

    static int hashAlg(FuzzedDataProvider d) {
        return d.pickValue(new int[] {TpmAlgId.SHA1, TpmAlgId.SHA256, TpmAlgId.SHA384, TpmAlgId.SHA512});
    }

    static TpmtSymDef symDefObject(FuzzedDataProvider d) {
        if (d.consumeBoolean()) {
            return TpmtSymDef.NULL;
        }
        return new TpmtSymDef(d.pickValue(new int[] {TpmAlgId.AES, TpmAlgId.SM4, TpmAlgId.CAMELLIA}),
                d.pickValue(new int[] {128, 192, 256}), d.pickValue(new int[] {TpmAlgId.CFB, TpmAlgId.CBC,
                TpmAlgId.CTR}));
    }

    static TpmtSymDef symDef(FuzzedDataProvider d) {
        return d.consumeBoolean() ? symDefObject(d) : new TpmtSymDef(TpmAlgId.XOR, hashAlg(d), 0);
    }

    static TpmtRsaScheme rsaScheme(FuzzedDataProvider d) {
        return new TpmtRsaScheme(d.pickValue(new int[] {TpmAlgId.NULL, TpmAlgId.RSASSA, TpmAlgId.RSAPSS,
                TpmAlgId.OAEP, TpmAlgId.RSAES}), hashAlg(d));
    }

    static TpmtEccScheme eccScheme(FuzzedDataProvider d) {
        return new TpmtEccScheme(d.pickValue(new int[] {TpmAlgId.NULL, TpmAlgId.ECDSA, TpmAlgId.ECDAA,
                TpmAlgId.ECDH, TpmAlgId.SM2, TpmAlgId.ECSCHNORR}), hashAlg(d), u16(d));
    }

    static TpmtKdfScheme kdf(FuzzedDataProvider d) {
        return new TpmtKdfScheme(d.pickValue(new int[] {TpmAlgId.NULL, TpmAlgId.KDF1_SP800_56A, TpmAlgId.KDF2,
                TpmAlgId.KDF1_SP800_108, TpmAlgId.MGF1}), hashAlg(d));
    }

    static TpmtKeyedHashScheme keyedHashScheme(FuzzedDataProvider d) {
        return new TpmtKeyedHashScheme(d.pickValue(new int[] {TpmAlgId.NULL, TpmAlgId.HMAC, TpmAlgId.XOR}),
                hashAlg(d), d.pickValue(new int[] {TpmAlgId.KDF1_SP800_108, TpmAlgId.NULL}));
    }

    static TpmsEccPoint eccPoint(FuzzedDataProvider d) {
        return new TpmsEccPoint(bytes(d, 66), bytes(d, 66));
    }

    static TpmtPublic tpmtPublic(FuzzedDataProvider d) {
        int nameAlg = hashAlg(d);
        TpmaObject attrs = new TpmaObject(u32(d));
        Bytes policy = bytes(d, 64);
        return switch (d.consumeInt(0, 3)) {
            case 0 -> new TpmtPublic(TpmAlgId.RSA, nameAlg, attrs, policy, new TpmsRsaParms(symDefObject(d),
                    rsaScheme(d), d.pickValue(new int[] {1024, 2048, 3072, 4096}), u32(d)),
                    new Tpm2bPublicKeyRsa(bytes(d, 512)));
            case 1 -> new TpmtPublic(TpmAlgId.ECC, nameAlg, attrs, policy, new TpmsEccParms(symDefObject(d),
                    eccScheme(d), u16(d), kdf(d)), eccPoint(d));
            case 2 -> new TpmtPublic(TpmAlgId.KEYEDHASH, nameAlg, attrs, policy,
                    new TpmsKeyedHashParms(keyedHashScheme(d)), new Tpm2bDigest(bytes(d, 64)));
            default -> new TpmtPublic(TpmAlgId.SYMCIPHER, nameAlg, attrs, policy,
                    new TpmsSymCipherParms(symDefObject(d)), new Tpm2bDigest(bytes(d, 64)));
        };
    }

    static TpmsNvPublic nvPublic(FuzzedDataProvider d) {
        return new TpmsNvPublic(d.consumeInt(0x01000000, 0x01FFFFFF), hashAlg(d), new TpmaNv(u32(d)), bytes(d, 64),
                u16(d));
    }

    static TpmlPcrSelection pcrSelection(FuzzedDataProvider d) {
        return new TpmlPcrSelection(list(d, 16, x -> new TpmsPcrSelection(hashAlg(x), bytes(x, 4))));
    }

    static TpmsCapabilityData capabilityData(FuzzedDataProvider d) {
        return new TpmsCapabilityData(switch (d.consumeInt(0, 5)) {
            case 0 -> new TpmlHandle(list(d, 254, Gen::u32));
            case 1 -> new TpmlTaggedTpmProperty(list(d, 127, x -> new TpmsTaggedProperty(u32(x), u32(x))));
            case 2 -> new TpmlAlgProperty(list(d, 169, x -> new TpmsAlgProperty(u16(x), u32(x))));
            case 3 -> new TpmlCca(list(d, 254, Gen::u32));
            case 4 -> pcrSelection(d);
            default -> new TpmlEccCurve(list(d, 508, Gen::u16));
        });
    }

    static TpmsAuthCommand authCommand(FuzzedDataProvider d) {
        return new TpmsAuthCommand(u32(d), bytes(d, 64), new TpmaSession(d.consumeInt(0, 255)),
                bytes(d, 64).toByteArray());
    }

    static TpmsAuthResponse authResponse(FuzzedDataProvider d) {
        return new TpmsAuthResponse(bytes(d, 64), new TpmaSession(d.consumeInt(0, 255)), bytes(d, 64));
    }

    static TpmtTkCreation ticket(FuzzedDataProvider d) {
        return new TpmtTkCreation(TpmSt.CREATION, u32(d), bytes(d, 64));
    }

    static TpmsCreationData creationData(FuzzedDataProvider d) {
        return new TpmsCreationData(pcrSelection(d), bytes(d, 64), d.consumeInt(0, 255), hashAlg(d), bytes(d, 66),
                bytes(d, 66), bytes(d, 66));
    }

    static TpmtHa tpmtHa(FuzzedDataProvider d) {
        int h = hashAlg(d);
        byte[] digest = d.consumeBytes(TpmAlgId.digestSize(h));
        return new TpmtHa(h, Bytes.of(java.util.Arrays.copyOf(digest, TpmAlgId.digestSize(h))));
    }

    static TpmtSignature signature(FuzzedDataProvider d) {
        return switch (d.consumeInt(0, 3)) {
            case 0 -> TpmtSignature.NULL;
            case 1 -> new TpmtSignature(d.pickValue(new int[] {TpmAlgId.RSASSA, TpmAlgId.RSAPSS}),
                    new TpmsSignatureRsa(hashAlg(d), bytes(d, 512)));
            case 2 -> new TpmtSignature(d.pickValue(new int[] {TpmAlgId.ECDSA, TpmAlgId.ECDAA, TpmAlgId.SM2,
                    TpmAlgId.ECSCHNORR}), new TpmsSignatureEcc(hashAlg(d), bytes(d, 66), bytes(d, 66)));
            default -> new TpmtSignature(TpmAlgId.HMAC, tpmtHa(d));
        };
    }

    static TpmtSigScheme sigScheme(FuzzedDataProvider d) {
        return new TpmtSigScheme(d.pickValue(new int[] {TpmAlgId.NULL, TpmAlgId.RSASSA, TpmAlgId.ECDSA,
                TpmAlgId.ECDAA, TpmAlgId.HMAC}), hashAlg(d), u16(d));
    }

    static TpmsAttest attest(FuzzedDataProvider d) {
        int magic = u32(d);
        Bytes signer = bytes(d, 66);
        Bytes extra = bytes(d, 66);
        TpmsClockInfo clock = new TpmsClockInfo(d.consumeLong(), u32(d), u32(d), d.consumeBoolean());
        long firmware = d.consumeLong();
        TpmuAttest body = switch (d.consumeInt(0, 2)) {
            case 0 -> new TpmuAttest.CertifyInfo(bytes(d, 66), bytes(d, 66));
            case 1 -> new TpmuAttest.QuoteInfo(pcrSelection(d), bytes(d, 64));
            default -> new TpmuAttest.CreationInfo(bytes(d, 66), bytes(d, 64));
        };
        return new TpmsAttest(magic, signer, extra, clock, firmware, body);
    }

    static TpmsSensitiveCreate sensitiveCreate(FuzzedDataProvider d) {
        return new TpmsSensitiveCreate(bytes(d, 64).toByteArray(), bytes(d, 256));
    }

    static TpmlDigest digestList(FuzzedDataProvider d) {
        return new TpmlDigest(list(d, 8, x -> bytes(x, 64)));
    }

    static Tpm2bIdObject idObject(FuzzedDataProvider d) {
        return new Tpm2bIdObject(bytes(d, 132));
    }

    static Tpm2bEncryptedSecret encryptedSecret(FuzzedDataProvider d) {
        return new Tpm2bEncryptedSecret(bytes(d, 512));
    }
}
