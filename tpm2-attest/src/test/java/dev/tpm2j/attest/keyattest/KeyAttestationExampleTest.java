package dev.tpm2j.attest.keyattest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.attest.quote.AttestationKey;
import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.simulator.SwtpmExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's key attestation example, compiled and run on swtpm. */
@ExtendWith(SwtpmExtension.class)
class KeyAttestationExampleTest {

    static void attestKey(Tpm tpm, int srk, int akHandle, TpmtPublic akPublic, PrintStream out) {
        // --- begin README example keyattest
        // CA: a fresh nonce
        byte[] nonce = new byte[20];
        new SecureRandom().nextBytes(nonce);
        // device: a new signing key under the SRK, certified by the AK (TPM2_Certify)
        KeyCertifier.CertifiedKey key = KeyCertifier.createAndCertify(tpm, srk, akHandle,
                KeyCertifier.SIGNING_ECC_P256, Bytes.of(nonce));
        try {
            // CA: the AK signed it, over this nonce, naming exactly this key, which is fixedTPM etc.
            KeyVerdict verdict = KeyAttestation.verify(AttestationKey.of(akPublic), key.certify().message(),
                    key.certify().signature(), Bytes.of(nonce), key.publicArea(), KeyPolicy.DEFAULT);
            out.println(verdict instanceof KeyVerdict.Attested a
                    ? "attested key " + a.name().toHex() : "refused: " + verdict);
        } finally {
            tpm.flushContext(key.handle());
        }
        // --- end README example keyattest
    }

    @Test
    void exampleAttestsTheKey(Tpm tpm) {
        CreatePrimary.Response srk = tpm.createPrimary(Authorization.owner(), KeyTemplates.SRK_ECC_P256);
        Create.Response c = tpm.execute(Create.of(srk.objectHandle(), KeyTemplates.AK_RSA2048),
                PasswordSession.empty());
        Load.Response ak = tpm.execute(new Load(srk.objectHandle(), c.outPrivate(), c.outPublic()),
                PasswordSession.empty());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            attestKey(tpm, srk.objectHandle(), ak.objectHandle(), c.outPublic(),
                    new PrintStream(buf, true, StandardCharsets.UTF_8));
        } finally {
            tpm.flushContext(ak.objectHandle());
            tpm.flushContext(srk.objectHandle());
        }
        String printed = buf.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("attested key 000b"), printed);
    }
}
