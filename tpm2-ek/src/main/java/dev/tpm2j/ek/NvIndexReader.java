package dev.tpm2j.ek;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.ek.EkInventory.Kind;
import dev.tpm2j.ek.EkInventory.NvIndex;
import dev.tpm2j.ek.EkInventory.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading the NV indices of the EK range for {@link EkInventory}: what each index is for (the profile's index
 * table), its public area and contents with provenance warnings, and where the bytes of the NV chain came from.
 */
final class NvIndexReader {
    private NvIndexReader() {
    }

    /** The weakest provenance of the indices a certificate's bytes came from. */
    static Provenance provenance(List<NvChainSpan> spans, int start, int end) {
        Provenance p = Provenance.NV_PLATFORM_LOCKED;
        for (NvChainSpan s : spans) {
            if (s.overlaps(start, end)) {
                p = Provenance.weaker(p, provenanceOf(s.index()));
            }
        }
        return p;
    }

    /** An index's provenance from its public area. */
    public static Provenance provenanceOf(NvIndex i) {
        return i == null || i.nvPublic() == null ? Provenance.NV_UNKNOWN
                : Provenance.ofNvAttributes(i.nvPublic().attributes());
    }

    /** Where bytes {@code [start, end)} of the NV chain came from, e.g. {@code nv:0x01c00100+0x01c00101}. */
    static String source(List<NvChainSpan> spans, int start, int end) {
        List<String> names = new ArrayList<>();
        for (NvChainSpan s : spans) {
            if (s.overlaps(start, end)) {
                names.add(String.format("0x%08x", s.index().index()));
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
        if (index >= EkInventory.CHAIN_FIRST && index <= EkInventory.CHAIN_LAST) {
            return Kind.EK_CHAIN;
        }
        if (index >= 0x01C07F01 && index <= 0x01C07F04) {
            return Kind.EK_POLICY;
        }
        if (index >= 0x01C08000 && index <= EkInventory.LAST) {
            return Kind.PLATFORM_CERTIFICATE;
        }
        return Kind.OTHER;
    }

    static String describe(int index, Kind kind) {
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

    static NvIndex readIndex(Tpm tpm, int index) {
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
        if (!a.has(TpmaNv.AUTHREAD) && !a.has(TpmaNv.OWNERREAD) && !a.has(TpmaNv.PPREAD)) {
            return new NvIndex(index, kind, describe(index, kind), pub, null,
                    Optional.of("readable only with a policy (POLICYREAD)"), warnings);
        }
        if (!NvCertificates.readableWithoutGuessing(a)) {
            return new NvIndex(index, kind, describe(index, kind), pub, null,
                    Optional.of("readable only with its own authValue and not exempt from dictionary-attack "
                            + "protection (NO_DA clear): not read, since a wrong guess would count towards lockout"),
                    warnings);
        }
        try {
            byte[] data = tpm.nvRead(pub, NvCertificates.readAuthorization(a));
            return new NvIndex(index, kind, describe(index, kind), pub, data, Optional.empty(), warnings);
        } catch (TpmException e) {
            return new NvIndex(index, kind, describe(index, kind), pub, null, Optional.of(e.getMessage()), warnings);
        }
    }
}
