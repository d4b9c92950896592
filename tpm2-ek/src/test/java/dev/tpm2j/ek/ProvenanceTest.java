package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Provenance reaches the chain result; certificates in NV indices the platform created and the owner cannot write
 * count as "on the TPM" for the AIK key id, locked or not (real TPMs do not lock them); owner-created or
 * owner-writable indices never do; the AIK address is given only for a trusted chain and never from an unchecked
 * vendor string.
 */
class ProvenanceTest {
    static final Instant AT = RealEkCertificatesTest.AT;

    static List<EkChain.Sourced> adlOnChip(Provenance p) {
        return Stream.of("intel-csme-adl-rom-ca.pem", "intel-csme-adl-svn01-kernel-ca.pem",
                "intel-csme-adl-ptt-01svn.pem").map(n -> new EkChain.Sourced(RealData.cert(n), "nv:0x01c00100", p))
                .toList();
    }

    static EkChain.Result adl(Provenance p) {
        return adl(p, p);
    }

    static EkChain.Result adl(Provenance leaf, Provenance cas) {
        return EkChain.verify(new EkChain.Sourced(RealData.cert("intel-ptt-adl-ek-rsa.pem"), "nv:0x01c00002", leaf),
                adlOnChip(cas), RealData.bundle(),
                List.of(RealData.cert("intel-odca-2-csme-p-adl-00002820-issuing-ca.pem")), AT, null);
    }

    @Test
    void genuineCasInAnOwnerWritableIndexAreTrustedButDoNotMoveTheAikKeyId() {
        TpmCertificate issuing = RealData.cert("intel-odca-2-csme-p-adl-00002820-issuing-ca.pem");
        EkChain.Result locked = adl(Provenance.NV_PLATFORM_LOCKED);
        EkChain.Result owner = adl(Provenance.NV_PLATFORM_WRITABLE, Provenance.NV_OWNER_WRITABLE);
        assertTrue(locked.trusted());
        assertTrue(owner.trusted(), "provenance never decides trust: the signatures do");
        assertEquals(Provenance.NV_OWNER_WRITABLE, owner.chain().get(1).provenance());
        assertEquals(Provenance.SUPPLIED, owner.chain().get(4).provenance());
        assertEquals(Provenance.TRUST_BUNDLE, owner.chain().get(6).provenance());

        AikServiceUrl right = AikServiceUrl.forTrustedChain("INTC", locked);
        assertEquals(Hex.of(issuing.subjectKeyId()), right.keyId());
        // the same certificates copied by the owner: nothing counts as stored on the TPM by its platform
        AikServiceUrl fromOwner = AikServiceUrl.forTrustedChain("INTC", owner);
        assertEquals(fromOwner.naiveKeyId(), fromOwner.keyId());
        assertFalse(fromOwner.differs());
        // an EK certificate in an owner-writable index gives no address at all (attack review F1)
        EkChain.Result ownerLeaf = adl(Provenance.NV_OWNER_WRITABLE);
        assertTrue(ownerLeaf.trusted());
        AikServiceUrlException e = assertThrows(AikServiceUrlException.class,
                () -> AikServiceUrl.forTrustedChain("INTC", ownerLeaf));
        assertTrue(e.getMessage().contains("owner created or can write"), e.getMessage());
        // AUTHWRITE chain indices do not count either (attack review F4): anyone with the index's auth can write them
        AikServiceUrl authwrite = AikServiceUrl.forTrustedChain("INTC",
                adl(Provenance.NV_PLATFORM_WRITABLE, Provenance.NV_PLATFORM_AUTHWRITE));
        assertEquals(authwrite.naiveKeyId(), authwrite.keyId());
    }

    @Test
    void noAikAddressForAnUntrustedChain() {
        EkChain.Result partial = EkChain.verify(new EkChain.Sourced(RealData.cert("intel-ptt-adl-ek-rsa.pem"),
                "nv:0x01c00002"), adlOnChip(Provenance.NV_PLATFORM_LOCKED), RealData.bundle(), List.of(), AT, null);
        assertFalse(partial.trusted());
        AikServiceUrlException e = assertThrows(AikServiceUrlException.class,
                () -> AikServiceUrl.forTrustedChain("INTC", partial));
        assertTrue(e.getMessage().startsWith("no AIK service address for an untrusted EK chain"), e.getMessage());
    }

    @Test
    void malformedVendorIdsAreRefusedNotThrownAsNumberFormatException() {
        assertEquals(Optional.empty(), new TpmCertificate.TpmIdentity("id:ZZZZZZZZ", "m", "v").vendorId());
        assertEquals(Optional.empty(), new TpmCertificate.TpmIdentity("id:+1234567", "m", "v").vendorId());
        assertEquals(Optional.empty(), new TpmCertificate.TpmIdentity("id:2E2F0A00", "m", "v").vendorId(),
                "control characters");
        assertEquals(Optional.of("INTC"), new TpmCertificate.TpmIdentity("id:494E5443", "m", "v").vendorId());
        assertEquals("ifx", AikServiceUrl.vendorLabel("IFX\0"));
        for (String bad : List.of("evil.example/", "a-b", "", "\0\0", "waytoolongvendor")) {
            assertThrows(AikServiceUrlException.class, () -> AikServiceUrl.vendorLabel(bad), bad);
        }
    }

