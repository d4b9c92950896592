package dev.tpm2j.core.types;

import java.util.Map;

/** TPM_CC command codes (Part 2 §6.5) used by tpm2j, with their spec names. */
public final class TpmCc {
    private TpmCc() {
    }

    public static final int NV_UndefineSpaceSpecial = 0x11F;
    public static final int EvictControl = 0x120;
    public static final int NV_UndefineSpace = 0x122;
    public static final int Clear = 0x126;
    public static final int HierarchyChangeAuth = 0x129;
    public static final int NV_DefineSpace = 0x12A;
    public static final int CreatePrimary = 0x131;
    public static final int NV_WriteLock = 0x138;
    public static final int NV_Write = 0x137;
    public static final int Startup = 0x144;
    public static final int Shutdown = 0x145;
    public static final int ActivateCredential = 0x147;
    public static final int Certify = 0x148;
    public static final int NV_Read = 0x14E;
    public static final int PolicySecret = 0x151;
    public static final int Create = 0x153;
    public static final int Load = 0x157;
    public static final int Quote = 0x158;
    public static final int ContextLoad = 0x161;
    public static final int ContextSave = 0x162;
    public static final int FlushContext = 0x165;
    public static final int LoadExternal = 0x167;
    public static final int MakeCredential = 0x168;
    public static final int NV_ReadPublic = 0x169;
    public static final int PolicyOR = 0x171;
    public static final int ReadPublic = 0x173;
    public static final int StartAuthSession = 0x176;
    public static final int GetCapability = 0x17A;
    public static final int GetRandom = 0x17B;
    public static final int PCR_Read = 0x17E;
    public static final int PCR_Extend = 0x182;
    public static final int PolicyRestart = 0x180;
    public static final int PolicyGetDigest = 0x189;
    public static final int PolicyAuthorizeNV = 0x192;
    public static final int CertifyX509 = 0x197;
    // Sessions and authorization (issue 12).
    public static final int NV_ChangeAuth = 0x13B;
    public static final int ObjectChangeAuth = 0x150;
    public static final int PolicyAuthValue = 0x16B;
    public static final int PolicyCommandCode = 0x16C;
    public static final int PolicyPassword = 0x18C;
    public static final int SetPrimaryPolicy = 0x12E;
    public static final int NV_Certify = 0x184;
    public static final int PolicyNV = 0x149;
    public static final int PolicyPCR = 0x17F;
    public static final int PolicyAuthorize = 0x16A;
    public static final int VerifySignature = 0x177;
    public static final int GetSessionAuditDigest = 0x14D;
    // Key use for the JCA provider (issue 26).
    public static final int ECDH_ZGen = 0x154;
    public static final int RSA_Decrypt = 0x159;
    public static final int Sign = 0x15D;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(NV_UndefineSpaceSpecial, "NV_UndefineSpaceSpecial"), Map.entry(EvictControl, "EvictControl"),
            Map.entry(NV_UndefineSpace, "NV_UndefineSpace"), Map.entry(Clear, "Clear"),
            Map.entry(HierarchyChangeAuth, "HierarchyChangeAuth"), Map.entry(NV_DefineSpace, "NV_DefineSpace"),
            Map.entry(CreatePrimary, "CreatePrimary"), Map.entry(NV_WriteLock, "NV_WriteLock"),
            Map.entry(NV_Write, "NV_Write"), Map.entry(Startup, "Startup"), Map.entry(Shutdown, "Shutdown"),
            Map.entry(ActivateCredential, "ActivateCredential"), Map.entry(Certify, "Certify"),
            Map.entry(NV_Read, "NV_Read"), Map.entry(PolicySecret, "PolicySecret"), Map.entry(Create, "Create"),
            Map.entry(Load, "Load"), Map.entry(Quote, "Quote"), Map.entry(ContextLoad, "ContextLoad"),
            Map.entry(ContextSave, "ContextSave"), Map.entry(FlushContext, "FlushContext"),
            Map.entry(LoadExternal, "LoadExternal"), Map.entry(MakeCredential, "MakeCredential"),
            Map.entry(NV_ReadPublic, "NV_ReadPublic"), Map.entry(PolicyOR, "PolicyOR"),
            Map.entry(ReadPublic, "ReadPublic"), Map.entry(StartAuthSession, "StartAuthSession"),
            Map.entry(GetCapability, "GetCapability"), Map.entry(GetRandom, "GetRandom"),
            Map.entry(PCR_Read, "PCR_Read"), Map.entry(PCR_Extend, "PCR_Extend"), Map.entry(PolicyRestart, "PolicyRestart"),
            Map.entry(PolicyGetDigest, "PolicyGetDigest"), Map.entry(PolicyAuthorizeNV, "PolicyAuthorizeNV"),
            Map.entry(CertifyX509, "CertifyX509"),
            Map.entry(NV_ChangeAuth, "NV_ChangeAuth"), Map.entry(ObjectChangeAuth, "ObjectChangeAuth"),
            Map.entry(PolicyAuthValue, "PolicyAuthValue"), Map.entry(PolicyCommandCode, "PolicyCommandCode"),
            Map.entry(PolicyPassword, "PolicyPassword"), Map.entry(SetPrimaryPolicy, "SetPrimaryPolicy"),
            Map.entry(NV_Certify, "NV_Certify"), Map.entry(PolicyNV, "PolicyNV"), Map.entry(PolicyPCR, "PolicyPCR"),
            Map.entry(PolicyAuthorize, "PolicyAuthorize"), Map.entry(VerifySignature, "VerifySignature"),
            Map.entry(GetSessionAuditDigest, "GetSessionAuditDigest"), Map.entry(ECDH_ZGen, "ECDH_ZGen"),
            Map.entry(RSA_Decrypt, "RSA_Decrypt"), Map.entry(Sign, "Sign"));

    /** {@code TPM2_NV_Read} style name, or {@code TPM2_CC_0x…} for a code tpm2j does not know. */
    public static String name(int cc) {
        String n = NAMES.get(cc);
        return n != null ? "TPM2_" + n : String.format("TPM2_CC_0x%08x", cc);
    }
}
