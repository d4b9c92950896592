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
import dev.tpm2j.core.types.Tpm2bPublicKeyRsa;
import dev.tpm2j.core.types.TpmAlgId;
import dev.tpm2j.core.types.TpmsEccPoint;
import dev.tpm2j.core.types.TpmtPublic;
import dev.tpm2j.ek.EkInventory.EkCertificate;
import dev.tpm2j.ek.EkInventory.NvIndex;
import dev.tpm2j.ek.EkInventory.PersistentEk;
import dev.tpm2j.ek.EkInventory.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * EK recreation and matching for {@link EkInventory}: the persistent EKs, the template each certificate slot
 * implies (template and nonce indices applied), and whether the certificate's key is this TPM's EK — persistent EKs
 * first, CreatePrimary only when none holds the key.
 */
final class EkMatcher {
    private EkMatcher() {
    }

    /**
     * The EK-shaped persistent objects in 0x81010000–0x810100FF (restricted decryption keys): one
     * GetCapability(HANDLES) and one ReadPublic per handle.
     */
    static List<PersistentEk> readPersistentEks(Tpm tpm, List<String> problems) {
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
    static Optional<String> templateOf(PersistentEk p, List<EkCertificate> eks) {
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

    static EkCertificate ekCertificate(Tpm tpm, Authorization endorsement, NvIndex i,
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
}
