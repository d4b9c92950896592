package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import dev.tpm2j.core.types.Tpm2bEncryptedSecret;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmlDigest;
import dev.tpm2j.core.types.TpmlPcrSelection;
import dev.tpm2j.core.types.TpmsAttest;
import dev.tpm2j.core.types.TpmsAuthCommand;
import dev.tpm2j.core.types.TpmsAuthResponse;
import dev.tpm2j.core.types.TpmsCapabilityData;
import dev.tpm2j.core.types.TpmsCreationData;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmsSensitiveCreate;
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
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every marshalled structure round-trips: build a valid value from the fuzzer's bytes ({@link Gen}), marshal,
 * unmarshal, compare value and bytes. One target per structure, so coverage guidance works per structure.
 */
class StructureRoundTripFuzzTest {

    static <T extends TpmMarshallable> void roundTrip(T value, Function<TpmReader, T> reader) {
        byte[] bytes = value.toBytes();
        TpmReader r = TpmReader.of(bytes);
        T back = reader.apply(r);
        r.expectEnd("round trip");
        assertEquals(value, back);
        assertArrayEquals(bytes, back.toBytes());
    }

    /** Round trip of a TPM2B wrapper written by {@code marshalSized} and read by {@code readSized}. */
    static <T> void sizedRoundTrip(T value, BiConsumer<T, TpmWriter> marshalSized, Function<TpmReader, T> readSized) {
        TpmWriter w = new TpmWriter();
        marshalSized.accept(value, w);
        TpmReader r = TpmReader.of(w.toByteArray());
        assertEquals(value, readSized.apply(r));
        r.expectEnd("sized round trip");
    }

    @FuzzTest void tpmtPublic(FuzzedDataProvider d) { roundTrip(Gen.tpmtPublic(d), TpmtPublic::read); }
    @FuzzTest void tpm2bPublic(FuzzedDataProvider d) { roundTrip(new Tpm2bPublic(Gen.tpmtPublic(d)), Tpm2bPublic::read); }
    @FuzzTest void nvPublic(FuzzedDataProvider d) { roundTrip(Gen.nvPublic(d), TpmsNvPublic::read); }
    @FuzzTest void nvPublicSized(FuzzedDataProvider d) {
        sizedRoundTrip(Gen.nvPublic(d), TpmsNvPublic::marshalSized, TpmsNvPublic::readSized);
    }
    @FuzzTest void symDef(FuzzedDataProvider d) { roundTrip(Gen.symDef(d), TpmtSymDef::read); }
    @FuzzTest void symDefObject(FuzzedDataProvider d) { roundTrip(Gen.symDefObject(d), TpmtSymDef::readObject); }
    @FuzzTest void rsaScheme(FuzzedDataProvider d) { roundTrip(Gen.rsaScheme(d), TpmtRsaScheme::read); }
    @FuzzTest void eccScheme(FuzzedDataProvider d) { roundTrip(Gen.eccScheme(d), TpmtEccScheme::read); }
    @FuzzTest void keyedHashScheme(FuzzedDataProvider d) { roundTrip(Gen.keyedHashScheme(d), TpmtKeyedHashScheme::read); }
    @FuzzTest void kdfScheme(FuzzedDataProvider d) { roundTrip(Gen.kdf(d), TpmtKdfScheme::read); }
    @FuzzTest void eccPoint(FuzzedDataProvider d) { roundTrip(Gen.eccPoint(d), TpmsEccPoint::read); }
    @FuzzTest void capabilityData(FuzzedDataProvider d) { roundTrip(Gen.capabilityData(d), TpmsCapabilityData::read); }
    @FuzzTest void authCommand(FuzzedDataProvider d) { roundTrip(Gen.authCommand(d), TpmsAuthCommand::read); }
    @FuzzTest void authResponse(FuzzedDataProvider d) { roundTrip(Gen.authResponse(d), TpmsAuthResponse::read); }
    @FuzzTest void tkCreation(FuzzedDataProvider d) { roundTrip(Gen.ticket(d), TpmtTkCreation::read); }
    @FuzzTest void creationData(FuzzedDataProvider d) { roundTrip(Gen.creationData(d), TpmsCreationData::read); }
    @FuzzTest void attest(FuzzedDataProvider d) { roundTrip(Gen.attest(d), TpmsAttest::read); }
    @FuzzTest void signature(FuzzedDataProvider d) { roundTrip(Gen.signature(d), TpmtSignature::read); }
    @FuzzTest void sigScheme(FuzzedDataProvider d) { roundTrip(Gen.sigScheme(d), TpmtSigScheme::read); }
    @FuzzTest void tpmtHa(FuzzedDataProvider d) { roundTrip(Gen.tpmtHa(d), TpmtHa::read); }
    @FuzzTest void digestList(FuzzedDataProvider d) { roundTrip(Gen.digestList(d), TpmlDigest::read); }
    @FuzzTest void pcrSelection(FuzzedDataProvider d) { roundTrip(Gen.pcrSelection(d), TpmlPcrSelection::read); }
    @FuzzTest void idObject(FuzzedDataProvider d) { roundTrip(Gen.idObject(d), Tpm2bIdObject::read); }
    @FuzzTest void encryptedSecret(FuzzedDataProvider d) { roundTrip(Gen.encryptedSecret(d), Tpm2bEncryptedSecret::read); }
    @FuzzTest void sensitiveCreate(FuzzedDataProvider d) {
        sizedRoundTrip(Gen.sensitiveCreate(d), TpmsSensitiveCreate::marshalSized, TpmsSensitiveCreate::readSized);
    }
}
