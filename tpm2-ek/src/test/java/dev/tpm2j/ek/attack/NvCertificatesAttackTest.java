package dev.tpm2j.ek.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.ek.EkChain;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.NvCertificates;
import dev.tpm2j.ek.Provenance;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Swtpm;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Attack review of {@link NvCertificates} (public API, real swtpm, real MTL on-die certificates of testdata/real-ek).
 */
class NvCertificatesAttackTest {
    static final int OWNER_INDEX_ATTRS = TpmaNv.AUTHREAD | TpmaNv.AUTHWRITE | TpmaNv.OWNERREAD | TpmaNv.OWNERWRITE;
    static final int REAL_CHAIN_ATTRIBUTES = 0x62072001 & ~TpmaNv.WRITTEN;

    static byte[] der(String name) throws Exception {
        return TrustDefaultsAttackTest.cert("real-ek/" + name).der();
    }

    static void ownerIndex(Tpm tpm, int index, byte[] data, byte[] auth) {
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, new TpmaNv(OWNER_INDEX_ATTRS), Bytes.EMPTY,
                data.length), auth, Authorization.owner());
        tpm.nvWrite(index, 0, data, Authorization.owner());
    }

    static void platformIndex(Tpm tpm, int index, byte[] data) {
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, new TpmaNv(REAL_CHAIN_ATTRIBUTES), Bytes.EMPTY,
                data.length), Authorization.platform());
        tpm.nvWrite(index, 0, data, Authorization.platform());
    }

    static int lockoutCounter(Tpm tpm) {
        return tpm.getProperty(TpmPt.LOCKOUT_COUNTER).orElse(-1);
    }

    /**
     * Found by the attack review (it failed before the fix: the counter rose with every read and the TPM locked out):
     * an owner-planted chain index with AUTHREAD + OWNERREAD and a non-empty authValue (no NO_DA). The owner
     * authorization (empty) would read it, but tpm2j prefers AUTHREAD with an empty password: every read fails with
     * TPM_RC_AUTH_FAIL and bumps the dictionary-attack counter; repeated runs put the TPM into lockout. Here the
     * planted index is the continuation of the platform's truncated certificate, so reading the platform's index
     * fails too.
     */
    @Test
    void readingAPlantedAuthReadIndexCountsNoDictionaryAttackFailure() throws Exception {
        byte[] kernel = der("intel-odca-2-csme-mtl-soc-svn-01-kernel-ca.pem");
        int cut = kernel.length / 2;
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            platformIndex(tpm, 0x01C00100, Arrays.copyOf(kernel, cut));
            ownerIndex(tpm, 0x01C00101, Arrays.copyOfRange(kernel, cut, kernel.length),
                    "s3cret".getBytes(StandardCharsets.UTF_8));
            int before = lockoutCounter(tpm);
            String outcome;
            try {
                NvCertificates.Contents c = NvCertificates.read(tpm, 0x01C00100);
                outcome = "read " + c.certificates().size() + " certificate(s) from " + c.readFrom();
            } catch (TpmResponseException e) {
                outcome = "threw " + e.getMessage();
            }
            int afterOne = lockoutCounter(tpm);
            System.out.println("[attack] NvCertificates.read(0x01c00100) -> " + outcome + "; lockout counter "
                    + before + " -> " + afterOne);
            // Same planted index, read by the EK inventory (tpm2j ek / the AIK URL path).
            EkInventory inv = EkInventory.read(tpm);
            int afterInventory = lockoutCounter(tpm);
            System.out.println("[attack] EkInventory.read -> problems " + inv.problems() + "; lockout counter "
                    + afterInventory);
            // The index is readable with the (empty) owner authorization, as OWNERREAD allows.
            byte[] viaOwner = tpm.nvRead(0x01C00101, Authorization.owner());
            assertEquals(kernel.length - cut, viaOwner.length);
            int rounds = 0;
            boolean lockedOut = false;
            while (rounds < 64 && !lockedOut) {
                rounds++;
                try {
                    NvCertificates.read(tpm, 0x01C00100);
                } catch (TpmResponseException e) {
                    lockedOut = e.is(TpmRc.LOCKOUT);
                }
            }
            System.out.println("[attack] after " + rounds + " more reads: TPM in lockout = " + lockedOut
                    + ", counter " + lockoutCounter(tpm));
            // Expected (fails until fixed): reading never spends the TPM's dictionary-attack budget.
            assertEquals(before, afterOne, "NvCertificates.read bumped the DA counter: " + outcome);
            assertEquals(before, afterInventory, "EkInventory.read bumped the DA counter");
            assertFalse(lockedOut, "repeated reads locked the TPM out");
        }
    }

    /**
     * Found by the attack review: a certificate spliced from a platform index and an owner-created continuation came
     * back from NvCertificates as a plain certificate of the platform index. Continuation now never reads into an
     * index of weaker provenance: the platform's certificate stays incomplete, and the inventory still says where
     * the bytes came from.
     */
    @Test
    void aPlatformCertificateIsNeverCompletedFromAnOwnerIndex() throws Exception {
        byte[] kernel = der("intel-odca-2-csme-mtl-soc-svn-01-kernel-ca.pem");
        int cut = kernel.length / 2;
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            platformIndex(tpm, 0x01C00100, Arrays.copyOf(kernel, cut));
            ownerIndex(tpm, 0x01C00101, Arrays.copyOfRange(kernel, cut, kernel.length), new byte[0]);
            NvCertificates.Contents c = NvCertificates.read(tpm, 0x01C00100);
            assertEquals(0, c.certificates().size(), "not spliced");
            assertEquals(List.of(), c.continuedIn());
            EkInventory inv = EkInventory.read(tpm);
            List<Provenance> p = inv.chainCertificates().stream().map(EkChain.Sourced::provenance).toList();
            assertTrue(p.stream().noneMatch(Provenance::storedOnTpmByPlatform), inv.chainCertificates().toString());
        }
    }
}
