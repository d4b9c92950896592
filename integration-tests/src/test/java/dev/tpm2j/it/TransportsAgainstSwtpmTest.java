package dev.tpm2j.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.TpmTransportException;
import dev.tpm2j.core.types.TpmPt;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.simulator.FreshSimulator;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmExtension;
import dev.tpm2j.transport.SwtpmControl;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Selection strings, the control channel, concurrency and the JUnit extension against a real swtpm. */
@ExtendWith(SwtpmExtension.class)
class TransportsAgainstSwtpmTest {

    @Test
    void selectionStringsOpenSwtpmAndMssim(Swtpm sim) {
        for (String spec : List.of(sim.tpmSpec(), "mssim:host=127.0.0.1,port=" + sim.port())) {
            try (Tpm tpm = Tpm.open(spec)) {
                assertEquals(16, tpm.getRandom(16).length, spec);
            }
        }
    }

    @Test
    void embeddedSimulatorBySelectionString() {
        try (Tpm tpm = Tpm.open("sim")) {
            assertTrue(tpm.getProperty(TpmPt.MANUFACTURER).isPresent());
            assertTrue(tpm.nvRead(0x01C00002).length > 100, "sim carries an EK certificate");
        }
    }

    @Test
    void badSelectionStringsGiveOneLineErrors() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Tpm.open("swtpm:port=abc"));
        assertEquals("swtpm: port 'abc' is not a number", port.getMessage());
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class, () -> Tpm.open("tabrmd"));
        assertTrue(scheme.getMessage().startsWith("unknown TPM scheme 'tabrmd'"), scheme.getMessage());
        assertTrue(scheme.getMessage().contains("device, mssim, sim, swtpm"), scheme.getMessage());
        assertFalse(scheme.getMessage().contains("\n"));
    }

    @Test
    void eightThreadsTimesFiveHundredGetRandomOnOneTpm(Tpm tpm) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<byte[]>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<byte[]> got = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        got.add(tpm.getRandom(16));
                    }
                    return got;
                }));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<List<byte[]>> f : futures) {
                for (byte[] b : f.get(120, TimeUnit.SECONDS)) {
                    assertEquals(16, b.length);
                    distinct.add(java.util.HexFormat.of().formatHex(b));
                }
            }
            assertEquals(4000, distinct.size(), "every caller got its own, intact response");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @FreshSimulator
    void controlChannelReinitializesTheTpm(Swtpm sim, Tpm tpm) throws Exception {
        SwtpmControl ctrl = new SwtpmControl("127.0.0.1", sim.controlPort());
        assertTrue(ctrl.getCapability() != 0, "swtpm reports the control commands it supports");
        ctrl.setLocality(0);
        ctrl.init(0);
        // after _TPM_Init the TPM needs TPM2_Startup: a clear, typed error, not a hang
        TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.getRandom(8));
        assertTrue(e.is(TpmRc.INITIALIZE), e.getMessage());
        tpm.execute(new dev.tpm2j.core.commands.Startup(dev.tpm2j.core.commands.Startup.SU_CLEAR));
        assertEquals(8, tpm.getRandom(8).length);
        ctrl.stop();
        // stopped: swtpm drops the connection or answers in failure mode — either way typed and immediate
        dev.tpm2j.core.marshal.TpmException off = assertThrows(dev.tpm2j.core.marshal.TpmException.class,
                () -> tpm.getRandom(8));
        assertTrue(off instanceof TpmTransportException
                || (off instanceof TpmResponseException r && (r.is(TpmRc.FAILURE) || r.is(TpmRc.INITIALIZE))),
                off.toString());
        sim.close();
        assertThrows(TpmTransportException.class, () -> tpm.getRandom(8), "dead simulator");
    }

    @Test
    void extensionSharesOneSimulatorPerClass(Swtpm a, Tpm tpm) {
        assertTrue(a.isRunning());
        byte[] first = tpm.getRandom(8);
        assertFalse(java.util.Arrays.equals(first, tpm.getRandom(8)));
        assertArrayEquals(tpm.nvRead(0x01C00002), tpm.nvRead(0x01C00002));
    }
}
