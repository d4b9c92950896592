package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmMarshallable;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;
import java.util.ArrayList;
import java.util.List;

/** TPML_DIGEST: up to eight digests (PolicyOR's branch list). */
public record TpmlDigest(List<Bytes> digests) implements TpmMarshallable {
    public TpmlDigest {
        digests = List.copyOf(digests);
        if (digests.size() > Limits.DIGESTS) {
            throw new IllegalArgumentException("more than " + Limits.DIGESTS + " digests");
        }
        for (Bytes d : digests) {
            if (d.size() > Limits.DIGEST) {
                throw new IllegalArgumentException("digest larger than " + Limits.DIGEST + " bytes");
            }
        }
    }

    @Override
    public void marshal(TpmWriter w) {
        w.u32(digests.size());
        for (Bytes d : digests) {
            w.tpm2b(d);
        }
    }

    public static TpmlDigest read(TpmReader r) {
        int n = r.count("TPML_DIGEST", Limits.DIGESTS, 2);
        List<Bytes> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(r.tpm2b("TPML_DIGEST", Limits.DIGEST));
        }
        return new TpmlDigest(out);
    }
}