    @Test
    void provenanceFromNvAttributes() {
        int platformBase = TpmaNv.PPWRITE | TpmaNv.PPREAD | TpmaNv.AUTHREAD | TpmaNv.PLATFORMCREATE | TpmaNv.WRITTEN;
        assertEquals(Provenance.NV_PLATFORM_LOCKED, Provenance.ofNvAttributes(new TpmaNv(platformBase
                | TpmaNv.WRITEDEFINE | TpmaNv.WRITELOCKED)));
        assertEquals(Provenance.NV_LOCKED_UNTIL_REBOOT, Provenance.ofNvAttributes(new TpmaNv(platformBase
                | TpmaNv.WRITE_STCLEAR | TpmaNv.WRITELOCKED)));
        assertEquals(Provenance.NV_PLATFORM_WRITABLE, Provenance.ofNvAttributes(new TpmaNv(platformBase)));
        assertEquals(Provenance.NV_OWNER_WRITABLE, Provenance.ofNvAttributes(new TpmaNv(TpmaNv.OWNERWRITE
                | TpmaNv.OWNERREAD | TpmaNv.WRITTEN)));
        assertEquals(Provenance.NV_PLATFORM_AUTHWRITE, Provenance.ofNvAttributes(new TpmaNv(platformBase
                | TpmaNv.AUTHWRITE)));
        assertEquals(Provenance.NV_OWNER_WRITABLE, Provenance.ofNvAttributes(new TpmaNv(platformBase
                | TpmaNv.OWNERWRITE)));
        assertEquals(Provenance.NV_OWNER_WRITABLE, Provenance.ofNvAttributes(new TpmaNv(platformBase
                | TpmaNv.POLICYWRITE)));
        assertEquals(Provenance.NV_PLATFORM_LOCKED, Provenance.ofNvAttributes(new TpmaNv(platformBase
                | TpmaNv.OWNERWRITE | TpmaNv.WRITEDEFINE | TpmaNv.WRITELOCKED)), "locked for good: nobody writes");
    }

    /** Every attribute value a real device reported (testdata/real-nv) counts as stored on the TPM by its platform. */
    @Test
    void realDeviceAttributesCountAsStoredOnTheTpm() throws Exception {
        List<String> rows = java.nio.file.Files.readAllLines(RealData.root().resolve("real-nv/nv-public.tsv")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertTrue(rows.size() >= 3, rows.toString());
        for (String row : rows) {
            TpmaNv a = new TpmaNv((int) Long.parseLong(row.split("\t")[3].substring(2), 16));
            assertFalse(a.has(TpmaNv.WRITELOCKED), row);
            // AUTHWRITE (Hyper-V's EK certificate index): whoever knows the index's authValue can rewrite it
            assertEquals(!a.has(TpmaNv.AUTHWRITE), Provenance.ofNvAttributes(a).storedOnTpmByPlatform(), row);
            assertFalse(Provenance.ofNvAttributes(a).ownerWritable(), row);
        }
        assertEquals(Provenance.NV_PLATFORM_WRITABLE, Provenance.ofNvAttributes(new TpmaNv(0x62072001)));
        for (Provenance p : List.of(Provenance.NV_PLATFORM_AUTHWRITE, Provenance.NV_OWNER_WRITABLE,
                Provenance.NV_UNKNOWN, Provenance.TRUST_BUNDLE, Provenance.AIA, Provenance.SUPPLIED)) {
            assertFalse(p.storedOnTpmByPlatform(), p.name());
        }
    }

    /**
     * The seed bug on the real ADL chain: on the attributes real TPMs report (0x62072001, no lock) the key id is the
     * ODCA issuing CA's, one Microsoft runs an AIK CA for; the naive one is not.
     */
    @Test
    void realAttributesGiveTheKeyIdMicrosoftRuns() {
        EkChain.Result real = adl(Provenance.ofNvAttributes(new TpmaNv(0x62072001)));
        assertTrue(real.trusted(), real.verdict());
        AikServiceUrl url = AikServiceUrl.forTrustedChain("INTC", real);
        assertEquals("ba21136573c2c38a5be57cb6c68bfc23bb36ca58", url.keyId());
        assertTrue(url.differs());
        assertTrue(url.naiveKeyId().startsWith("e2c04e21"), url.naiveKeyId());
    }

    /** On swtpm: a platform index locked only until reboot is reported as such, index and chain link alike. */
    @Test
    void writeStclearLockIsReportedOnARealTpm() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            byte[] ca = sim.provisioned().onChip().get(0).getEncoded();
            int index = 0x01C00110;
            tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.PPWRITE, TpmaNv.WRITE_STCLEAR,
                    TpmaNv.PPREAD, TpmaNv.OWNERREAD, TpmaNv.AUTHREAD, TpmaNv.NO_DA, TpmaNv.PLATFORMCREATE),
                    Bytes.EMPTY, ca.length), Authorization.platform());
            tpm.nvWrite(index, 0, ca, Authorization.platform());
            tpm.nvWriteLock(index, Authorization.platform());
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.NvIndex i = inv.indices().stream().filter(x -> x.index() == index).findFirst().orElseThrow();
            assertTrue(i.provenanceWarnings().stream().anyMatch(w -> w.startsWith("write-locked only until the next "
                    + "TPM reset")), i.provenanceWarnings().toString());
            assertEquals(Provenance.NV_LOCKED_UNTIL_REBOOT, EkInventory.provenanceOf(i));
            assertTrue(inv.chainCertificates().stream().anyMatch(c -> c.source().equals("nv:0x01c00110")
                    && c.provenance() == Provenance.NV_LOCKED_UNTIL_REBOOT), inv.chainCertificates().toString());
            assertTrue(inv.chainCertificates().stream().filter(c -> !c.source().equals("nv:0x01c00110"))
                    .allMatch(c -> c.provenance() == Provenance.NV_PLATFORM_WRITABLE), "as real TPMs report them");
        }
    }
}
