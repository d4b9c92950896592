package dev.tpm2j.ek;

import dev.tpm2j.core.Authorization;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.core.types.TpmaNv;
import dev.tpm2j.core.types.TpmsNvPublic;
import dev.tpm2j.ek.der.CertificateStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reading the certificates in one NV index: an EK certificate index (its TCG header stripped) or a part of the on-TPM
 * chain (0x01C00100–0x01C001FF). When the index is read whole and its last certificate runs past its end, the
 * following chain indices are read and joined until that certificate is complete (TCG EK Credential Profile: a
 * certificate may overflow into the next chain index), split with the index boundaries as {@link EkInventory} does.
 * The certificates found are path material only: nothing here decides trust.
 */
public final class NvCertificates {
    private NvCertificates() {
    }

    /**
     * What was read: {@code data} are the bytes of {@code index} at {@code offset} exactly as read, {@code readFrom}
     * the indices whose bytes were split ({@code index} first, then any continuation indices), {@code split} how those
     * bytes (header stripped, continuations joined) divide into certificates.
     *
     * @param index    the index asked for
     * @param offset   where reading of {@code index} started
     * @param data     the bytes of {@code index} read
     * @param readFrom every index read, in order
     * @param split    the certificates and gaps
     */
    public record Contents(int index, int offset, byte[] data, List<Integer> readFrom, CertificateStream.Split split) {
        /** Copies the array and list. */
        public Contents {
            data = data.clone();
            readFrom = List.copyOf(readFrom);
        }

        /** The bytes of {@code index} read (a copy). */
        @Override
        public byte[] data() {
            return data.clone();
        }

        /** The DER encodings of the certificates found, in order. */
        public List<byte[]> certificates() {
            return split.certificates();
        }

        /** The indices read after {@code index} to complete its last certificate, {@code 0x01c00101} style. */
        public List<String> continuedIn() {
            return readFrom.subList(1, readFrom.size()).stream().map(NvCertificates::handle).toList();
        }
    }

    /**
     * Reads the whole of {@code index} and continues into the following chain indices while its last certificate is
     * incomplete. TPM commands: NV_ReadPublic, then the NV_Read chunks, per index read.
     */
    public static Contents read(Tpm tpm, int index) {
        return readWhole(tpm, tpm.nvReadPublic(index).nvPublic());
    }

