package dev.tpm2j.core;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
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
import dev.tpm2j.fuzz.Untrusted;
import java.util.function.Consumer;

/**
 * Every structure unmarshaller on untrusted bytes: it parses or throws {@link TpmFormatException} — never another
 * exception — within the allocation and time bounds of {@link Untrusted}. Seeds: valid samples of each structure
 * (from {@link Gen}, from the EK templates and from swtpm responses) and edge cases (empty, lengths 0 / max / 2^31).
 */
class StructureParserFuzzTest {

    static void parse(String name, byte[] in, Consumer<TpmReader> parser) {
        Untrusted.parse(name, in, b -> parser.accept(TpmReader.of(b)), TpmFormatException.class);
    }

    @FuzzTest void tpmtPublic(byte[] in) { parse("TPMT_PUBLIC", in, TpmtPublic::read); }
    @FuzzTest void tpm2bPublic(byte[] in) { parse("TPM2B_PUBLIC", in, Tpm2bPublic::read); }
    @FuzzTest void nvPublic(byte[] in) { parse("TPMS_NV_PUBLIC", in, TpmsNvPublic::read); }
    @FuzzTest void nvPublicSized(byte[] in) { parse("TPM2B_NV_PUBLIC", in, TpmsNvPublic::readSized); }
    @FuzzTest void symDef(byte[] in) { parse("TPMT_SYM_DEF", in, TpmtSymDef::read); }
    @FuzzTest void eccPoint(byte[] in) { parse("TPMS_ECC_POINT", in, TpmsEccPoint::read); }
    @FuzzTest void capabilityData(byte[] in) { parse("TPMS_CAPABILITY_DATA", in, TpmsCapabilityData::read); }
    @FuzzTest void authCommand(byte[] in) { parse("TPMS_AUTH_COMMAND", in, TpmsAuthCommand::read); }
    @FuzzTest void authResponse(byte[] in) { parse("TPMS_AUTH_RESPONSE", in, TpmsAuthResponse::read); }
    @FuzzTest void tkCreation(byte[] in) { parse("TPMT_TK_CREATION", in, TpmtTkCreation::read); }
    @FuzzTest void creationDataSized(byte[] in) { parse("TPM2B_CREATION_DATA", in, TpmsCreationData::readSized); }
    @FuzzTest void attestSized(byte[] in) { parse("TPM2B_ATTEST", in, TpmsAttest::readSized); }
    @FuzzTest void signature(byte[] in) { parse("TPMT_SIGNATURE", in, TpmtSignature::read); }
    @FuzzTest void sigScheme(byte[] in) { parse("TPMT_SIG_SCHEME", in, TpmtSigScheme::read); }
    @FuzzTest void tpmtHa(byte[] in) { parse("TPMT_HA", in, TpmtHa::read); }
    @FuzzTest void sensitiveCreateSized(byte[] in) {
        parse("TPM2B_SENSITIVE_CREATE", in, TpmsSensitiveCreate::readSized);
    }
    @FuzzTest void digestList(byte[] in) { parse("TPML_DIGEST", in, TpmlDigest::read); }
    @FuzzTest void pcrSelection(byte[] in) { parse("TPML_PCR_SELECTION", in, TpmlPcrSelection::read); }
    @FuzzTest void idObject(byte[] in) { parse("TPM2B_ID_OBJECT", in, Tpm2bIdObject::read); }
    @FuzzTest void encryptedSecret(byte[] in) { parse("TPM2B_ENCRYPTED_SECRET", in, Tpm2bEncryptedSecret::read); }
}
