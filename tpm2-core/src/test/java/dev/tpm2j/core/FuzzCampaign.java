package dev.tpm2j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpm2j.core.crypto.CredentialFile;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.marshal.TpmReader;
import dev.tpm2j.core.session.TpmSessionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;

/**
 * The long fuzzing run (mvn -Pfuzz): {@code tpm2j.fuzz.inputs} inputs per target (1,000,000 in the profile) —
 * every structure unmarshaller, every command's response path and the credential file reader — half random bytes,
 * half mutations of valid samples. Property: only the documented typed exceptions, allocation bounded by the input
 * size, each input handled within a time bound. Prints a table of inputs per target.
 */
class FuzzCampaign {
    static final int INPUTS = Integer.getInteger("tpm2j.fuzz.inputs", 10_000);
    static final long MAX_NANOS_PER_INPUT = 50_000_000L;

    interface Target {
        void run(byte[] input);
    }

    static long campaign(String name, List<byte[]> samples, Target target, Class<?>... allowed) {
        Random r = new Random(name.hashCode()); // reproducible inputs (not used for anything secret)
        long inputs = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] input;
            if ((i & 1) == 0 || samples.isEmpty()) {
                input = new byte[r.nextInt(600)];
                r.nextBytes(input);
            } else {
                input = Mutations.mutate(samples.get(r.nextInt(samples.size())), r.nextInt(6), r.nextInt(),
                        r.nextInt(), 1 + r.nextInt(3));
            }
            long before = Allocation.allocatedBytes();
            long t0 = System.nanoTime();
            try {
                target.run(input);
            } catch (RuntimeException e) {
                boolean ok = false;
                for (Class<?> c : allowed) {
                    ok |= c.isInstance(e);
                }
                if (!ok) {
                    fail(name + ": " + e + " on " + java.util.HexFormat.of().formatHex(input), e);
                }
            }
            long nanos = System.nanoTime() - t0;
            long used = Allocation.allocatedBytes() - before;
            if (i > 1000 && used > Allocation.bound(input.length)) {
                fail(name + ": allocated " + used + " bytes for " + input.length + " input bytes");
            }
            if (i > 1000 && nanos > MAX_NANOS_PER_INPUT) {
                fail(name + ": " + nanos / 1_000_000 + " ms for one input");
            }
            inputs++;
        }
        return inputs;
    }

    @Example
    void everyParserOfUntrustedBytes() {
        Map<String, Long> figures = new LinkedHashMap<>();
        Random seeds = new Random(1);
        for (ParserFuzzProperties.Target t : ParserFuzzProperties.TARGETS) {
            List<byte[]> samples = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                samples.add(t.samples().generator(100).next(new Random(seeds.nextLong())).value());
            }
            figures.put(t.name(), campaign(t.name(), samples, in -> t.parse().accept(TpmReader.of(in)),
                    TpmFormatException.class));
        }
        for (FacadeResponseFuzzProperties.Case c : FacadeResponseFuzzProperties.CASES) {
            figures.put(c.name() + " response", campaign(c.name(), List.of(c.validResponse()),
                    in -> FacadeResponseFuzzProperties.run(c, in), TpmFormatException.class,
                    TpmResponseException.class, TpmSessionException.class));
        }
        byte[] credentialSample = CredentialFile.write(new dev.tpm2j.core.crypto.CredentialProtection.Credential(
                new dev.tpm2j.core.types.Tpm2bIdObject(dev.tpm2j.core.marshal.Bytes.zeros(68)),
                new dev.tpm2j.core.types.Tpm2bEncryptedSecret(dev.tpm2j.core.marshal.Bytes.zeros(256))));
        figures.put("credential file", campaign("credential file", List.of(credentialSample), CredentialFile::read,
                TpmFormatException.class));
        StringBuilder table = new StringBuilder("fuzz campaign: inputs per target\n");
        figures.forEach((k, v) -> table.append(String.format("  %-28s %,d%n", k, v)));
        System.out.println(table);
        figures.values().forEach(v -> assertEquals((long) INPUTS, v));
    }
}
