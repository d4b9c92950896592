package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Provisioned;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.TestCa;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** EK inventory, chain and AIK URL against a real swtpm provisioned like Intel PTT and like an Infineon dTPM. */
class EkInventorySwtpmTest {

    static TrustBundle bundleOf(Provisioned p) throws Exception {
        return TrustBundle.empty().withAnchorsFrom(p.rootPem()).withIntermediatesFrom(p.intermediatesPem());
    }

    @Test
    void intelOdcaInventoryChainAndAikUrl() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA); Tpm tpm = sim.openTpm()) {
            Provisioned p = sim.provisioned();
            EkInventory inv = EkInventory.read(tpm);
            Map<Integer, EkInventory.Kind> kinds = inv.indices().stream()
                    .collect(Collectors.toMap(EkInventory.NvIndex::index, EkInventory.NvIndex::kind));
            assertEquals(EkInventory.Kind.EK_CERTIFICATE, kinds.get(0x01C00002));
            assertEquals(EkInventory.Kind.EK_CERTIFICATE, kinds.get(0x01C0000A));
            assertEquals(EkInventory.Kind.EK_CHAIN, kinds.get(0x01C00100));
            assertEquals(EkInventory.Kind.EK_CHAIN, kinds.get(0x01C00101));
            assertEquals(EkInventory.Kind.PLATFORM_CERTIFICATE, kinds.get(0x01C08000));
            for (EkInventory.NvIndex i : inv.indices()) {
                if (i.kind() == EkInventory.Kind.EK_CERTIFICATE || i.kind() == EkInventory.Kind.EK_CHAIN) {
                    assertEquals(List.of(), i.provenanceWarnings(), i.handle());
                }
            }
            assertEquals(2, inv.ekCertificates().size());
            for (EkInventory.EkCertificate ek : inv.ekCertificates()) {
                assertEquals(Boolean.TRUE, ek.matchesTpm().orElseThrow(), ek.handle() + ": " + ek.matchReason());
            }
            assertEquals(3, inv.chainCertificates().size());
            assertTrue(inv.chainCertificates().stream().anyMatch(c -> c.source().equals("nv:0x01c00100+0x01c00101")),
                    "a certificate straddles the two chain indices");
            assertEquals(List.of(), inv.problems());
            assertEquals("IBM", inv.vendor().manufacturer());

            EkInventory.EkCertificate ecc = inv.ekCertificates().stream().filter(e -> e.index() == 0x01C0000A)
                    .findFirst().orElseThrow();
            EkChain.Result chain = inv.verifyChain(ecc, bundleOf(p), List.of(), Instant.now(), null);
            assertTrue(chain.trusted(), chain.problems().toString());
            assertEquals(7, chain.chain().size());
            assertEquals(List.of("nv:0x01c0000a", "nv:0x01c00101", "nv:0x01c00100+0x01c00101", "nv:0x01c00100",
                    "trust-bundle", "trust-bundle", "trust-bundle"),
                    chain.chain().stream().map(EkChain.Link::source).toList());

            AikServiceUrl url = AikServiceUrl.compute("INTC", chain.chain());
            X509Certificate issuing = p.offChip().get(1);
            assertEquals(Hex.of(TpmCertificates.parse(issuing.getEncoded()).subjectKeyId()), url.keyId(),
                    "the off-chip issuing CA's key id");
            assertTrue(url.differs());
            assertEquals(Hex.of(ecc.certificate().orElseThrow().authorityKeyId()), url.naiveKeyId());
        }
    }

    @Test
    void discreteProfileHasNoChainAndUsesTheEkIssuer() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            EkInventory inv = EkInventory.read(tpm);
            assertTrue(inv.indices().stream().noneMatch(i -> i.kind() == EkInventory.Kind.EK_CHAIN));
            assertEquals(0, inv.chainCertificates().size());
            EkInventory.EkCertificate rsa = inv.primaryEkCertificate().orElseThrow();
            assertEquals(0x01C00002, rsa.index());
            assertEquals(Boolean.TRUE, rsa.matchesTpm().orElseThrow());
            EkChain.Result chain = inv.verifyChain(rsa, bundleOf(sim.provisioned()), List.of(), Instant.now(), null);
            assertTrue(chain.trusted(), chain.problems().toString());
            AikServiceUrl url = inv.aikServiceUrl(chain);
            assertFalse(url.differs());
            assertEquals(Hex.of(rsa.certificate().orElseThrow().authorityKeyId()), url.keyId());
            assertTrue(url.url().startsWith("https://ibm-keyid-"), url.url());
        }
    }

    @Test
    void plantedOwnerCreatedChainAndForeignEkCertificate() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            // an owner replaces nothing it cannot, but plants a self-signed CA and a certificate for a foreign key
            TestCa planted = TestCa.root("CN=Planted CA", false);
            byte[] plantedDer = planted.certificate().getEncoded();
            defineOwnerIndex(tpm, 0x01C00101, plantedDer);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            X509Certificate foreign = planted.issueEkCertificate(g.generateKeyPair().getPublic(), "id:494E5443", "X",
                    "id:1");
            defineOwnerIndex(tpm, 0x01C00012, foreign.getEncoded()); // H-1 slot

            EkInventory inv = EkInventory.read(tpm);
            EkInventory.NvIndex chainIndex = inv.indices().stream().filter(i -> i.index() == 0x01C00101).findFirst()
                    .orElseThrow();
            assertTrue(chainIndex.provenanceWarnings().get(0).startsWith("created by the owner"),
                    chainIndex.provenanceWarnings().toString());
            assertTrue(chainIndex.provenanceWarnings().get(1).startsWith("not write-protected"));

            EkInventory.EkCertificate h1 = inv.ekCertificates().stream().filter(e -> e.index() == 0x01C00012)
                    .findFirst().orElseThrow();
            assertEquals(Boolean.FALSE, h1.matchesTpm().orElseThrow());
            assertTrue(h1.matchReason().contains("is not the EK created from the default template H-1 RSA 2048"),
                    h1.matchReason());

            EkChain.Result chain = inv.verifyChain(h1, bundleOf(sim.provisioned()), List.of(), Instant.now(), null);
            assertFalse(chain.trusted());
            assertTrue(chain.problems().get(0).contains("is not a trust anchor"), chain.problems().toString());

            // the genuine EK certificate still verifies: planted bytes do not spoil the rest
            EkInventory.EkCertificate rsa = inv.ekCertificates().stream().filter(e -> e.index() == 0x01C00002)
                    .findFirst().orElseThrow();
            assertTrue(inv.verifyChain(rsa, bundleOf(sim.provisioned()), List.of(), Instant.now(), null).trusted());
        }
    }

    @Test
    void garbageInTheFirstChainIndexIsReportedAndTheRestWorks() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE); Tpm tpm = sim.openTpm()) {
            byte[] garbage = new byte[200];
            new java.security.SecureRandom().nextBytes(garbage);
            garbage[0] = 0x17;
            defineOwnerIndex(tpm, 0x01C00100, garbage);
            defineOwnerIndex(tpm, 0x01C00002 + 0x10, new byte[] {0x30, (byte) 0x82, 0x7F, (byte) 0xFF, 1, 2, 3});
            EkInventory inv = EkInventory.read(tpm);
            assertTrue(inv.problems().stream().anyMatch(p -> p.contains("unexpected byte 0x17")), inv.problems()
                    .toString());
            EkInventory.EkCertificate broken = inv.ekCertificates().stream().filter(e -> e.index() == 0x01C00012)
                    .findFirst().orElseThrow();
            assertTrue(broken.certificate().isEmpty());
            assertTrue(broken.parseProblem().orElseThrow().startsWith("not a DER certificate"),
                    broken.parseProblem().toString());
            EkInventory.EkCertificate rsa = inv.ekCertificates().stream().filter(e -> e.index() == 0x01C00002)
                    .findFirst().orElseThrow();
            assertEquals(Boolean.TRUE, rsa.matchesTpm().orElseThrow());
            assertTrue(inv.verifyChain(rsa, bundleOf(sim.provisioned()), List.of(), Instant.now(), null).trusted());
        }
    }

    @Test
    void nonceIndexIsAppliedWhenRecreatingTheEk() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.BARE); Tpm tpm = sim.openTpm()) {
            byte[] nonce = "tpm2j nonce".getBytes();
            var withNonce = EkInventory.applyNonce(EkTemplates.L1_RSA2048, nonce);
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), withNonce);
            tpm.flushContext(ek.objectHandle());
            TestCa ca = TestCa.root("CN=Nonce CA", true);
            X509Certificate cert = ca.issueEkCertificate(dev.tpm2j.core.crypto.PublicKeys.toJca(ek.outPublic()),
                    "id:49424D00", "SIM", "id:1");
            tpm.nvUndefineSpace(0x01C00002, Authorization.platform());
            defineOwnerIndex(tpm, 0x01C00002, cert.getEncoded());
            defineOwnerIndex(tpm, 0x01C00003, nonce);
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.EkCertificate rsa = inv.ekCertificates().stream().filter(e -> e.index() == 0x01C00002)
                    .findFirst().orElseThrow();
            assertEquals(Boolean.TRUE, rsa.matchesTpm().orElseThrow(), rsa.matchReason());
            assertTrue(rsa.matchReason().contains("with the nonce from 0x01c00003"), rsa.matchReason());
        }
    }

    @Test
    void persistentEkIsFoundAndMatchedToItsTemplate() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.BARE); Tpm tpm = sim.openTpm()) {
            // swtpm_setup persists its EKs; add an SRK, which is restricted+decrypt too but no EK
            CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(),
                    dev.tpm2j.core.templates.KeyTemplates.SRK_RSA2048);
            tpm.evictControl(Authorization.owner(), srk.objectHandle(), 0x81010010);
            tpm.flushContext(srk.objectHandle());
            EkInventory inv = EkInventory.read(tpm);
            EkInventory.PersistentEk ek = inv.persistentEks().stream().filter(p -> p.handle() == 0x81010001)
                    .findFirst().orElseThrow(() -> new AssertionError(inv.persistentEks().toString()));
            assertEquals("L-1 RSA 2048", ek.matchesTemplate().orElseThrow());
            EkInventory.PersistentEk other = inv.persistentEks().stream().filter(p -> p.handle() == 0x81010010)
                    .findFirst().orElseThrow();
            assertTrue(other.matchesTemplate().isEmpty());
        }
    }

    static void defineOwnerIndex(Tpm tpm, int index, byte[] data) {
        tpm.nvDefineSpace(new TpmsNvPublic(index, TpmAlgId.SHA256, TpmaNv.of(TpmaNv.OWNERWRITE, TpmaNv.OWNERREAD,
                TpmaNv.AUTHREAD, TpmaNv.NO_DA), Bytes.EMPTY, data.length), Authorization.owner());
        tpm.nvWrite(index, 0, data, Authorization.owner());
    }
}
