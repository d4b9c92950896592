package dev.tpm2j.core.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.SessionOptions;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmRh;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every command's declared {@link CommandShape} against TPM 2.0 Part 3 (the command's handle area, which handles carry
 * an "@" authorization, the response handle, and whether the first command / response parameter is a TPM2B — the
 * reference implementation's DECRYPT_2 / ENCRYPT_2 attributes).
 */
class CommandShapeTest {
    /** One row of the Part 3 table: code, handles, authorized handles, response handles, TPM2B first parameters. */
    record Row(CommandShape shape, int cc, int handles, int auth, int responseHandles, boolean decrypt,
               boolean encrypt) {
    }

    static final List<Row> PART3 = List.of(
            new Row(ActivateCredential.SHAPE, 0x147, 2, 2, 0, true, true),
            new Row(Certify.SHAPE, 0x148, 2, 2, 0, true, true),
            new Row(ContextLoad.SHAPE, 0x161, 0, 0, 1, false, false),
            new Row(ContextSave.SHAPE, 0x162, 1, 0, 0, false, false),
            new Row(Create.SHAPE, 0x153, 1, 1, 0, true, true),
            new Row(EcdhZGen.SHAPE, 0x154, 1, 1, 0, true, true),
            new Row(CreatePrimary.SHAPE, 0x131, 1, 1, 1, true, true),
            new Row(EvictControl.SHAPE, 0x120, 2, 1, 0, false, false),
            new Row(FlushContext.SHAPE, 0x165, 0, 0, 0, false, false),
            new Row(GetCapability.SHAPE, 0x17A, 0, 0, 0, false, false),
            new Row(GetRandom.SHAPE, 0x17B, 0, 0, 0, false, true),
            new Row(GetSessionAuditDigest.SHAPE, 0x14D, 3, 2, 0, true, true),
            new Row(HierarchyChangeAuth.SHAPE, 0x129, 1, 1, 0, true, false),
            new Row(Load.SHAPE, 0x157, 1, 1, 1, true, true),
            new Row(LoadExternal.SHAPE, 0x167, 0, 0, 1, true, true),
            new Row(MakeCredential.SHAPE, 0x168, 1, 0, 0, true, true),
            new Row(NvCertify.SHAPE, 0x184, 3, 2, 0, true, true),
            new Row(NvChangeAuth.SHAPE, 0x13B, 1, 1, 0, true, false),
            new Row(NvDefineSpace.SHAPE, 0x12A, 1, 1, 0, true, false),
            new Row(NvRead.SHAPE, 0x14E, 2, 1, 0, false, true),
            new Row(NvReadPublic.SHAPE, 0x169, 1, 0, 0, false, true),
            new Row(NvUndefineSpace.SHAPE, 0x122, 2, 1, 0, false, false),
            new Row(NvWrite.SHAPE, 0x137, 2, 1, 0, true, false),
            new Row(NvWriteLock.SHAPE, 0x138, 2, 1, 0, false, false),
            new Row(ObjectChangeAuth.SHAPE, 0x150, 2, 1, 0, true, true),
            new Row(PcrExtend.SHAPE, 0x182, 1, 1, 0, false, false),
            new Row(PcrRead.SHAPE, 0x17E, 0, 0, 0, false, false),
            new Row(PolicyAuthValue.SHAPE, 0x16B, 1, 0, 0, false, false),
            new Row(PolicyAuthorize.SHAPE, 0x16A, 1, 0, 0, true, false),
            new Row(PolicyCommandCode.SHAPE, 0x16C, 1, 0, 0, false, false),
            new Row(PolicyGetDigest.SHAPE, 0x189, 1, 0, 0, false, true),
            new Row(PolicyNv.SHAPE, 0x149, 3, 1, 0, true, false),
            new Row(PolicyOr.SHAPE, 0x171, 1, 0, 0, false, false),
            new Row(PolicyPassword.SHAPE, 0x18C, 1, 0, 0, false, false),
            new Row(PolicyPcr.SHAPE, 0x17F, 1, 0, 0, true, false),
            new Row(PolicyRestart.SHAPE, 0x180, 1, 0, 0, false, false),
            new Row(PolicySecret.SHAPE, 0x151, 2, 1, 0, true, true),
            new Row(Quote.SHAPE, 0x158, 1, 1, 0, true, true),
            new Row(ReadPublic.SHAPE, 0x173, 1, 0, 0, false, true),
            new Row(RsaDecrypt.SHAPE, 0x159, 1, 1, 0, true, true),
            new Row(SetPrimaryPolicy.SHAPE, 0x12E, 1, 1, 0, true, false),
            new Row(Shutdown.SHAPE, 0x145, 0, 0, 0, false, false),
            new Row(Sign.SHAPE, 0x15D, 1, 1, 0, true, false),
            new Row(StartAuthSession.SHAPE, 0x176, 2, 0, 1, true, true),
            new Row(Startup.SHAPE, 0x144, 0, 0, 0, false, false),
            new Row(VerifySignature.SHAPE, 0x177, 1, 0, 0, true, false));

    @Test
    void everyDeclaredShapeMatchesPart3() {
        List<String> wrong = new java.util.ArrayList<>();
        for (Row r : PART3) {
            CommandShape expected = new CommandShape(r.cc(), r.handles(), r.auth(), r.responseHandles(), r.decrypt(),
                    r.encrypt());
            if (!expected.equals(r.shape())) {
                wrong.add(String.format("TPM_CC 0x%03x: declared %s", r.cc(), r.shape()));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void impossibleShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CommandShape.of(0x100).withHandles(1, 2));
        assertThrows(IllegalArgumentException.class, () -> CommandShape.of(0x100).withHandles(4, 0));
    }

    @Test
    void policySessionsMayBeBoundTrialSessionsMayNot() {
        SessionOptions bound = SessionOptions.policy(TpmAlgId.SHA256).withBind(TpmRh.OWNER, new byte[] {1, 2});
        assertTrue(bound.bound());
        assertEquals(TpmRh.OWNER, bound.bind());
        assertThrows(IllegalArgumentException.class, () -> SessionOptions.trial(TpmAlgId.SHA256)
                .withBind(TpmRh.OWNER, new byte[0]));
    }
}
