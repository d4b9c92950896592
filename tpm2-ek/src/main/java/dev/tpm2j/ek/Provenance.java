package dev.tpm2j.ek;

import dev.tpm2j.core.types.TpmaNv;

/**
 * Where a certificate of a chain came from, and how far the place vouches for it. Provenance never makes a
 * certificate trusted (only a path to an anchor does), but it decides what counts as "stored on the TPM" for the
 * AIK service key id, and it is reported with each link so that a genuine CA copied into an owner-writable index
 * is visible.
 *
 * <p>Real TPMs report their EK certificate and on-die chain indices as
 * {@code ppwrite|writedefine|ppread|ownerread|authread|no_da|written|platformcreate} (0x62072001): platform-created,
 * writable by the platform only, and <em>not</em> write-locked (see {@code testdata/real-nv}). Windows reads the
 * chain indices whatever their lock state, so every index the platform created and only the platform can write
 * counts as stored on the TPM ({@link #storedOnTpmByPlatform()}); the lock state is reported, never required.
 */
public enum Provenance {
    /** An NV index the platform created whose contents are write-locked for good (WRITEDEFINE + WRITELOCKED). */
    NV_PLATFORM_LOCKED("nv, platform-provisioned and locked for good"),
    /** A platform-created NV index write-locked only until the next TPM reset or restart (WRITE_STCLEAR). */
    NV_LOCKED_UNTIL_REBOOT("nv, write lock lasts only until the next reboot"),
    /** A platform-created NV index only the platform can rewrite, not locked: what real TPMs report. */
    NV_PLATFORM_WRITABLE("nv, platform-provisioned, writable by the platform only (not write-locked)"),
    /**
     * A platform-created NV index writable with the index's own authValue (AUTHWRITE), as some virtual TPMs set on
     * their EK certificate index; the owner has no write right of its own.
     */
    NV_PLATFORM_AUTHWRITE("nv, platform-provisioned, writable with the index's own authorization"),
    /** An NV index the owner created or can write: anyone with owner (or index) authorization may have planted it. */
    NV_OWNER_WRITABLE("nv, owner-created or owner-writable"),
    /** An NV index whose attributes were not examined (the caller built the source by hand). */
    NV_UNKNOWN("nv, protection not examined"),
    /** The verifier's trust bundle (anchor or intermediate). */
    TRUST_BUNDLE("trust bundle"),
    /** Fetched from an AIA caIssuers URL. */
    AIA("fetched from AIA"),
    /** Supplied by the caller. */
    SUPPLIED("supplied by the caller");

    private final String description;

    Provenance(String description) {
        this.description = description;
    }

    /** One phrase for reports. */
    public String description() {
        return description;
    }

    /**
     * Whether it counts as stored on the TPM by its platform, for the AIK service key id: a platform-created index
     * that only the platform can write, locked or not (as Windows reads it). Owner-created, owner-writable and
     * index-auth-writable (AUTHWRITE) indices never count: an owner, or anyone who knows the index's authValue,
     * could have planted the certificate and moved the key id.
     */
    public boolean storedOnTpmByPlatform() {
        return switch (this) {
            case NV_PLATFORM_LOCKED, NV_LOCKED_UNTIL_REBOOT, NV_PLATFORM_WRITABLE -> true;
            case NV_PLATFORM_AUTHWRITE, NV_OWNER_WRITABLE, NV_UNKNOWN, TRUST_BUNDLE, AIA, SUPPLIED -> false;
        };
    }

    /** Whether an owner could have written the index (owner-created or owner-writable, not locked for good). */
    public boolean ownerWritable() {
        return this == NV_OWNER_WRITABLE;
    }

    /** The provenance implied by a source string alone ({@code nv:…}, {@code trust-bundle}, {@code aia:…}, other). */
    public static Provenance ofSource(String source) {
        if (source.startsWith("nv:")) {
            return NV_UNKNOWN;
        }
        if (source.equals("trust-bundle")) {
            return TRUST_BUNDLE;
        }
        if (source.startsWith("aia:")) {
            return AIA;
        }
        return SUPPLIED;
    }

    /** The provenance of an NV index from its attributes. */
    public static Provenance ofNvAttributes(TpmaNv a) {
        boolean lockedForGood = a.has(TpmaNv.WRITELOCKED) && a.has(TpmaNv.WRITEDEFINE);
        boolean ownerWrites = a.has(TpmaNv.OWNERWRITE) || a.has(TpmaNv.POLICYWRITE);
        if (!a.has(TpmaNv.PLATFORMCREATE) || ownerWrites && !lockedForGood) {
            return NV_OWNER_WRITABLE;
        }
        if (lockedForGood) {
            return NV_PLATFORM_LOCKED;
        }
        if (a.has(TpmaNv.WRITELOCKED) && a.has(TpmaNv.WRITE_STCLEAR)) {
            return NV_LOCKED_UNTIL_REBOOT;
        }
        return a.has(TpmaNv.AUTHWRITE) ? NV_PLATFORM_AUTHWRITE : NV_PLATFORM_WRITABLE;
    }

    /** The least trustworthy of two (for a certificate straddling two indices). */
    static Provenance weaker(Provenance a, Provenance b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
