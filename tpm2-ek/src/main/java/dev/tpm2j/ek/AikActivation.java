package dev.tpm2j.ek;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.ActivateCredential;
import dev.tpm2j.core.commands.Create;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.Load;
import dev.tpm2j.core.crypto.CredentialProtection;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.session.AuthSession;
import dev.tpm2j.core.session.PasswordSession;
import dev.tpm2j.core.session.PolicySession;
import dev.tpm2j.core.templates.KeyTemplates;
import dev.tpm2j.core.types.TpmtPublic;
import java.util.List;

/**
 * The device side of AIK enrollment: create an attestation key under the standard SRK and recover a credential
 * with TPM2_ActivateCredential, the EK authorized by the policy its authPolicy demands. Every transient object and
 * session it creates is flushed on every path (the Linux resource manager allows 3 of each per client).
 */
public final class AikActivation {
    private AikActivation() {
    }

    /** A loaded attestation key: its transient handle, public area, name and wrapped private part. */
    public record LoadedAk(int handle, TpmtPublic publicArea, Bytes name, Bytes privateBlob) {
    }

    /**
     * Creates an AK from {@code template} (e.g. {@link KeyTemplates#AK_RSA2048}) under a freshly created standard
     * SRK in the owner hierarchy, loads it and flushes the SRK. The caller flushes the AK.
     */
    public static LoadedAk createAk(Tpm tpm, Authorization owner, TpmtPublic template) {
        CreatePrimary.Response srk = tpm.createPrimary(owner, KeyTemplates.SRK_RSA2048);
        try {
            Create.Response created = tpm.execute(Create.of(srk.objectHandle(), template), PasswordSession.empty());
            Load.Response loaded = tpm.execute(new Load(srk.objectHandle(), created.outPrivate(), created.outPublic()),
                    PasswordSession.empty());
            return new LoadedAk(loaded.objectHandle(), created.outPublic(), loaded.name(), created.outPrivate());
        } finally {
            tpm.flushQuietly(srk.objectHandle());
        }
    }

    /**
     * Recovers the secret of {@code credential} with the AK at {@code akHandle} (authorized by {@code akAuth}) and
     * the EK at {@code ekHandle}. The EK's policy session is salted to the EK and encrypts the response, so the
     * secret never crosses the bus in clear and the response is HMAC-verified. The returned array is the caller's
     * to wipe.
     */
    public static byte[] activate(Tpm tpm, int akHandle, AuthSession akAuth, int ekHandle, TpmtPublic ekPublic,
                                  Authorization endorsement, CredentialProtection.Credential credential) {
        return activate(tpm, akHandle, akAuth, ekHandle, ekPublic, endorsement, credential, true);
    }

    /**
     * Like {@link #activate(Tpm, int, AuthSession, int, TpmtPublic, Authorization, CredentialProtection.Credential)}
     * with the AK's authorization given whole: {@code ak} names the AK's handle, the session, and the AK's authValue
     * (needed when the session is an HMAC session).
     */
    public static byte[] activate(Tpm tpm, Authorization ak, int ekHandle, TpmtPublic ekPublic,
                                  Authorization endorsement, CredentialProtection.Credential credential) {
        return activate(tpm, ak, ekHandle, ekPublic, endorsement, credential, true);
    }

    /** Like {@link #activate(Tpm, int, AuthSession, int, TpmtPublic, Authorization, CredentialProtection.Credential)}; {@code protect} false uses a plain policy session. */
    public static byte[] activate(Tpm tpm, int akHandle, AuthSession akAuth, int ekHandle, TpmtPublic ekPublic,
                                  Authorization endorsement, CredentialProtection.Credential credential,
                                  boolean protect) {
        return activate(tpm, Authorization.of(akHandle, akAuth), ekHandle, ekPublic, endorsement, credential, protect);
    }

    private static byte[] activate(Tpm tpm, Authorization ak, int ekHandle, TpmtPublic ekPublic,
                                   Authorization endorsement, CredentialProtection.Credential credential,
                                   boolean protect) {
        int akHandle = ak.handle();
        try (PolicySession ekPolicy = protect
                ? EkPolicySessions.startSaltedEncrypting(tpm, ekHandle, ekPublic, endorsement)
                : EkPolicySessions.start(tpm, ekPublic, endorsement)) {
            // The TPM flushes the session after ActivateCredential succeeds (one round trip saved); close() flushes
            // it only if the command failed.
            ekPolicy.endWithNextCommand();
            // The EK's authValue is empty (TCG EK templates): given, so the encrypting policy session can key the
            // response decryption with it. The AK's comes with its session (a password session sends its own).
            return tpm.execute(new ActivateCredential(akHandle, ekHandle, credential.credentialBlob(),
                    credential.secret()), List.of(ak,
                    Authorization.of(ekHandle, ekPolicy, new byte[0]))).certInfo();
        }
    }
}
