package dev.tpm2j.jca;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaObject;

/**
 * The storage root key at its standard persistent handle: read it, or create it from the TCG provisioning-guidance
 * template (RSA 2048, AES-128-CFB, as tpm2-tools and Windows do) and make it persistent when it is absent.
 */
final class SrkSetup {
    private static final System.Logger LOG = System.getLogger(SrkSetup.class.getName());

    private SrkSetup() {
    }

    /**
     * The SRK's public area and name, creating the SRK at {@code handle} when absent; refuses a key there that cannot
     * be a parent.
     */
    static ReadPublic.Response ensure(Tpm tpm, int handle) {
        ReadPublic.Response existing;
        try {
            existing = tpm.readPublic(handle);
        } catch (TpmResponseException e) {
            if (!e.is(TpmRc.HANDLE)) {
                throw e;
            }
            LOG.log(System.Logger.Level.INFO, String.format("no SRK at 0x%08x: creating one (owner hierarchy)",
                    handle));
            CreatePrimary.Response created = tpm.createPrimary(Authorization.owner(), TpmKeyService.srkTemplate());
            try {
                tpm.evictControl(Authorization.owner(), created.objectHandle(), handle);
            } finally {
                tpm.flushQuietly(created.objectHandle());
            }
            existing = tpm.readPublic(handle);
        }
        TpmaObject a = existing.outPublic().objectAttributes();
        if (!a.has(TpmaObject.RESTRICTED | TpmaObject.DECRYPT) || a.has(TpmaObject.SIGN_ENCRYPT)
                || !a.has(TpmaObject.FIXED_TPM)) {
            throw new IllegalStateException(String.format("the object at 0x%08x is not a storage root key (%s)",
                    handle, a));
        }
        return existing;
    }
}
