package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.core.marshal.TpmFormatException;
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
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.core.types.TpmtSigScheme;
import dev.tpm2j.core.types.TpmtSignature;
import dev.tpm2j.core.types.TpmtSymDef;
import dev.tpm2j.core.types.TpmtTkCreation;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every structure unmarshaller, fed random bytes and mutations of valid samples, either parses or throws
 * {@link TpmFormatException} — never another exception — and never allocates beyond a bound set by the input size.
 */
class ParserFuzzProperties {

    /** A parser of untrusted bytes and how to make valid samples for it. */
    record Target(String name, Consumer<TpmReader> parse, Arbitrary<byte[]> samples) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Arbitrary<byte[]> sized(Arbitrary<? extends TpmMarshallable> values) {
        return values.map(v -> {
            TpmWriter w = new TpmWriter();
            w.sized(v::marshal);
            return w.toByteArray();
        });
    }

    static final List<Target> TARGETS = List.of(
            new Target("TPMT_PUBLIC", TpmtPublic::read, Gen.tpmtPublic().map(TpmMarshallable::toBytes)),
            new Target("TPM2B_PUBLIC", Tpm2bPublic::read, sized(Gen.tpmtPublic())),
            new Target("TPMS_NV_PUBLIC", TpmsNvPublic::read, Gen.nvPublic().map(TpmMarshallable::toBytes)),
            new Target("TPM2B_NV_PUBLIC", TpmsNvPublic::readSized, sized(Gen.nvPublic())),
            new Target("TPMT_SYM_DEF", TpmtSymDef::read, Gen.symDef().map(TpmMarshallable::toBytes)),
            new Target("TPMS_ECC_POINT", TpmsEccPoint::read, Gen.eccPoint().map(TpmMarshallable::toBytes)),
            new Target("TPMS_CAPABILITY_DATA", TpmsCapabilityData::read,
                    Gen.capabilityData().map(TpmMarshallable::toBytes)),
            new Target("TPMS_AUTH_COMMAND", TpmsAuthCommand::read, Gen.authCommand().map(TpmMarshallable::toBytes)),
            new Target("TPMS_AUTH_RESPONSE", TpmsAuthResponse::read,
                    Gen.authResponse().map(TpmMarshallable::toBytes)),
            new Target("TPMT_TK_CREATION", TpmtTkCreation::read, Gen.ticket().map(TpmMarshallable::toBytes)),
            new Target("TPM2B_CREATION_DATA", TpmsCreationData::readSized, sized(Gen.creationData())),
            new Target("TPM2B_ATTEST", TpmsAttest::readSized, sized(Gen.attest())),
            new Target("TPMT_SIGNATURE", TpmtSignature::read, Gen.signature().map(TpmMarshallable::toBytes)),
            new Target("TPMT_SIG_SCHEME", TpmtSigScheme::read, Gen.sigScheme().map(TpmMarshallable::toBytes)),
            new Target("TPMT_HA", TpmtHa::read, Gen.tpmtHa().map(TpmMarshallable::toBytes)),
            new Target("TPM2B_SENSITIVE_CREATE", TpmsSensitiveCreate::readSized, sized(Gen.sensitiveCreate())),
            new Target("TPML_DIGEST", TpmlDigest::read, Gen.digestList().map(TpmMarshallable::toBytes)),
            new Target("TPML_PCR_SELECTION", TpmlPcrSelection::read, Gen.pcrSelection().map(TpmMarshallable::toBytes)),
            new Target("TPM2B_ID_OBJECT", Tpm2bIdObject::read, Gen.idObject().map(TpmMarshallable::toBytes)),
            new Target("TPM2B_ENCRYPTED_SECRET", Tpm2bEncryptedSecret::read,
                    Gen.encryptedSecret().map(TpmMarshallable::toBytes)));

    @Provide
    Arbitrary<Target> targets() {
        return Arbitraries.of(TARGETS);
    }

    @Provide
    Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(1200);
    }

    static void parseUntrusted(Target t, byte[] input) {
        parseOnce(t, input); // first run: class loading and initialization are not the input's doing
        long before = Allocation.allocatedBytes();
        parseOnce(t, input);
        long used = Allocation.allocatedBytes() - before;
        assertTrue(used <= Allocation.bound(input.length), t.name() + " allocated " + used + " bytes for "
                + input.length + " input bytes");
    }

    private static void parseOnce(Target t, byte[] input) {
        try {
            t.parse().accept(TpmReader.of(input));
        } catch (TpmFormatException expected) {
            assertTrue(expected.getMessage().length() > 0);
        } catch (RuntimeException e) {
            fail(t.name() + " threw " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
        }
    }

    @Property(tries = 3000)
    void randomBytesGiveOnlyFormatErrors(@ForAll("targets") Target t, @ForAll("randomBytes") byte[] input) {
        parseUntrusted(t, input);
    }

    @Property(tries = 3000)
    void mutatedSamplesGiveOnlyFormatErrors(@ForAll("targets") Target t, @ForAll long seed) {
        byte[] sample = t.samples().generator(100).next(new java.util.Random(seed)).value();
        java.util.Random r = new java.util.Random(seed ^ 0x5DEECE66DL);
        byte[] mutated = Mutations.mutate(sample, r.nextInt(6), r.nextInt(), r.nextInt(), 1 + r.nextInt(3));
        parseUntrusted(t, mutated);
    }
}
