package dev.tpm2j.ek;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.ek.der.CertificateStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a TPM says about its endorsement identity, read in the fewest commands: the EK-related NV indices of
 * the TCG EK Credential Profile (0x01C00000–0x01C0FFFF, classified and read), the EK certificates parsed leniently
 * with their quirks, the EKs recreated from the matching templates (nonce and template indices applied) and compared
 * with their certificates, the on-TPM CA chain from 0x01C00100–0x01C001FF, persistent EKs, and vendor facts.
 * A corrupt certificate in one index is reported for that index; the rest of the inventory still works.
 */
public final class EkInventory {
    private static final System.Logger LOG = System.getLogger(EkInventory.class.getName());

    public static final int FIRST = 0x01C00000;
    public static final int LAST = 0x01C0FFFF;
    public static final int CHAIN_FIRST = 0x01C00100;
    public static final int CHAIN_LAST = 0x01C001FF;

    /** What an NV index in the EK range is for. */
    public enum Kind {
        EK_CERTIFICATE("ek-certificate"), EK_NONCE("ek-nonce"), EK_TEMPLATE("ek-template"), EK_CHAIN("ek-chain"),
        EK_POLICY("ek-policy"), PLATFORM_CERTIFICATE("platform-certificate"), OTHER("other");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** Stable lower-case id used in reports and JSON. */
        public String id() {
            return id;
        }

        /**
         * Whether the inventory reads indices of this kind (public area and contents): the EK certificates, nonces,
         * templates and the chain. Platform certificates, EK policy indices and others are listed, not read.
         */
        public boolean readByInventory() {
            return this == EK_CERTIFICATE || this == EK_NONCE || this == EK_TEMPLATE || this == EK_CHAIN;
        }
    }

    /** The EK certificate slots of the profile, with their default templates. */
    public enum Slot {
        L1(0x01C00002, "L-1 RSA 2048", EkTemplates.L1_RSA2048, 0x01C00003, 0x01C00004),
        L2(0x01C0000A, "L-2 ECC P-256", EkTemplates.L2_ECC_P256, 0x01C0000B, 0x01C0000C),
        H1(0x01C00012, "H-1 RSA 2048", EkTemplates.H1_RSA2048, 0, 0),
        H2(0x01C00014, "H-2 ECC P-256", EkTemplates.H2_ECC_P256, 0, 0),
        H3(0x01C00016, "H-3 ECC P-384", EkTemplates.H3_ECC_P384, 0, 0),
        H4(0x01C00018, "H-4 ECC P-521", EkTemplates.H4_ECC_P521, 0, 0),
        H5(0x01C0001A, "H-5 ECC SM2 P-256", null, 0, 0),
        H6(0x01C0001C, "H-6 RSA 3072", EkTemplates.H6_RSA3072, 0, 0),
        H7(0x01C0001E, "H-7 RSA 4096", EkTemplates.H7_RSA4096, 0, 0);

        final int certIndex;
        final String label;
        final TpmtPublic template;
        final int nonceIndex;
        final int templateIndex;

        Slot(int certIndex, String label, TpmtPublic template, int nonceIndex, int templateIndex) {
            this.certIndex = certIndex;
            this.label = label;
            this.template = template;
            this.nonceIndex = nonceIndex;
            this.templateIndex = templateIndex;
        }

        public int certificateIndex() {
            return certIndex;
        }

        public String label() {
            return label;
        }

        /** The default template (null for SM2, which tpm2j does not create). */
        public TpmtPublic defaultTemplate() {
            return template;
        }

        static Optional<Slot> ofCertificate(int index) {
            return Arrays.stream(values()).filter(s -> s.certIndex == index).findFirst();
        }
    }

    /**
     * One NV index: its public area, what it is, its contents (null when unread), why it could not be read, and
     * provenance warnings.
     */
    public record NvIndex(int index, Kind kind, String description, TpmsNvPublic nvPublic, byte[] data,
                          Optional<String> readProblem, List<String> provenanceWarnings) {
        public NvIndex {
            provenanceWarnings = List.copyOf(provenanceWarnings);
        }

        /** {@code 0x01c00002} style. */
        public String handle() {
            return String.format("0x%08x", index);
        }
    }

    /**
     * An EK certificate slot: the certificate (or why it could not be parsed), whether the certificate's key is this
     * TPM's EK, and the template the EK is (or would be) created from.
     */
    public record EkCertificate(int index, Slot slot, Optional<TpmCertificate> certificate,
                                Optional<String> parseProblem, EkMatch match, Optional<TpmtPublic> template) {
        public String handle() {
            return String.format("0x%08x", index);
        }

        /** True or false when checked, empty when not (see {@link #match()}). */
        public Optional<Boolean> matchesTpm() {
            return match instanceof EkMatch.NotChecked ? Optional.empty()
                    : Optional.of(match instanceof EkMatch.Matches);
        }

        /** {@link EkMatch#reason()}. */
        public String matchReason() {
            return match.reason();
        }

        /** The TPM's EK public area for this slot, when the TPM reported one. */
        public Optional<TpmtPublic> tpmEk() {
            if (match instanceof EkMatch.Matches m) {
                return Optional.of(m.ek());
            }
            if (match instanceof EkMatch.Differs d) {
                return Optional.of(d.ek());
            }
            return Optional.empty();
        }
    }

