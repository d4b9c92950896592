package dev.tpm2j.diagnose.readiness;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.ek.AikActivation;
import dev.tpm2j.ek.EkInventory;
import dev.tpm2j.ek.UnsupportedEkException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * The activation check: a trial MakeCredential / ActivateCredential round trip with the primary EK certificate's
 * EK (the persistent one when it matched) and a fresh AK, everything flushed afterwards.
 */
final class TrialActivation {
    private TrialActivation() {
    }

    static Check check(ReadinessContext ctx) {
        Tpm tpm = ctx.tpm();
        EkInventory.EkCertificate ek = ctx.primary();
        EkInventory.LoadedEk ekKey = null;
        AikActivation.LoadedAk ak = null;
        try {
            if (ek != null && ek.template().isPresent()) {
                ekKey = EkInventory.loadEk(tpm, ek, Authorization.endorsement());
            } else {
                CreatePrimary.Response created = tpm.createPrimary(Authorization.endorsement(), EkTemplates.L1_RSA2048);
                ekKey = new EkInventory.LoadedEk(created.objectHandle(), created.outPublic(), false);
            }
            ak = AikActivation.createAk(tpm, Authorization.owner(), KeyTemplates.AK_RSA2048);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            CredentialProtection.Credential c = CredentialProtection.make(ekKey.publicArea(), ak.name(), secret);
            byte[] back = AikActivation.activate(tpm, ak.handle(), PasswordSession.empty(), ekKey.handle(),
                    ekKey.publicArea(), Authorization.endorsement(), c);
            if (MessageDigest.isEqual(secret, back)) {
                return Check.pass("activation",
                        "a trial MakeCredential / ActivateCredential round trip recovered the secret");
            }
            return Check.fail("activation", "ActivateCredential returned a different secret",
                    "report this TPM");
        } catch (TpmException | IllegalArgumentException | UnsupportedEkException e) {
            // IllegalArgumentException: CredentialProtection.make refuses an EK public area it cannot encrypt to
            return Check.fail("activation", e.getMessage(), "see the response code explanation; an "
                    + "endorsement password, a full object/session table or a disabled endorsement hierarchy are the "
                    + "usual causes");
        } finally {
            if (ak != null) {
                tpm.flushQuietly(ak.handle());
            }
            if (ekKey != null) {
                ekKey.release(tpm);
            }
        }
    }
}
