package dev.tpm2j.attest.keyattest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.attest.quote.Verdict;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmaObject;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.SwtpmExtension;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key attestation on a real swtpm: an AK under the standard SRK certifies new RSA and ECC signing keys; the verifier
 * accepts them and refuses a key without fixedTPM, a restricted key, a certify by another AK, a replayed nonce and a
 * certify of another key's name.
 */
@ExtendWith(SwtpmExtension.class)
class KeyAttestationTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    Tpm tpm;
    CreatePrimary.Response srk;
    Load.Response ak;
    TpmtPublic akPublic;

    @BeforeEach
    void akUnderSrk(Tpm tpm) {
        this.tpm = tpm;
        srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
        Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_RSA2048),
                PasswordSession.empty());
        ak = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()), PasswordSession.empty());
        akPublic = c.outPublic();
    }

    @AfterEach
    void flush() {
        tpm.flushQuietly(ak.objectHandle());
        tpm.flushQuietly(srk.objectHandle());
    }

    private static Bytes nonce() {
        byte[] n = new byte[20];
        RANDOM.nextBytes(n);
        return Bytes.of(n);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa", "ecc"})
    void newKeyIsAttestedAndOnlyThatKeyWithThatNonceByThatAk(String type) {
        TpmtPublic template = type.equals("rsa") ? KeyCertifier.SIGNING_RSA2048 : KeyCertifier.SIGNING_ECC_P256;
        Bytes nonce = nonce();
        // swtpm holds three transient objects: the other key is only created (its public area is all we need)
        TpmtPublic other = tpm.execute(Create.of(srk.objectHandle(), template), PasswordSession.empty()).outPublic();
        KeyCertifier.CertifiedKey key = KeyCertifier.createAndCertify(tpm, srk.objectHandle(), ak.objectHandle(),
                template, nonce);
        try {
            AttestationKey trusted = AttestationKey.of(akPublic);
            KeyVerdict.Attested ok = assertInstanceOf(KeyVerdict.Attested.class, KeyAttestation.verify(trusted,
                    key.certify().message(), key.certify().signature(), nonce, key.publicArea(), KeyPolicy.DEFAULT));
            assertEquals(Names.object(key.publicArea()), ok.name());
            assertTrue(PublicKeys.toJca(ok.key()) != null);

            // replayed: the certify carries another nonce than the CA's current one
            KeyVerdict.CertifyRefused replay = assertInstanceOf(KeyVerdict.CertifyRefused.class,
                    KeyAttestation.verify(trusted, key.certify().message(), key.certify().signature(), nonce(),
                            key.publicArea(), KeyPolicy.DEFAULT));
            assertInstanceOf(Verdict.NonceMismatch.class, replay.verdict());
            // the certify names another key than the one presented
            KeyVerdict.CertifyRefused swapped = assertInstanceOf(KeyVerdict.CertifyRefused.class,
                    KeyAttestation.verify(trusted, key.certify().message(), key.certify().signature(), nonce,
                            other, KeyPolicy.DEFAULT));
            assertInstanceOf(Verdict.CertifiedNameMismatch.class, swapped.verdict());
        } finally {
            tpm.flushQuietly(key.handle());
        }
    }

    @Test
    void certifyByAnotherAkIsRefused() {
        tpm.flushContext(ak.objectHandle()); // only its public area is needed below; frees a transient slot
        Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_RSA2048),
                PasswordSession.empty());
        Load.Response rogue = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                PasswordSession.empty());
        Bytes nonce = nonce();
        KeyCertifier.CertifiedKey key = KeyCertifier.createAndCertify(tpm, srk.objectHandle(),
                rogue.objectHandle(), KeyCertifier.SIGNING_RSA2048, nonce);
        try {
            KeyVerdict.CertifyRefused r = assertInstanceOf(KeyVerdict.CertifyRefused.class, KeyAttestation.verify(
                    AttestationKey.of(akPublic), key.certify().message(), key.certify().signature(), nonce,
                    key.publicArea(), KeyPolicy.DEFAULT));
            assertInstanceOf(Verdict.BadSignature.class, r.verdict());
        } finally {
            tpm.flushQuietly(key.handle());
            tpm.flushQuietly(rogue.objectHandle());
        }
    }

    @Test
    void keyWithoutFixedTpmAndRestrictedKeysAreRefused() {
        TpmtPublic t = KeyCertifier.SIGNING_ECC_P256;
        TpmtPublic movable = new TpmtPublic(t.type(), t.nameAlg(), TpmaObject.of(TpmaObject.SENSITIVE_DATA_ORIGIN,
                TpmaObject.USER_WITH_AUTH, TpmaObject.SIGN_ENCRYPT), t.authPolicy(), t.parameters(), t.unique());
        Bytes nonce = nonce();
        KeyCertifier.CertifiedKey key = KeyCertifier.createAndCertify(tpm, srk.objectHandle(), ak.objectHandle(),
                movable, nonce);
        try {
            KeyVerdict.KeyRefused r = assertInstanceOf(KeyVerdict.KeyRefused.class, KeyAttestation.verify(
                    AttestationKey.of(akPublic), key.certify().message(), key.certify().signature(), nonce,
                    key.publicArea(), KeyPolicy.DEFAULT));
            assertTrue(r.why().contains("fixedTPM"), r.why());
        } finally {
            tpm.flushQuietly(key.handle());
        }
        // the AK certifying itself: a restricted key, refused unless the policy allows it
        var self = KeyCertifier.certify(tpm, ak.objectHandle(), ak.objectHandle(), nonce);
        KeyVerdict.KeyRefused restricted = assertInstanceOf(KeyVerdict.KeyRefused.class, KeyAttestation.verify(
                AttestationKey.of(akPublic), self.message(), self.signature(), nonce, akPublic, KeyPolicy.DEFAULT));
        assertTrue(restricted.why().contains("restricted"));
        assertInstanceOf(KeyVerdict.Attested.class, KeyAttestation.verify(AttestationKey.of(akPublic),
                self.message(), self.signature(), nonce, akPublic, new KeyPolicy(true)));
    }
}