    /**
     * Creates (loads) the EK of an EK certificate slot from the template the inventory used (nonce and template
     * indices applied). The caller flushes it.
     */
    public static CreatePrimary.Response createEk(Tpm tpm, EkCertificate ek, Authorization endorsement) {
        TpmtPublic t = ek.template().orElseThrow(() -> new UnsupportedEkException("no template for "
                + ek.slot().label()));
        return tpm.createPrimary(endorsement, t);
    }

    /**
     * An EK ready for ActivateCredential: a persistent EK the inventory matched to the certificate (no command
     * needed), or one created with CreatePrimary.
     *
     * @param handle     the object handle
     * @param publicArea the EK public area
     * @param persistent true for a persistent EK (never flushed), false for a transient one the caller releases
     */
    public record LoadedEk(int handle, TpmtPublic publicArea, boolean persistent) {
        /** Flushes a transient EK; a persistent one stays. */
        public void release(Tpm tpm) {
            if (!persistent) {
                tpm.flushQuietly(handle);
            }
        }
    }

    /**
     * The EK of a certificate slot for activation: the persistent EK the inventory matched (zero commands), else
     * CreatePrimary from the slot's template (one command; release it afterwards).
     *
     * @throws UnsupportedEkException when the slot has no template tpm2j creates
     */
    public static LoadedEk loadEk(Tpm tpm, EkCertificate ek, Authorization endorsement) {
        if (ek.match() instanceof EkMatch.Matches m && m.persistent()) {
            return new LoadedEk(m.persistentHandle(), m.ek(), true);
        }
        CreatePrimary.Response created = createEk(tpm, ek, endorsement);
        return new LoadedEk(created.objectHandle(), created.outPublic(), false);
    }

    /** A persistent EK in 0x81010000–0x810100FF and which default template, if any, it equals. */
    public record PersistentEk(int handle, TpmtPublic publicArea, Bytes name, Optional<String> matchesTemplate) {
    }

    /** TPM_PT_MANUFACTURER, vendor strings, firmware version and spec level/revision. */
    public record VendorInfo(String manufacturer, List<String> vendorStrings, String firmwareVersion, int specLevel,
                             int specRevision, int specYear, int specDayOfYear) {
        /** e.g. "1.59" (formatted by hand: a zero-padded {@code %02d} loads the locale's number formats). */
        public String specVersion() {
            int minor = specRevision % 100;
            return specRevision / 100 + (minor < 10 ? ".0" : ".") + minor;
        }
    }

    private final List<NvIndex> indices;
    private final List<EkCertificate> ekCertificates;
    private final byte[] chainBytes;
    private final List<EkChain.Sourced> chainCertificates;
    private final CertificateStream.Split chainSplit;
    private final List<PersistentEk> persistentEks;
    private final VendorInfo vendor;
    private final List<String> problems;

    private EkInventory(List<NvIndex> indices, List<EkCertificate> ekCertificates, byte[] chainBytes,
                        List<EkChain.Sourced> chainCertificates, CertificateStream.Split chainSplit,
                        List<PersistentEk> persistentEks, VendorInfo vendor, List<String> problems) {
        this.indices = List.copyOf(indices);
        this.ekCertificates = List.copyOf(ekCertificates);
        this.chainBytes = chainBytes;
        this.chainCertificates = List.copyOf(chainCertificates);
        this.chainSplit = chainSplit;
        this.persistentEks = List.copyOf(persistentEks);
        this.vendor = vendor;
        this.problems = List.copyOf(problems);
    }

    /** Reads the inventory with an empty endorsement password. */
    public static EkInventory read(Tpm tpm) {
        return read(tpm, Authorization.endorsement());
    }

    /**
     * Reads the inventory; {@code endorsement} authorizes recreating the EKs (CreatePrimary).
     *
     * <p>TPM commands: the fixed properties once (usually one GetCapability, which also answers NV_BUFFER_MAX);
     * GetCapability(HANDLES) pages for 0x01C00000–0x01C0FFFF; per index one NV_ReadPublic and ⌈size ÷
     * NV_BUFFER_MAX⌉ NV_Read — the minimum for reading the indices. Beyond that, to answer "is the certified key this
     * TPM's EK?": one GetCapability(HANDLES) plus one ReadPublic per persistent handle in 0x81010000–0x810100FF, and
     * only for a certificate no persistent EK matches, one CreatePrimary and one FlushContext.
     */
    public static EkInventory read(Tpm tpm, Authorization endorsement) {
        List<String> problems = new ArrayList<>();
        VendorInfo vendor = VendorFacts.read(tpm);
        List<NvIndex> indices = new ArrayList<>();
        for (int index : tpm.getHandles(FIRST, LAST)) {
            indices.add(NvIndexReader.readIndex(tpm, index));
        }
        Map<Integer, NvIndex> byIndex = new LinkedHashMap<>();
        indices.forEach(i -> byIndex.put(i.index(), i));

        NvChain nvChain = NvChain.read(indices, problems);
        byte[] chainBytes = nvChain.bytes();
        CertificateStream.Split split = nvChain.split();
        List<EkChain.Sourced> chainCerts = nvChain.certificates();

        List<PersistentEk> found = EkMatcher.readPersistentEks(tpm, problems);
        List<EkCertificate> eks = new ArrayList<>();
        for (NvIndex i : indices) {
            if (i.kind() == Kind.EK_CERTIFICATE) {
                eks.add(EkMatcher.ekCertificate(tpm, endorsement, i, byIndex, found, problems));
            }
        }
        List<PersistentEk> persistent = new ArrayList<>();
        for (PersistentEk p : found) {
            persistent.add(new PersistentEk(p.handle(), p.publicArea(), p.name(), EkMatcher.templateOf(p, eks)));
        }
        return new EkInventory(indices, eks, chainBytes, chainCerts, split, persistent, vendor, problems);
    }

