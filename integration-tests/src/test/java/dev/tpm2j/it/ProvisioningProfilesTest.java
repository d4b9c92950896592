package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.simulator.Profile;
import dev.tpm2j.simulator.Provisioned;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.Tpm2Tools;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The provisioning profiles produce exactly the indices, attributes and certificates described. */
class ProvisioningProfilesTest {
    /**
     * ppwrite|writedefine|ppread|ownerread|authread|no_da|written|platformcreate, no write lock: what real TPMs report
     * (testdata/real-nv/nv-public.tsv, checked against that file below).
     */
    private static final int REAL_CERT_ATTRIBUTES = 0x62072001;

    /** index → attributes, as tpm2_nvreadpublic prints them. */
    static Map<Integer, Integer> nvReadPublic(Swtpm sim) {
        String out = Tpm2Tools.run(sim, "tpm2_nvreadpublic");
        Map<Integer, Integer> m = new TreeMap<>();
        Matcher idx = Pattern.compile("(?m)^(0x[0-9a-f]+):$").matcher(out);
        while (idx.find()) {
            int start = idx.end();
            Matcher attr = Pattern.compile("(?m)^\\s+value: (0x[0-9A-Fa-f]+)$").matcher(out);
            // the second "value:" after the index header is the attributes (the first is the hash algorithm)
            attr.region(start, out.length());
            assertTrue(attr.find());
            assertTrue(attr.find());
            m.put(Integer.decode(idx.group(1)), Integer.decode(attr.group(1).toLowerCase()));
        }
        return m;
    }

