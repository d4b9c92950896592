package dev.tpm2j.core;

import dev.tpm2j.core.commands.GetCapability;
import dev.tpm2j.core.commands.GetRandom;
import dev.tpm2j.core.marshal.Bytes;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.types.Limits;
import dev.tpm2j.core.types.TpmCap;
import dev.tpm2j.core.types.TpmHt;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmlHandle;
import dev.tpm2j.core.types.TpmlTaggedTpmProperty;
import dev.tpm2j.core.types.TpmsTaggedProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service that asks the TPM about itself: random bytes, handle lists and properties (paged, bounded), the fixed
 * properties (asked for once per Tpm) and TPM_PT_NV_BUFFER_MAX.
 */
final class Capabilities {
    private static final System.Logger LOG = System.getLogger(Tpm.class.getName());
    private static final int DEFAULT_NV_BUFFER = Tpm.DEFAULT_NV_BUFFER;
    private static final int MAX_CAPABILITY_PAGES = Tpm.MAX_CAPABILITY_PAGES;

    private final CommandPipeline pipeline;
    /** Fixed properties (TPM_PT 0x100–0x1FF) never change while the TPM runs: each is asked for once. */
    private final Map<Integer, Integer> fixedProperties = new ConcurrentHashMap<>();
    private volatile boolean fixedLoaded;
    private volatile int nvBufferMax = -1;

    Capabilities(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Random bytes from the TPM's RNG, as many GetRandom calls as needed. */
    byte[] getRandom(int count) {
        byte[] out = new byte[count];
        int done = 0;
        int emptyAnswers = 0;
        while (done < count) {
            int ask = Math.min(count - done, Limits.DIGEST);
            Bytes got = pipeline.execute(new GetRandom(ask)).randomBytes();
            if (got.isEmpty() && ++emptyAnswers > 16) {
                throw new TpmFormatException("TPM2_GetRandom response", 0, "the TPM keeps returning no bytes");
            }
            got.copyTo(out, done);
            done += got.size();
        }
        return out;
    }

    /**
     * Every handle of one type (the type of {@code firstHandle}) from {@code firstHandle} on, paging GetCapability
     * while the TPM says more data follows (bounded, and each page must make progress).
     */
    List<Integer> getHandles(int firstHandle) {
        int type = TpmHt.of(firstHandle);
        return getHandles(firstHandle, (type << 24) | 0x00FFFFFF);
    }

    /**
     * Handles in {@code [firstHandle, lastHandle]} (one handle type), paged; stops asking once a page passes
     * {@code lastHandle}, so a range costs no more round trips than it needs.
     */
    List<Integer> getHandles(int firstHandle, int lastHandle) {
        int type = TpmHt.of(firstHandle);
        if (TpmHt.of(lastHandle) != type || Integer.compareUnsigned(lastHandle, firstHandle) < 0) {
            throw new IllegalArgumentException("the range must lie within one handle type");
        }
        List<Integer> out = new ArrayList<>();
        int next = firstHandle;
        for (int page = 0; page < MAX_CAPABILITY_PAGES; page++) {
            GetCapability.Response resp = pipeline.execute(new GetCapability(TpmCap.HANDLES, next, Limits.CAP_HANDLES));
            List<Integer> handles = ((TpmlHandle) resp.capabilityData().data()).handles();
            int last = next - 1;
            for (int h : handles) {
                if (TpmHt.of(h) != type || Integer.compareUnsigned(h, lastHandle) > 0) {
                    return out;
                }
                if (Integer.compareUnsigned(h, last) <= 0) {
                    throw new TpmFormatException("TPML_HANDLE", 0, String.format(
                            "handles not ascending (0x%08x after 0x%08x)", h, last));
                }
                out.add(h);
                last = h;
            }
            if (!resp.moreData() || handles.isEmpty() || last == lastHandle) {
                return out;
            }
            next = last + 1;
        }
        throw new TpmFormatException("TPM2_GetCapability response", 0, "still reports moreData after "
                + MAX_CAPABILITY_PAGES + " pages");
    }

    /** TPM properties from {@code first} on, up to {@code count}, paged. */
    Map<Integer, Integer> getProperties(int first, int count) {
        Map<Integer, Integer> out = new TreeMap<>();
        int next = first;
        int end = first + count;
        for (int page = 0; page < MAX_CAPABILITY_PAGES && next < end; page++) {
            GetCapability.Response resp = pipeline.execute(new GetCapability(TpmCap.TPM_PROPERTIES, next, end - next));
            List<TpmsTaggedProperty> props = ((TpmlTaggedTpmProperty) resp.capabilityData().data()).properties();
            int last = next - 1;
            for (TpmsTaggedProperty p : props) {
                if (p.property() < next || p.property() >= end) {
                    return out;
                }
                if (p.property() <= last) {
                    throw new TpmFormatException("TPML_TAGGED_TPM_PROPERTY", 0, "properties not ascending");
                }
                out.put(p.property(), p.value());
                if (p.property() >= TpmPt.FIXED && p.property() < TpmPt.VAR) {
                    fixedProperties.put(p.property(), p.value());
                }
                last = p.property();
            }
            if (!resp.moreData() || props.isEmpty()) {
                return out;
            }
            next = last + 1;
        }
        return out;
    }

    /**
     * All fixed properties (TPM_PT 0x100–0x1FF: manufacturer, vendor strings, firmware, limits such as
     * NV_BUFFER_MAX), read once per Tpm — usually one GetCapability — and served from memory afterwards.
     */
    Map<Integer, Integer> fixedProperties() {
        if (!fixedLoaded) {
            getProperties(TpmPt.FIXED, TpmPt.VAR - TpmPt.FIXED);
            fixedLoaded = true;
        }
        return java.util.Collections.unmodifiableMap(new TreeMap<>(fixedProperties));
    }

    /** One TPM property, if the TPM reports it; fixed properties come from the cache once read. */
    OptionalInt getProperty(int property) {
        Integer cached = fixedProperties.get(property);
        if (cached != null) {
            return OptionalInt.of(cached);
        }
        if (fixedLoaded && property >= TpmPt.FIXED && property < TpmPt.VAR) {
            return OptionalInt.empty(); // all fixed properties were read: this one is not reported
        }
        GetCapability.Response resp = pipeline.execute(new GetCapability(TpmCap.TPM_PROPERTIES, property, 1));
        List<TpmsTaggedProperty> props = ((TpmlTaggedTpmProperty) resp.capabilityData().data()).properties();
        for (TpmsTaggedProperty p : props) {
            if (p.property() == property) {
                if (property >= TpmPt.FIXED && property < TpmPt.VAR) {
                    fixedProperties.put(property, p.value());
                }
                return OptionalInt.of(p.value());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * TPM_PT_NV_BUFFER_MAX, asked once per Tpm and cached; {@value #DEFAULT_NV_BUFFER} if the TPM does not say or
     * claims something outside 1..2048.
     */
    int nvBufferMax() {
        int v = nvBufferMax;
        if (v > 0) {
            return v;
        }
        OptionalInt reported = getProperty(TpmPt.NV_BUFFER_MAX);
        v = DEFAULT_NV_BUFFER;
        if (reported.isPresent()) {
            int r = reported.getAsInt();
            if (r >= 1 && r <= Limits.NV_BUFFER) {
                v = r;
            } else {
                LOG.log(System.Logger.Level.WARNING, "TPM reports NV_BUFFER_MAX {0}; using {1}",
                        Integer.toUnsignedString(r), DEFAULT_NV_BUFFER);
            }
        }
        nvBufferMax = v;
        return v;
    }
}