    /** What an index in the EK range is for (by number; contents are not consulted). */
    public static Kind classify(int index) {
        return NvIndexReader.classify(index);
    }

    /** An index's provenance from its public area. */
    public static Provenance provenanceOf(NvIndex i) {
        return NvIndexReader.provenanceOf(i);
    }

    /** The vendor facts alone (one or two GetCapability round trips). */
    public static VendorInfo readVendor(Tpm tpm) {
        return VendorFacts.read(tpm);
    }

    /** The nonce goes at the start of unique, zero-padded to the key size (RSA modulus; ECC x, with y zero). */
    static TpmtPublic applyNonce(TpmtPublic template, byte[] nonce) {
        return EkMatcher.applyNonce(template, nonce);
    }

    /** Indices read, in ascending order (platform certificates and others listed, not read). */
    public List<NvIndex> indices() {
        return indices;
    }

    public List<EkCertificate> ekCertificates() {
        return ekCertificates;
    }

    /** The chain indices' contents, concatenated in ascending index order. */
    public byte[] chainBytes() {
        return chainBytes.clone();
    }

    /** Certificates split out of the chain indices, each with its {@code nv:…} source. */
    public List<EkChain.Sourced> chainCertificates() {
        return chainCertificates;
    }

    /** How the chain bytes split (certificates found, leftover bytes and their kind). */
    public CertificateStream.Split chainSplit() {
        return chainSplit;
    }

    public List<PersistentEk> persistentEks() {
        return persistentEks;
    }

    public VendorInfo vendor() {
        return vendor;
    }

    /** Problems that concern the inventory as a whole (unreadable chain indices, undecodable certificates…). */
    public List<String> problems() {
        return problems;
    }

    /**
     * The EK certificate to use: among those that parsed, first the ones in an index only the platform can write
     * ({@link Provenance#storedOnTpmByPlatform()}), then in slot order (L-1 RSA, L-2 ECC, then high range), as Windows
     * picks them. So a certificate an owner planted in an empty slot is never preferred to the manufacturer's.
     */
    public Optional<EkCertificate> primaryEkCertificate() {
        return ekCertificates.stream().filter(e -> e.certificate().isPresent())
                .sorted(java.util.Comparator.comparing(e -> !provenanceOfCertificate(e).storedOnTpmByPlatform()))
                .findFirst();
    }

    /** The provenance of the index an EK certificate was read from. */
    Provenance provenanceOfCertificate(EkCertificate ek) {
        return indices.stream().filter(i -> i.index() == ek.index()).findFirst().map(EkInventory::provenanceOf)
                .orElse(Provenance.NV_UNKNOWN);
    }

    /**
     * Verifies the chain of one EK certificate against {@code trust}, using the on-TPM CA certificates and any
     * {@code supplied} ones, at {@code at}; AIA fetching only if {@code fetcher} is not null.
     */
    public EkChain.Result verifyChain(EkCertificate ek, TrustBundle trust, List<TpmCertificate> supplied, Instant at,
                                      AiaFetcher fetcher) {
        TpmCertificate c = ek.certificate().orElseThrow(() -> new IllegalArgumentException(
                "no parsed certificate at " + ek.handle()));
        Provenance p = provenanceOfCertificate(ek);
        return EkChain.verify(new EkChain.Sourced(c, "nv:" + ek.handle(), p), chainCertificates, trust, supplied, at,
                fetcher);
    }

    /**
     * The AIK service URL (right and naive) for a trusted chain, using this TPM's manufacturer.
     *
     * @throws AikServiceUrlException when the chain is not trusted or lacks what the address is built from
     */
    public AikServiceUrl aikServiceUrl(EkChain.Result chain) {
        String m = vendor.manufacturer();
        if (m.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "TPM reports no manufacturer; using the EK certificate's");
        }
        List<EkChain.Sourced> onTpm = chainCertificates.stream().filter(c -> c.provenance().storedOnTpmByPlatform())
                .toList();
        return AikServiceUrl.forTrustedChain(m.isEmpty() ? null : m, chain, onTpm);
    }
}