    static X509Certificate parse(byte[] der) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(der));
    }

    static void validates(List<X509Certificate> leafFirst, X509Certificate root) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(leafFirst);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    @Test
    void intelOdcaProfile() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.INTEL_ODCA)) {
            Provisioned p = sim.provisioned();
            Map<Integer, Integer> nv = nvReadPublic(sim);
            assertEquals(Map.of(0x01C00002, REAL_CERT_ATTRIBUTES, 0x01C0000A, REAL_CERT_ATTRIBUTES,
                    0x01C00100, REAL_CERT_ATTRIBUTES, 0x01C00101, REAL_CERT_ATTRIBUTES),
                    withoutPlatformCert(nv), "EK cert and chain indices");
            assertEquals(List.of(0x01C00100, 0x01C00101), p.chainIndices());
            assertTrue(new TpmaNv(REAL_CERT_ATTRIBUTES).has(TpmaNv.PLATFORMCREATE));
            assertFalse(new TpmaNv(REAL_CERT_ATTRIBUTES).has(TpmaNv.WRITELOCKED));
            assertTrue(RealNvData.attributesSeen().contains(REAL_CERT_ATTRIBUTES),
                    "the profile's attributes are ones a real device reported");

            try (Tpm tpm = sim.openTpm()) {
                // the chain: three on-chip CAs concatenated across two indices, one straddling the boundary
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                for (int index : p.chainIndices()) {
                    all.writeBytes(tpm.nvRead(index));
                }
                byte[] chain = all.toByteArray();
                int offset = 0;
                boolean straddles = false;
                List<X509Certificate> onChip = new ArrayList<>();
                for (X509Certificate expected : p.onChip()) {
                    byte[] der = expected.getEncoded();
                    assertArrayEquals(der, java.util.Arrays.copyOfRange(chain, offset, offset + der.length));
                    straddles |= offset < 1024 && offset + der.length > 1024;
                    onChip.add(parse(der));
                    offset += der.length;
                }
                assertEquals(chain.length, offset, "no fill bytes");
                assertTrue(straddles, "a certificate straddles 0x01C00100 and 0x01C00101");

                X509Certificate eccEk = parse(tpm.nvRead(0x01C0000A));
                X509Certificate rsaEk = parse(tpm.nvRead(0x01C00002));
                assertEquals("SHA384withECDSA", eccEk.getSigAlgName());
                assertEquals("", eccEk.getSubjectX500Principal().getName());
                assertTrue(eccEk.getCriticalExtensionOIDs().contains("2.5.29.17"), "critical SAN");
                assertMatches(tpm, eccEk, EkTemplates.L2_ECC_P256);
                assertMatches(tpm, rsaEk, EkTemplates.L1_RSA2048);

                // EK → PTT CA → Kernel CA → ROM CA → off-chip issuing CA → family intermediate → root
                List<X509Certificate> path = new ArrayList<>(List.of(eccEk));
                for (int i = onChip.size() - 1; i >= 0; i--) {
                    path.add(onChip.get(i));
                }
                path.add(p.offChip().get(1));
                path.add(p.offChip().get(0));
                validates(path, p.root());
                assertTrue(p.onChip().get(2).getSubjectX500Principal().getName().contains("PTT"));

                // as on real TPMs: the owner cannot rewrite a chain index (only the platform could)
                TpmResponseException owner = assertThrows(TpmResponseException.class,
                        () -> tpm.nvWrite(0x01C00100, 0, new byte[] {1}, Authorization.owner()));
                assertTrue(owner.is(TpmRc.NV_AUTHORIZATION) || owner.is(TpmRc.AUTH_UNAVAILABLE), owner.getMessage());
            }
            Collection<? extends java.security.cert.Certificate> exported = CertificateFactory.getInstance("X.509")
                    .generateCertificates(Files.newInputStream(p.intermediatesPem()));
            assertEquals(2, exported.size());
            assertEquals(p.root(), CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(p.rootPem())));
        }
    }

    @Test
    void discreteProfile() throws Exception {
        try (Swtpm sim = Swtpm.start(Profile.DISCRETE)) {
            Provisioned p = sim.provisioned();
            Map<Integer, Integer> nv = withoutPlatformCert(nvReadPublic(sim));
            assertEquals(Map.of(0x01C00002, REAL_CERT_ATTRIBUTES), nv, "only the RSA EK certificate, no chain");
            try (Tpm t = sim.openTpm()) {
                X509Certificate ek = parse(t.nvRead(0x01C00002));
                assertMatches(t, ek, EkTemplates.L1_RSA2048);
                validates(List.of(ek, p.offChip().get(0)), p.root());
                assertEquals(p.offChip().get(0).getSubjectX500Principal(), ek.getIssuerX500Principal());
            }
        }
    }

    @Test
    void bareProfileIsWhatSwtpmSetupMakes() {
        try (Swtpm sim = Swtpm.start(Profile.BARE)) {
            Map<Integer, Integer> nv = withoutPlatformCert(nvReadPublic(sim));
            assertEquals(Set.of(0x01C00002, 0x01C00016), nv.keySet());
            assertFalse(new TpmaNv(nv.get(0x01C00002)).has(TpmaNv.WRITELOCKED));
            assertEquals(Profile.BARE, sim.provisioned().profile());
        }
    }

    @Test
    void standaloneStartsAProvisionedSimulator() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Swtpm sim = dev.tpm2j.simulator.SimulatorMain.start(new String[] {"--profile", "discrete"},
                new java.io.PrintStream(out, true))) {
            assertTrue(out.toString().contains("use --tpm " + sim.tpmSpec()), out.toString());
            assertNotNull(sim.provisioned().root());
        }
        assertThrows(IllegalArgumentException.class, () -> Profile.fromId("tpm1.2"));
        assertThrows(IllegalArgumentException.class, () -> dev.tpm2j.simulator.SimulatorMain.start(
                new String[] {"--port", "abc"}, new java.io.PrintStream(out, true)));
    }

    @Test
    void persistentStateSurvivesARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        dev.tpm2j.simulator.SwtpmOptions opts = dev.tpm2j.simulator.SwtpmOptions.DEFAULT.withStateDir(dir)
                .withRsaKeySize(3072);
        byte[] first;
        try (Swtpm sim = Swtpm.start(opts); Tpm tpm = sim.openTpm()) {
            assertTrue(tpm.getHandles(0x01C00000).contains(0x01C0001C), "a 3072-bit RSA EK certificate sits at H-6");
            first = tpm.nvRead(0x01C0001C);
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            tpm.flushContext(ek.objectHandle());
        }
        assertTrue(Files.exists(dir.resolve("tpm2-00.permall")), "state kept");
        try (Swtpm sim = Swtpm.start(opts); Tpm tpm = sim.openTpm()) {
            assertArrayEquals(first, tpm.nvRead(0x01C0001C), "same TPM after restart");
        }
    }

    private static Map<Integer, Integer> withoutPlatformCert(Map<Integer, Integer> nv) {
        Map<Integer, Integer> m = new TreeMap<>(nv);
        m.keySet().removeIf(i -> i >= 0x01C08000);
        return m;
    }

    private static void assertMatches(Tpm tpm, X509Certificate cert, dev.tpm2j.core.types.TpmtPublic template) {
        CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), template);
        try {
            assertTrue(PublicKeys.sameKey(cert.getPublicKey(), ek.outPublic()), "certificate key = TPM's EK");
        } finally {
            tpm.flushContext(ek.objectHandle());
        }
    }
}
