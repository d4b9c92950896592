package dev.tpm2j.ek;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.CredentialFile;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.Tpm2bIdObject;
import dev.tpm2j.core.types.Tpm2bPublic;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.Swtpm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Software MakeCredential → TPM ActivateCredential for every EK template swtpm can make, plus interop and negatives. */
class ActivationSwtpmTest {
    static final SecureRandom RANDOM = new SecureRandom();
    static final Map<String, TpmtPublic> TEMPLATES = Map.of("L-1", EkTemplates.L1_RSA2048, "L-2",
            EkTemplates.L2_ECC_P256, "H-1", EkTemplates.H1_RSA2048, "H-2", EkTemplates.H2_ECC_P256, "H-3",
            EkTemplates.H3_ECC_P384, "H-4", EkTemplates.H4_ECC_P521, "H-6", EkTemplates.H6_RSA3072);
    static Swtpm sim;

    @BeforeAll
    static void start() {
        sim = Swtpm.start();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static byte[] roundTrip(Tpm tpm, TpmtPublic template, byte[] secret) {
        CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), template);
        AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
        try {
            CredentialProtection.Credential c = CredentialProtection.make(ek.outPublic(), ak.name(), secret);
            return AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(), ek.objectHandle(),
                    ek.outPublic(), Authorization.endorsement(), c);
        } finally {
            tpm.flushQuietly(ak.handle());
            tpm.flushQuietly(ek.objectHandle());
        }
    }

    @Test
    void everyEkTemplateRoundTrips() {
        try (Tpm tpm = sim.openTpm()) {
            for (Map.Entry<String, TpmtPublic> t : TEMPLATES.entrySet()) {
                int size = dev.tpm2j.core.crypto.TpmHash.digestSize(t.getValue().nameAlg());
                byte[] secret = new byte[size];
                RANDOM.nextBytes(secret);
                assertArrayEquals(secret, roundTrip(tpm, t.getValue(), secret), t.getKey());
            }
            assertEquals(List.of(), tpm.getHandles(0x80000000), "nothing left loaded");
            assertEquals(List.of(), tpm.getHandles(0x03000000), "no policy session left");
        }
    }

    @Test
    void credentialForAnotherEkOrAkOrTamperedIsRefusedWithAClearMessage() {
        try (Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
            try {
                // another TPM's EK: same template shape, another key
                byte[] secret = new byte[16];
                CredentialProtection.Credential foreign = CredentialProtection.make(EkTemplates.L2_ECC_P256
                        .withUnique(EcKeys.somePoint()), ak.name(), secret);
                TpmResponseException e = assertThrows(TpmResponseException.class, () -> AikActivation.activate(tpm,
                        ak.handle(), PasswordSession.empty(), ek.objectHandle(), ek.outPublic(),
                        Authorization.endorsement(), foreign));
                assertTrue(e.is(TpmRc.INTEGRITY), e.getMessage());
                assertEquals(1, e.responseCode().parameter(), "0x1DF: integrity, parameter 1");
                assertTrue(e.getMessage().contains("not made for this EK"), e.getMessage());

                CredentialProtection.Credential wrongName = CredentialProtection.make(ek.outPublic(),
                        Bytes.fromHex("000b" + "00".repeat(32)), secret);
                TpmResponseException n = assertThrows(TpmResponseException.class, () -> AikActivation.activate(tpm,
                        ak.handle(), PasswordSession.empty(), ek.objectHandle(), ek.outPublic(),
                        Authorization.endorsement(), wrongName));
                assertTrue(n.is(TpmRc.INTEGRITY), n.getMessage());
                assertTrue(n.getMessage().contains("AK name mismatch"), n.getMessage());

                CredentialProtection.Credential good = CredentialProtection.make(ek.outPublic(), ak.name(), secret);
                byte[] blob = good.credentialBlob().credential().toByteArray();
                blob[blob.length - 1] ^= 1;
                CredentialProtection.Credential tampered = new CredentialProtection.Credential(
                        new Tpm2bIdObject(Bytes.of(blob)), good.secret());
                TpmResponseException t = assertThrows(TpmResponseException.class, () -> AikActivation.activate(tpm,
                        ak.handle(), PasswordSession.empty(), ek.objectHandle(), ek.outPublic(),
                        Authorization.endorsement(), tampered));
                assertTrue(t.is(TpmRc.INTEGRITY), t.getMessage());
            } finally {
                tpm.flushQuietly(ak.handle());
                tpm.flushQuietly(ek.objectHandle());
            }
            assertEquals(List.of(), tpm.getHandles(0x80000000));
            assertEquals(List.of(), tpm.getHandles(0x03000000));
        }
    }

    @Test
    void tpm2ToolsMakecredentialFileIsActivatedByTpm2j(@TempDir Path dir) throws Exception {
        try (Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
            try {
                Files.write(dir.resolve("ek.pub"), new Tpm2bPublic(ek.outPublic()).toBytes());
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                Files.write(dir.resolve("secret.bin"), secret);
                dev.tpm2j.simulator.Tpm2Tools.run(null, "tpm2_makecredential", "-T", "none", "-u", dir.resolve("ek.pub").toString(),
                        "-s", dir.resolve("secret.bin").toString(), "-n", ak.name().toHex(), "-o",
                        dir.resolve("cred.out").toString());
                CredentialProtection.Credential c = CredentialFile.read(Files.readAllBytes(dir.resolve("cred.out")));
                assertArrayEquals(secret, AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), c));
            } finally {
                tpm.flushQuietly(ak.handle());
                tpm.flushQuietly(ek.objectHandle());
            }
        }
    }

    @Test
    void tpm2jCredentialFileIsActivatedByTpm2Tools(@TempDir Path dir) throws Exception {
        int akPersistent = 0x81000077;
        int ekPersistent = 0x81010077;
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        try (Tpm tpm = sim.openTpm()) {
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
            tpm.evictControl(Authorization.owner(), ek.objectHandle(), ekPersistent);
            tpm.evictControl(Authorization.owner(), ak.handle(), akPersistent);
            tpm.flushContext(ek.objectHandle());
            tpm.flushContext(ak.handle());
            Files.write(dir.resolve("cred.bin"), CredentialFile.write(CredentialProtection.make(ek.outPublic(),
                    ak.name(), secret)));
        }
        try {
            String session = dir.resolve("session.ctx").toString();
            dev.tpm2j.simulator.Tpm2Tools.run(sim, "tpm2_startauthsession", "--policy-session", "-S", session);
            dev.tpm2j.simulator.Tpm2Tools.run(sim, "tpm2_policysecret", "-S", session, "-c", "e");
            dev.tpm2j.simulator.Tpm2Tools.run(sim, "tpm2_activatecredential", "-c", "0x" + Integer.toHexString(akPersistent), "-C",
                    "0x" + Integer.toHexString(ekPersistent), "-i", dir.resolve("cred.bin").toString(), "-o",
                    dir.resolve("out.bin").toString(), "-P", "session:" + session);
            dev.tpm2j.simulator.Tpm2Tools.run(sim, "tpm2_flushcontext", session);
            assertArrayEquals(secret, Files.readAllBytes(dir.resolve("out.bin")));
        } finally {
            try (Tpm tpm = sim.openTpm()) {
                tpm.evictControl(Authorization.owner(), akPersistent, akPersistent);
                tpm.evictControl(Authorization.owner(), ekPersistent, ekPersistent);
            }
        }
    }

    @Test
    void theRecoveredSecretNeverCrossesTheBusInClear() throws Exception {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        dev.tpm2j.core.TpmTransport inner = sim.transport();
        dev.tpm2j.core.TpmTransport tap = new dev.tpm2j.core.TpmTransport() {
            @Override
            public byte[] transmit(byte[] command) throws java.io.IOException {
                byte[] r = inner.transmit(command);
                wire.writeBytes(r);
                return r;
            }

            @Override
            public void close() {
                ((dev.tpm2j.transport.SwtpmTransport) inner).disconnect(); // reused across both runs
            }
        };
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        for (boolean protect : new boolean[] {true, false}) {
            wire.reset();
            try (Tpm tpm = Tpm.open(tap)) {
                CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
                AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
                try {
                    CredentialProtection.Credential c = CredentialProtection.make(ek.outPublic(), ak.name(), secret);
                    assertArrayEquals(secret, AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                            ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), c, protect));
                } finally {
                    tpm.flushQuietly(ak.handle());
                    tpm.flushQuietly(ek.objectHandle());
                }
            }
            String hex = java.util.HexFormat.of().formatHex(wire.toByteArray());
            String needle = java.util.HexFormat.of().formatHex(secret);
            if (!protect) {
                inner.close();
            }
            // protected (the default): never in clear; unprotected: the control shows the check can fail
            assertEquals(!protect, hex.contains(needle), protect ? "secret leaked" : "control: plain session");
        }
    }

    @Test
    void nonEmptyEndorsementPasswordAndCredentialFromTheCertificateKey() {
        try (Swtpm own = Swtpm.start(dev.tpm2j.simulator.Profile.BARE); Tpm tpm = own.openTpm()) {
            byte[] pw = "endorsement secret".getBytes();
            tpm.execute(new dev.tpm2j.core.commands.HierarchyChangeAuth(dev.tpm2j.core.types.TpmRh.ENDORSEMENT, pw),
                    PasswordSession.empty());
            Authorization endorsement = Authorization.endorsement(PasswordSession.of(pw));
            CreatePrimary.Response ek = tpm.createPrimary(endorsement, EkTemplates.L1_RSA2048);
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
            try {
                // the verifier knows only the EK certificate's key and the template it implies
                java.security.PublicKey certKey = dev.tpm2j.core.crypto.PublicKeys.toJca(ek.outPublic());
                TpmtPublic rebuilt = dev.tpm2j.core.crypto.PublicKeys.withKey(EkTemplates.L1_RSA2048, certKey);
                assertEquals(ek.outPublic(), rebuilt);
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                CredentialProtection.Credential c = CredentialProtection.make(rebuilt, ak.name(), secret);
                assertArrayEquals(secret, AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                        ek.objectHandle(), ek.outPublic(), endorsement, c));
                TpmResponseException wrong = assertThrows(TpmResponseException.class, () -> AikActivation.activate(
                        tpm, ak.handle(), PasswordSession.empty(), ek.objectHandle(), ek.outPublic(),
                        Authorization.endorsement(), c));
                assertTrue(wrong.is(TpmRc.BAD_AUTH) || wrong.is(TpmRc.AUTH_FAIL), wrong.getMessage());
                assertEquals("TPM2_PolicySecret", wrong.commandName());
            } finally {
                tpm.flushQuietly(ak.handle());
                tpm.flushQuietly(ek.objectHandle());
            }
            assertEquals(List.of(), tpm.getHandles(0x03000000), "sessions flushed on the failure path too");
        }
    }

    @Test
    void credentialFileReaderIsStrict() {
        CredentialProtection.Credential c = CredentialProtection.make(EkTemplates.L2_ECC_P256.withUnique(
                EcKeys.somePoint()), Bytes.fromHex("000b" + "11".repeat(32)), new byte[] {1});
        byte[] file = CredentialFile.write(c);
        assertEquals(c, CredentialFile.read(file));
        byte[] bad = file.clone();
        bad[0] = 0;
        assertThrows(TpmFormatException.class, () -> CredentialFile.read(bad));
        assertThrows(TpmFormatException.class, () -> CredentialFile.read(java.util.Arrays.copyOf(file,
                file.length + 1)));
    }

    @Test
    void leakCheckTwoHundredActivations() {
        try (Tpm tpm = sim.openTpm()) {
            List<Integer> transients = tpm.getHandles(0x80000000);
            List<Integer> sessions = tpm.getHandles(0x03000000);
            CreatePrimary.Response ek = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L2_ECC_P256);
            AikActivation.LoadedAk ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_ECC_P256);
            try {
                for (int i = 0; i < 200; i++) {
                    byte[] secret = new byte[32];
                    RANDOM.nextBytes(secret);
                    CredentialProtection.Credential c = CredentialProtection.make(ek.outPublic(), ak.name(), secret);
                    if (i % 10 == 9) {
                        // a failing activation must clean up too
                        CredentialProtection.Credential wrong = CredentialProtection.make(ek.outPublic(),
                                Bytes.fromHex("000b" + "22".repeat(32)), secret);
                        assertThrows(TpmResponseException.class, () -> AikActivation.activate(tpm, ak.handle(),
                                PasswordSession.empty(), ek.objectHandle(), ek.outPublic(), Authorization.endorsement(),
                                wrong));
                    }
                    assertArrayEquals(secret, AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(),
                            ek.objectHandle(), ek.outPublic(), Authorization.endorsement(), c));
                }
            } finally {
                tpm.flushQuietly(ak.handle());
                tpm.flushQuietly(ek.objectHandle());
            }
            assertEquals(transients, tpm.getHandles(0x80000000));
            assertEquals(sessions, tpm.getHandles(0x03000000));
        }
    }
}
