package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.tpm2j.core.types.TpmtHa;
import dev.tpm2j.core.types.TpmtKdfScheme;
import dev.tpm2j.core.types.TpmtKeyedHashScheme;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtRsaScheme;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.core.types.TpmtTkCreation;
import dev.tpm2j.core.types.TpmtEccScheme;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every marshalled structure round-trips: generate a valid value, marshal, unmarshal, compare (value and bytes). */
class StructureRoundTripProperties {

    static <T extends TpmMarshallable> void roundTrip(T value, Function<TpmReader, T> reader) {
        byte[] bytes = value.toBytes();
        TpmReader r = TpmReader.of(bytes);
        T back = reader.apply(r);
        r.expectEnd("round trip");
        assertEquals(value, back);
        assertArrayEquals(bytes, back.toBytes());
    }

    @Provide Arbitrary<TpmtPublic> publics() { return Gen.tpmtPublic(); }
    @Provide Arbitrary<TpmsNvPublic> nvPublics() { return Gen.nvPublic(); }
    @Provide Arbitrary<TpmtSymDef> symDefs() { return Gen.symDef(); }
    @Provide Arbitrary<TpmtSymDef> symDefObjects() { return Gen.symDefObject(); }
    @Provide Arbitrary<TpmtRsaScheme> rsaSchemes() { return Gen.rsaScheme(); }
    @Provide Arbitrary<TpmtEccScheme> eccSchemes() { return Gen.eccScheme(); }
    @Provide Arbitrary<TpmtKeyedHashScheme> keyedHashSchemes() { return Gen.keyedHashScheme(); }
    @Provide Arbitrary<TpmtKdfScheme> kdfs() { return Gen.kdf(); }
    @Provide Arbitrary<TpmsEccPoint> points() { return Gen.eccPoint(); }
    @Provide Arbitrary<TpmsCapabilityData> capabilities() { return Gen.capabilityData(); }
    @Provide Arbitrary<TpmsAuthCommand> authCommands() { return Gen.authCommand(); }
    @Provide Arbitrary<TpmsAuthResponse> authResponses() { return Gen.authResponse(); }
    @Provide Arbitrary<TpmtTkCreation> tickets() { return Gen.ticket(); }
    @Provide Arbitrary<TpmsCreationData> creationData() { return Gen.creationData(); }
    @Provide Arbitrary<TpmsAttest> attests() { return Gen.attest(); }
    @Provide Arbitrary<TpmtSignature> signatures() { return Gen.signature(); }
    @Provide Arbitrary<TpmtSigScheme> sigSchemes() { return Gen.sigScheme(); }
    @Provide Arbitrary<TpmtHa> has() { return Gen.tpmtHa(); }
    @Provide Arbitrary<TpmsSensitiveCreate> sensitives() { return Gen.sensitiveCreate(); }
    @Provide Arbitrary<TpmlDigest> digestLists() { return Gen.digestList(); }
    @Provide Arbitrary<TpmlPcrSelection> pcrSelections() { return Gen.pcrSelection(); }
    @Provide Arbitrary<Tpm2bIdObject> idObjects() { return Gen.idObject(); }
    @Provide Arbitrary<Tpm2bEncryptedSecret> secrets() { return Gen.encryptedSecret(); }

    @Property void tpmtPublic(@ForAll("publics") TpmtPublic v) { roundTrip(v, TpmtPublic::read); }
    @Property void tpm2bPublic(@ForAll("publics") TpmtPublic v) { roundTrip(new Tpm2bPublic(v), Tpm2bPublic::read); }
    @Property void nvPublic(@ForAll("nvPublics") TpmsNvPublic v) { roundTrip(v, TpmsNvPublic::read); }

    /** Round trip of a TPM2B wrapper written by {@code marshalSized} and read by {@code readSized}. */
    static <T> void sizedRoundTrip(T value, java.util.function.BiConsumer<T, TpmWriter> marshalSized,
                                   Function<TpmReader, T> readSized) {
        TpmWriter w = new TpmWriter();
        marshalSized.accept(value, w);
        TpmReader r = TpmReader.of(w.toByteArray());
        assertEquals(value, readSized.apply(r));
        r.expectEnd("sized round trip");
    }

    @Property
    void nvPublicSized(@ForAll("nvPublics") TpmsNvPublic v) {
        sizedRoundTrip(v, TpmsNvPublic::marshalSized, TpmsNvPublic::readSized);
    }

    @Property void symDef(@ForAll("symDefs") TpmtSymDef v) { roundTrip(v, TpmtSymDef::read); }
    @Property void symDefObject(@ForAll("symDefObjects") TpmtSymDef v) { roundTrip(v, TpmtSymDef::readObject); }
    @Property void rsaScheme(@ForAll("rsaSchemes") TpmtRsaScheme v) { roundTrip(v, TpmtRsaScheme::read); }
    @Property void eccScheme(@ForAll("eccSchemes") TpmtEccScheme v) { roundTrip(v, TpmtEccScheme::read); }
    @Property void keyedHashScheme(@ForAll("keyedHashSchemes") TpmtKeyedHashScheme v) { roundTrip(v, TpmtKeyedHashScheme::read); }
    @Property void kdfScheme(@ForAll("kdfs") TpmtKdfScheme v) { roundTrip(v, TpmtKdfScheme::read); }
    @Property void eccPoint(@ForAll("points") TpmsEccPoint v) { roundTrip(v, TpmsEccPoint::read); }
    @Property void capabilityData(@ForAll("capabilities") TpmsCapabilityData v) { roundTrip(v, TpmsCapabilityData::read); }
    @Property void authCommand(@ForAll("authCommands") TpmsAuthCommand v) { roundTrip(v, TpmsAuthCommand::read); }
    @Property void authResponse(@ForAll("authResponses") TpmsAuthResponse v) { roundTrip(v, TpmsAuthResponse::read); }
    @Property void tkCreation(@ForAll("tickets") TpmtTkCreation v) { roundTrip(v, TpmtTkCreation::read); }
    @Property void creationData(@ForAll("creationData") TpmsCreationData v) { roundTrip(v, TpmsCreationData::read); }
    @Property void attest(@ForAll("attests") TpmsAttest v) { roundTrip(v, TpmsAttest::read); }
    @Property void signature(@ForAll("signatures") TpmtSignature v) { roundTrip(v, TpmtSignature::read); }
    @Property void sigScheme(@ForAll("sigSchemes") TpmtSigScheme v) { roundTrip(v, TpmtSigScheme::read); }
    @Property void tpmtHa(@ForAll("has") TpmtHa v) { roundTrip(v, TpmtHa::read); }
    @Property void digestList(@ForAll("digestLists") TpmlDigest v) { roundTrip(v, TpmlDigest::read); }
    @Property void pcrSelection(@ForAll("pcrSelections") TpmlPcrSelection v) { roundTrip(v, TpmlPcrSelection::read); }
    @Property void idObject(@ForAll("idObjects") Tpm2bIdObject v) { roundTrip(v, Tpm2bIdObject::read); }
    @Property void encryptedSecret(@ForAll("secrets") Tpm2bEncryptedSecret v) { roundTrip(v, Tpm2bEncryptedSecret::read); }

    @Property
    void sensitiveCreate(@ForAll("sensitives") TpmsSensitiveCreate v) {
        sizedRoundTrip(v, TpmsSensitiveCreate::marshalSized, TpmsSensitiveCreate::readSized);
    }
}