    /**
     * Reads the whole of the index whose public area the caller read from this TPM, continuing into the following
     * chain indices while its last certificate is incomplete.
     */
    public static Contents readWhole(Tpm tpm, TpmsNvPublic nvPublic) {
        int index = nvPublic.nvIndex();
        byte[] data = tpm.nvRead(nvPublic, readAuthorization(nvPublic.attributes()));
        byte[] stream = withoutHeader(data);
        List<Integer> readFrom = new ArrayList<>(List.of(index));
        List<Integer> starts = new ArrayList<>(List.of(0));
        CertificateStream.Split split = CertificateStream.split(stream);
        if (truncated(split)) {
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            joined.writeBytes(stream);
            Provenance first = Provenance.ofNvAttributes(nvPublic.attributes());
            for (int next = index + 1; truncated(split) && isChainIndex(next); next++) {
                byte[] more = readIfDefined(tpm, next, first);
                if (more == null) {
                    break;
                }
                starts.add(joined.size());
                joined.writeBytes(more);
                readFrom.add(next);
                split = CertificateStream.split(joined.toByteArray(),
                        starts.stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new Contents(index, 0, data, readFrom, split);
    }

    /**
     * Reads {@code size} bytes of the index at {@code offset} (no continuation: a part is split as it is).
     *
     * @throws IllegalArgumentException when the range lies outside the index's {@link TpmsNvPublic#dataSize()}
     */
    public static Contents readPart(Tpm tpm, TpmsNvPublic nvPublic, int offset, int size) {
        if (offset < 0 || size < 0 || offset > nvPublic.dataSize() || size > nvPublic.dataSize() - offset) {
            throw new IllegalArgumentException("offset " + offset + " / size " + size + " is outside the index's "
                    + nvPublic.dataSize() + " bytes");
        }
        byte[] data = tpm.nvRead(nvPublic.nvIndex(), offset, size, readAuthorization(nvPublic.attributes()));
        return new Contents(nvPublic.nvIndex(), offset, data, List.of(nvPublic.nvIndex()),
                CertificateStream.split(withoutHeader(data)));
    }

    /**
     * How many bytes of TCG NV header precede the certificate in an EK certificate index: 0 (none), 5 (tag 0x1001 and
     * the declared size) or 7 (followed by the certificate tag 0x1002).
     */
    public static int headerLength(byte[] nv) {
        if (nv.length >= 5 && (nv[0] & 0xFF) == 0x10 && (nv[1] & 0xFF) == 0x01) {
            return nv.length >= 7 && (nv[5] & 0xFF) == 0x10 && (nv[6] & 0xFF) == 0x02 ? 7 : 5;
        }
        return 0;
    }

    /** {@code nv} without its TCG NV header (a copy when there is one, {@code nv} itself when there is none). */
    static byte[] withoutHeader(byte[] nv) {
        int h = headerLength(nv);
        return h == 0 ? nv : Arrays.copyOfRange(nv, h, nv.length);
    }

    /**
     * The authorization that reads an index with these attributes with an empty password, chosen so that no read
     * ever counts towards the TPM's dictionary-attack lockout: the index's own authValue only when the index is exempt
     * (AUTHREAD with NO_DA, as every real EK certificate index is), else owner (OWNERREAD), else platform (PPREAD):
     * a wrong hierarchy authorization is refused without a lockout count. An index readable only with its own
     * DA-protected authValue, or only with a policy, gets owner, which the TPM refuses (TPM_RC_NV_AUTHORIZATION)
     * without counting a failure: an empty guess at a secret authValue would count one, and a few reads would lock
     * the TPM out.
     */
    static Authorization readAuthorization(TpmaNv a) {
        if (a.has(TpmaNv.AUTHREAD) && a.has(TpmaNv.NO_DA)) {
            return Authorization.nvIndex();
        }
        if (a.has(TpmaNv.OWNERREAD)) {
            return Authorization.owner();
        }
        return a.has(TpmaNv.PPREAD) ? Authorization.platform() : Authorization.owner();
    }

    /**
     * Whether an index with attributes {@code a} can be read with {@link #readAuthorization} at all: not when only its
     * own DA-protected authValue or a policy reads it (the caller reports it unread instead of asking the TPM).
     */
    static boolean readableWithoutGuessing(TpmaNv a) {
        return (a.has(TpmaNv.AUTHREAD) && a.has(TpmaNv.NO_DA)) || a.has(TpmaNv.OWNERREAD) || a.has(TpmaNv.PPREAD);
    }

    private static boolean truncated(CertificateStream.Split split) {
        return split.leftoverLength() > 0 && split.leftoverKind().startsWith("truncated");
    }

    private static boolean isChainIndex(int index) {
        return index >= EkInventory.CHAIN_FIRST && index <= EkInventory.CHAIN_LAST;
    }

    /**
     * The whole of {@code index}, or null when it is not defined, when its provenance differs from the index it would
     * continue (an index the owner could have written never completes a certificate the platform stored), or when reading it would mean guessing
     * a DA-protected authValue.
     */
    private static byte[] readIfDefined(Tpm tpm, int index, Provenance continuing) {
        TpmsNvPublic p;
        try {
            p = tpm.nvReadPublic(index).nvPublic();
        } catch (TpmResponseException e) {
            if (e.is(TpmRc.HANDLE)) {
                return null;
            }
            throw e;
        }
        boolean weaker = continuing.storedOnTpmByPlatform()
                && !Provenance.ofNvAttributes(p.attributes()).storedOnTpmByPlatform();
        if (weaker || !readableWithoutGuessing(p.attributes())
                || !p.attributes().has(TpmaNv.WRITTEN)) {
            return null;
        }
        return tpm.nvRead(p, readAuthorization(p.attributes()));
    }

    private static String handle(int index) {
        return String.format("0x%08x", index);
    }
}
