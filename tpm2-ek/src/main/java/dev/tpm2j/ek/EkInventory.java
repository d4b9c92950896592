package dev.tpm2j.ek;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.commands.CreatePrimary;
import dev.tpm2j.core.commands.ReadPublic;
import dev.tpm2j.core.crypto.Names;
import dev.tpm2j.core.crypto.PublicKeys;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.templates.EkTemplates;
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.ek.der.CertificateStream;
import java.io.ByteArrayOutputStream;
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
        /** e.g. "1.59". */
        public String specVersion() {
            return specRevision / 100 + "." + String.format("%02d", specRevision % 100);
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
        VendorInfo vendor = readVendor(tpm);
        List<NvIndex> indices = new ArrayList<>();
        for (int index : tpm.getHandles(FIRST, LAST)) {
            indices.add(readIndex(tpm, index));
        }
        Map<Integer, NvIndex> byIndex = new LinkedHashMap<>();
        indices.forEach(i -> byIndex.put(i.index(), i));

        ByteArrayOutputStream chain = new ByteArrayOutputStream();
        List<int[]> spans = new ArrayList<>(); // {index, start, end} in the concatenation
        for (NvIndex i : indices) {
            if (i.kind() == Kind.EK_CHAIN) {
                if (i.data() == null) {
                    problems.add("chain index " + i.handle() + " could not be read: " + i.readProblem().orElse("?"));
                    continue;
                }
                spans.add(new int[] {i.index(), chain.size(), chain.size() + i.data().length});
                chain.writeBytes(i.data());
            }
        }
        byte[] chainBytes = chain.toByteArray();
        CertificateStream.Split split = CertificateStream.split(chainBytes);
        List<EkChain.Sourced> chainCerts = new ArrayList<>();
        int offset = 0;
        for (byte[] der : split.certificates()) {
            String source = source(spans, offset, offset + der.length);
            Provenance provenance = provenance(spans, byIndex, offset, offset + der.length);
            try {
                chainCerts.add(new EkChain.Sourced(TpmCertificates.parse(der), source, provenance));
            } catch (CertificateParseException e) {
                problems.add("certificate at offset " + offset + " of the NV chain (" + source + ") does not parse: "
                        + e.getMessage());
            }
            offset += der.length;
        }
        if (!split.clean()) {
            problems.add("NV chain: " + split.leftoverLength() + " bytes at offset " + split.leftoverOffset()
                    + " are not certificates (" + split.leftoverKind() + ")");
        }

        List<PersistentEk> found = readPersistentEks(tpm, problems);
        List<EkCertificate> eks = new ArrayList<>();
        for (NvIndex i : indices) {
            if (i.kind() == Kind.EK_CERTIFICATE) {
                eks.add(ekCertificate(tpm, endorsement, i, byIndex, found, problems));
            }
        }
        List<PersistentEk> persistent = new ArrayList<>();
        for (PersistentEk p : found) {
            persistent.add(new PersistentEk(p.handle(), p.publicArea(), p.name(), templateOf(p, eks)));
        }
        return new EkInventory(indices, eks, chainBytes, chainCerts, split, persistent, vendor, problems);
    }

    /**
     * The EK-shaped persistent objects in 0x81010000–0x810100FF (restricted decryption keys): one
     * GetCapability(HANDLES) and one ReadPublic per handle.
     */
    private static List<PersistentEk> readPersistentEks(Tpm tpm, List<String> problems) {
        List<PersistentEk> out = new ArrayList<>();
        for (int h : tpm.getHandles(0x81010000, 0x810100FF)) {
            try {
                ReadPublic.Response rp = tpm.readPublic(h);
                if (!rp.outPublic().objectAttributes().has(dev.tpm2j.core.types.TpmaObject.RESTRICTED
                        | dev.tpm2j.core.types.TpmaObject.DECRYPT)) {
                    continue; // not an EK-shaped key (0x81010000+ also holds SRKs and AKs)
                }
                out.add(new PersistentEk(h, rp.outPublic(), Names.object(rp.outPublic()), Optional.empty()));
            } catch (TpmException e) {
                problems.add(String.format("persistent handle 0x%08x: %s", h, e.getMessage()));
            }
        }
        return out;
    }

    /** Whether {@code object} is {@code template} apart from its unique field (the key). */
    static boolean sameShape(TpmtPublic template, TpmtPublic object) {
        if (template.type() != object.type()) {
            return false;
        }
        return Names.object(template.withUnique(object.unique())).equals(Names.object(object));
    }

    /** The slot whose EK this persistent object is: the one it matched, else the first default template shape. */
    private static Optional<String> templateOf(PersistentEk p, List<EkCertificate> eks) {
        for (EkCertificate e : eks) {
            if (e.match() instanceof EkMatch.Matches m && m.persistentHandle() == p.handle()) {
                return Optional.of(e.slot().label());
            }
        }
        for (Slot s : Slot.values()) {
            if (s.template != null && sameShape(s.template, p.publicArea())) {
                return Optional.of(s.label());
            }
        }
        return Optional.empty();
    }

    /** The weakest provenance of the indices a certificate's bytes came from. */
    private static Provenance provenance(List<int[]> spans, Map<Integer, NvIndex> byIndex, int start, int end) {
        Provenance p = Provenance.NV_PLATFORM_LOCKED;
        for (int[] s : spans) {
            if (s[1] < end && start < s[2]) {
                p = Provenance.weaker(p, provenanceOf(byIndex.get(s[0])));
            }
        }
        return p;
    }

    /** An index's provenance from its public area. */
    public static Provenance provenanceOf(NvIndex i) {
        return i == null || i.nvPublic() == null ? Provenance.NV_UNKNOWN
                : Provenance.ofNvAttributes(i.nvPublic().attributes());
    }

    private static String source(List<int[]> spans, int start, int end) {
        List<String> names = new ArrayList<>();
        for (int[] s : spans) {
            if (s[1] < end && start < s[2]) {
                names.add(String.format("0x%08x", s[0]));
            }
        }
        return "nv:" + String.join("+", names);
    }

    /** What an index in the EK range is for (by number; contents are not consulted). */
    public static Kind classify(int index) {
        if (Slot.ofCertificate(index).isPresent()) {
            return Kind.EK_CERTIFICATE;
        }
        if (index == 0x01C00003 || index == 0x01C0000B) {
            return Kind.EK_NONCE;
        }
        if (index == 0x01C00004 || index == 0x01C0000C) {
            return Kind.EK_TEMPLATE;
        }
        if (index >= CHAIN_FIRST && index <= CHAIN_LAST) {
            return Kind.EK_CHAIN;
        }
        if (index >= 0x01C07F01 && index <= 0x01C07F04) {
            return Kind.EK_POLICY;
        }
        if (index >= 0x01C08000 && index <= LAST) {
            return Kind.PLATFORM_CERTIFICATE;
        }
        return Kind.OTHER;
    }

    private static String describe(int index, Kind kind) {
        return switch (kind) {
            case EK_CERTIFICATE -> "EK certificate (" + Slot.ofCertificate(index).orElseThrow().label() + ")";
            case EK_NONCE -> "EK nonce (" + (index == 0x01C00003 ? "L-1" : "L-2") + ")";
            case EK_TEMPLATE -> "EK template (" + (index == 0x01C00004 ? "L-1" : "L-2") + ")";
            case EK_CHAIN -> "EK certificate chain (on-TPM CA certificates)";
            case EK_POLICY -> "EK policy index (PolicyAuthorizeNV)";
            case PLATFORM_CERTIFICATE -> "platform certificate";
            case OTHER -> "other";
        };
    }

    private static NvIndex readIndex(Tpm tpm, int index) {
        Kind kind = classify(index);
        if (!kind.readByInventory()) {
            return new NvIndex(index, kind, describe(index, kind), null, null,
                    Optional.of("not read: the EK inventory does not use it"), List.of());
        }
        TpmsNvPublic pub;
        try {
            pub = tpm.nvReadPublic(index).nvPublic();
        } catch (TpmException e) {
            return new NvIndex(index, kind, describe(index, kind), null, null, Optional.of(e.getMessage()), List.of());
        }
        List<String> warnings = new ArrayList<>();
        TpmaNv a = pub.attributes();
        if (kind == Kind.EK_CERTIFICATE || kind == Kind.EK_CHAIN || kind == Kind.EK_NONCE || kind == Kind.EK_TEMPLATE) {
            if (!a.has(TpmaNv.PLATFORMCREATE)) {
                warnings.add("created by the owner, not the platform (PLATFORMCREATE clear): anyone with owner "
                        + "authorization could have planted it");
            }
            boolean writableByOthers = a.has(TpmaNv.OWNERWRITE) || a.has(TpmaNv.AUTHWRITE) || a.has(TpmaNv.POLICYWRITE);
            if (writableByOthers && !a.has(TpmaNv.WRITELOCKED)) {
                warnings.add("not write-protected: writable with owner, index or policy authorization and not "
                        + "write-locked");
            }
            if (a.has(TpmaNv.WRITELOCKED) && a.has(TpmaNv.WRITE_STCLEAR) && !a.has(TpmaNv.WRITEDEFINE)) {
                warnings.add("write-locked only until the next TPM reset or restart (WRITE_STCLEAR): whoever can "
                        + "write it then can replace it");
            }
        }
        if (!a.has(TpmaNv.WRITTEN)) {
            return new NvIndex(index, kind, describe(index, kind), pub, null, Optional.of("never written"), warnings);
        }
        if (a.has(TpmaNv.READLOCKED)) {
            return new NvIndex(index, kind, describe(index, kind), pub, null, Optional.of("read-locked"), warnings);
        }
        Authorization auth = a.has(TpmaNv.AUTHREAD) ? Authorization.nvIndex()
                : a.has(TpmaNv.OWNERREAD) ? Authorization.owner()
                : a.has(TpmaNv.PPREAD) ? Authorization.platform() : null;
        if (auth == null) {
            return new NvIndex(index, kind, describe(index, kind), pub, null,
                    Optional.of("readable only with a policy (POLICYREAD)"), warnings);
        }
        try {
            byte[] data = tpm.nvRead(pub, auth);
            return new NvIndex(index, kind, describe(index, kind), pub, data, Optional.empty(), warnings);
        } catch (TpmException e) {
            return new NvIndex(index, kind, describe(index, kind), pub, null, Optional.of(e.getMessage()), warnings);
        }
    }

    private static EkCertificate ekCertificate(Tpm tpm, Authorization endorsement, NvIndex i,
                                               Map<Integer, NvIndex> byIndex, List<PersistentEk> persistent,
                                               List<String> problems) {
        Slot slot = Slot.ofCertificate(i.index()).orElseThrow();
        Optional<TpmCertificate> cert = Optional.empty();
        Optional<String> parseProblem = Optional.empty();
        if (i.data() == null) {
            parseProblem = Optional.of("not read: " + i.readProblem().orElse("?"));
        } else {
            try {
                cert = Optional.of(TpmCertificates.parseNv(i.data()));
            } catch (CertificateParseException e) {
                parseProblem = Optional.of(e.getMessage());
            }
        }
        TpmtPublic template = slot.template;
        if (template == null) {
            return new EkCertificate(i.index(), slot, cert, parseProblem,
                    new EkMatch.NotChecked("tpm2j does not recreate SM2 EKs"), Optional.empty());
        }
        String templateNote = "default template " + slot.label;
        NvIndex tIndex = byIndex.get(slot.templateIndex);
        if (tIndex != null && tIndex.data() != null) {
            try {
                TpmReader r = TpmReader.of(tIndex.data());
                template = TpmtPublic.read(r);
                r.expectEnd("EK template index");
                templateNote = "template from " + tIndex.handle();
            } catch (TpmFormatException e) {
                problems.add("EK template index " + tIndex.handle() + " does not hold a TPMT_PUBLIC: "
                        + e.getMessage());
            }
        }
        NvIndex nIndex = byIndex.get(slot.nonceIndex);
        if (nIndex != null && nIndex.data() != null) {
            template = applyNonce(template, nIndex.data());
            templateNote += " with the nonce from " + nIndex.handle();
        }
        if (cert.isEmpty()) {
            return new EkCertificate(i.index(), slot, cert, parseProblem,
                    new EkMatch.NotChecked("no certificate to compare with"), Optional.of(template));
        }
        // a persistent EK of the template's shape that holds the certificate's key answers without CreatePrimary
        for (PersistentEk p : persistent) {
            if (sameShape(template, p.publicArea()) && PublicKeys.sameKey(cert.get().publicKey(), p.publicArea())) {
                return new EkCertificate(i.index(), slot, cert, parseProblem, new EkMatch.Matches(p.publicArea(),
                        p.handle(), "the certificate's key is the persistent EK at " + String.format("0x%08x",
                        p.handle()) + " (the " + templateNote + ")"), Optional.of(template));
            }
        }
        TpmtPublic ek;
        try {
            CreatePrimary.Response created = tpm.createPrimary(endorsement, template);
            tpm.flushContext(created.objectHandle());
            ek = created.outPublic();
        } catch (TpmResponseException e) {
            return new EkCertificate(i.index(), slot, cert, parseProblem, new EkMatch.NotChecked(
                    "could not recreate the EK from the " + templateNote + ": " + e.getMessage()),
                    Optional.of(template));
        }
        boolean same = PublicKeys.sameKey(cert.get().publicKey(), ek);
        String none = persistent.isEmpty() ? "" : " (no persistent EK holds it)";
        EkMatch match = same
                ? new EkMatch.Matches(ek, 0, "the certificate's key is the EK created from the " + templateNote + none)
                : new EkMatch.Differs(ek, "the certificate's key (" + cert.get().keyType() + ") is not the EK created "
                + "from the " + templateNote + ": the certificate belongs to another TPM or EK, or the EK was created "
                + "from another template");
        return new EkCertificate(i.index(), slot, cert, parseProblem, match, Optional.of(template));
    }

    /** The nonce goes at the start of unique, zero-padded to the key size (RSA modulus; ECC x, with y zero). */
    static TpmtPublic applyNonce(TpmtPublic template, byte[] nonce) {
        if (template.type() == TpmAlgId.RSA) {
            byte[] n = new byte[256];
            System.arraycopy(nonce, 0, n, 0, Math.min(nonce.length, n.length));
            return template.withUnique(new Tpm2bPublicKeyRsa(Bytes.of(n)));
        }
        byte[] x = new byte[32];
        System.arraycopy(nonce, 0, x, 0, Math.min(nonce.length, x.length));
        return template.withUnique(new TpmsEccPoint(Bytes.of(x), Bytes.zeros(32)));
    }

    /** The vendor facts alone (one or two GetCapability round trips). */
    public static VendorInfo readVendor(Tpm tpm) {
        Map<Integer, Integer> p = tpm.fixedProperties();
        String manufacturer = ascii(p.getOrDefault(TpmPt.MANUFACTURER, 0));
        List<String> strings = new ArrayList<>();
        for (int pt = TpmPt.VENDOR_STRING_1; pt <= TpmPt.VENDOR_STRING_4; pt++) {
            String s = ascii(p.getOrDefault(pt, 0));
            if (!s.isEmpty()) {
                strings.add(s);
            }
        }
        int fw1 = p.getOrDefault(TpmPt.FIRMWARE_VERSION_1, 0);
        int fw2 = p.getOrDefault(TpmPt.FIRMWARE_VERSION_2, 0);
        String fw = (fw1 >>> 16) + "." + (fw1 & 0xFFFF) + "." + (fw2 >>> 16) + "." + (fw2 & 0xFFFF);
        return new VendorInfo(manufacturer, strings, fw, p.getOrDefault(TpmPt.LEVEL, 0),
                p.getOrDefault(TpmPt.REVISION, 0), p.getOrDefault(TpmPt.YEAR, 0),
                p.getOrDefault(TpmPt.DAY_OF_YEAR, 0));
    }

    private static String ascii(int v) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (v >>> shift) & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            }
        }
        return sb.toString().strip();
    }

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

    /** The first EK certificate that parsed, preferring the given slot order (L-1 RSA, L-2 ECC, then high range). */
    public Optional<EkCertificate> primaryEkCertificate() {
        return ekCertificates.stream().filter(e -> e.certificate().isPresent()).findFirst();
    }

    /**
     * Verifies the chain of one EK certificate against {@code trust}, using the on-TPM CA certificates and any
     * {@code supplied} ones, at {@code at}; AIA fetching only if {@code fetcher} is not null.
     */
    public EkChain.Result verifyChain(EkCertificate ek, TrustBundle trust, List<TpmCertificate> supplied, Instant at,
                                      AiaFetcher fetcher) {
        TpmCertificate c = ek.certificate().orElseThrow(() -> new IllegalArgumentException(
                "no parsed certificate at " + ek.handle()));
        Provenance p = indices.stream().filter(i -> i.index() == ek.index()).findFirst().map(EkInventory::provenanceOf)
                .orElse(Provenance.NV_UNKNOWN);
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
        return AikServiceUrl.forTrustedChain(m.isEmpty() ? null : m, chain);
    }
}
