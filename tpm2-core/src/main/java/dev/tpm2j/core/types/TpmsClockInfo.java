package dev.tpm2j.core.types;

import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.marshal.TpmWriter;

/** TPMS_CLOCK_INFO: the TPM clock in milliseconds, reset and restart counts, and whether the clock is safe. */
public record TpmsClockInfo(long clock, int resetCount, int restartCount, boolean safe) {
    void marshal(TpmWriter w) {
        w.u64(clock);
        w.u32(resetCount);
        w.u32(restartCount);
        w.yesNo(safe);
    }

    static TpmsClockInfo read(TpmReader r) {
        String s = "TPMS_CLOCK_INFO";
        return new TpmsClockInfo(r.u64(s), r.u32(s), r.u32(s), r.yesNo(s));
    }
}
