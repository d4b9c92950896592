package dev.tpm2j.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A key password never crosses the bus in clear: every command and response the provider exchanges with swtpm is
 * recorded while password keys are created, stored, opened (password proven), used to sign and to agree a key, and
 * neither the password nor the ECDH secret nor the peer's point appears in any of them. The key used for ECDH comes
 * straight from the KeyPairGenerator (a key from there once carried a wiped authValue: TPM_RC_AUTH_FAIL).
 */
@ExtendWith(SwtpmExtension.class)
class AuthValueOnTheBusTest {
    private static final String PASSWORD = "bus-secret-8e1f3c";
    private static final List<byte[]> WIRE = new CopyOnWriteArrayList<>();
    private static Tpm2jProvider provider;

    /** Records every command and response. */
    private record Recording(TpmTransport inner) implements TpmTransport {
        @Override
        public byte[] transmit(byte[] command) throws IOException {
            WIRE.add(command.clone());
            byte[] response = inner.transmit(command);
            WIRE.add(response.clone());
            return response;
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @BeforeAll
    static void start(Swtpm sim) {
        provider = new Tpm2jProvider(new TpmKeyService(sim.tpmSpec(), () -> new Recording(sim.transport())));
    }

    @AfterAll
    static void stop() {
        provider.disconnect();
    }

    @Test
    void thePasswordAndTheSharedSecretStayOffTheBus() throws Exception {
        char[] pw = PASSWORD.toCharArray();
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", provider);
        kpg.initialize(new TpmKeyGenParameterSpec(new ECGenParameterSpec("secp256r1"),
                TpmKeyGenParameterSpec.Purpose.DECRYPT, pw));
        KeyPair agreeing = kpg.generateKeyPair();
        kpg.initialize(new TpmKeyGenParameterSpec(new ECGenParameterSpec("secp256r1"),
                TpmKeyGenParameterSpec.Purpose.SIGN, pw));
        KeyPair signing = kpg.generateKeyPair();
        TestPki pki = new TestPki("bus CA");
        KeyStore ks = KeyStore.getInstance("TPM2", provider);
        ks.load(null, null);
        ks.setKeyEntry("signing", signing.getPrivate(), pw, new Certificate[] {pki.issue(signing.getPublic(), "s",
                false)});
        Key opened = ks.getKey("signing", pw);
        assertNotNull(opened);

        Signature s = Signature.getInstance("SHA256withECDSA", provider);
        s.initSign((java.security.PrivateKey) opened);
        s.update(new byte[] {42});
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(signing.getPublic());
        v.update(new byte[] {42});
        assertTrue(v.verify(sig));

        KeyPairGenerator soft = KeyPairGenerator.getInstance("EC");
        soft.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair peer = soft.generateKeyPair();
        KeyAgreement mine = KeyAgreement.getInstance("ECDH", provider);
        mine.init(agreeing.getPrivate());
        mine.doPhase(peer.getPublic(), true);
        byte[] z = mine.generateSecret();
        KeyAgreement theirs = KeyAgreement.getInstance("ECDH");
        theirs.init(peer.getPrivate());
        theirs.doPhase(agreeing.getPublic(), true);
        assertArrayEquals(theirs.generateSecret(), z);

        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        assertTrue(WIRE.size() > 10, "the recording saw the conversation");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        WIRE.forEach(all::writeBytes);
        byte[] bus = all.toByteArray();
        assertFalse(contains(bus, password), "the password crossed the bus in clear");
        assertFalse(contains(bus, java.util.Arrays.copyOf(z, 16)), "the ECDH secret crossed the bus in clear");
        assertEquals(false, contains(bus, "not-there".getBytes(StandardCharsets.UTF_8)));
        byte[] peerY = java.util.Arrays.copyOfRange(peer.getPublic().getEncoded(),
                peer.getPublic().getEncoded().length - 32, peer.getPublic().getEncoded().length);
        assertFalse(contains(bus, peerY), "TPM2_ECDH_ZGen's point went encrypted (decrypt session)");
        byte[] signingX = dev.tpm2j.core.crypto.PublicKeys.fixedWidth(((java.security.interfaces.ECPublicKey)
                signing.getPublic()).getW().getAffineX(), 32).toByteArray();
        assertTrue(contains(bus, signingX), "the search finds what is on the bus in clear (a public key)");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
