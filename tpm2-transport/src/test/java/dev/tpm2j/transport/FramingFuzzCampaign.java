package dev.tpm2j.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The long run (mvn -Pfuzz) for the swtpm and mssim framing readers: 1,000,000 inputs each. */
class FramingFuzzCampaign {
    static final int INPUTS = Integer.getInteger("tpm2j.fuzz.inputs", 10_000);

    @Test
    void framingReaders() {
        Random r = new Random(7); // reproducible inputs, nothing secret
        long swtpm = 0;
        long mssim = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] random = new byte[r.nextInt(300)];
            r.nextBytes(random);
            boolean mutate = (i & 1) == 1;
            FramingFuzzProperties.swtpm(mutate ? FramingFuzzProperties.mutate(FramingFuzzProperties.OK, r.nextLong())
                    : random);
            swtpm++;
            FramingFuzzProperties.mssim(mutate ? FramingFuzzProperties.mutate(FramingFuzzProperties.mssimFrame(),
                    r.nextLong()) : random);
            mssim++;
        }
        System.out.printf("fuzz campaign: swtpm framing %,d, mssim framing %,d%n", swtpm, mssim);
        assertEquals(INPUTS, swtpm);
        assertEquals(INPUTS, mssim);
    }
}
