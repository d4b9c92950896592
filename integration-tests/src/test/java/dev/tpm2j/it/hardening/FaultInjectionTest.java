package dev.tpm2j.it.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpm2j.core.RetryPolicy;
import dev.tpm2j.core.Tpm;
import dev.tpm2j.core.TpmResponseException;
import dev.tpm2j.core.TpmTransportException;
import dev.tpm2j.core.marshal.TpmException;
import dev.tpm2j.core.marshal.TpmFormatException;
import dev.tpm2j.core.types.TpmRc;
import dev.tpm2j.simulator.Swtpm;
import dev.tpm2j.simulator.SwtpmOptions;
import dev.tpm2j.transport.SwtpmTransport;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fault on the wire gets a typed error within the configured timeout, leaves no thread blocked, and the Tpm
 * works again afterwards (the transport reconnects).
 */
class FaultInjectionTest {
    static Swtpm sim;
    static FaultProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        sim = Swtpm.start();
        proxy = new FaultProxy(sim.port());
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        sim.close();
    }

    static Tpm throughProxy() {
        return Tpm.open(new SwtpmTransport("127.0.0.1", proxy.port(), Duration.ofSeconds(2), Duration.ofMillis(400),
                4096), RetryPolicy.NONE);
    }

    void assertFaultIsTyped(FaultProxy.Fault fault, int arg, Class<? extends TpmException> expected) {
        try (Tpm tpm = throughProxy()) {
            assertEquals(8, tpm.getRandom(8).length, "healthy before");
            proxy.next(fault, arg);
            TpmException e = assertTimeoutPreemptively(Duration.ofSeconds(3),
                    () -> assertThrows(TpmException.class, () -> tpm.getRandom(8)));
            assertTrue(expected.isInstance(e), fault + " gave " + e);
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            // works again: the transport reconnects (or the stream stayed in step)
            assertEquals(8, tpm.getRandom(8).length, "healthy after " + fault);
        }
    }

    @Test
    void delayBeyondTheReadTimeout() {
        assertFaultIsTyped(FaultProxy.Fault.DELAY, 1500, TpmTransportException.class);
    }

    @Test
    void droppedResponse() {
        assertFaultIsTyped(FaultProxy.Fault.DROP, 1500, TpmTransportException.class);
    }

    @Test
    void truncatedResponseAndConnectionKilledMidResponse() {
        assertFaultIsTyped(FaultProxy.Fault.TRUNCATE, 12, TpmTransportException.class);
        assertFaultIsTyped(FaultProxy.Fault.KILL_AT, 5, TpmTransportException.class);
        assertFaultIsTyped(FaultProxy.Fault.KILL_AT, 0, TpmTransportException.class);
    }

    @Test
    void corruptedResponse() {
        // byte 13 is inside the returned TPM2B: the size no longer fits, or the tag/size fields break
        for (int at : new int[] {0, 3, 11}) {
            try (Tpm tpm = throughProxy()) {
                proxy.next(FaultProxy.Fault.CORRUPT, at);
                TpmException e = assertThrows(TpmException.class, () -> tpm.getRandom(8));
                assertTrue(e instanceof TpmFormatException || e instanceof TpmTransportException
                        || e instanceof TpmResponseException, e.toString());
            }
        }
    }

    @Test
    void duplicatedResponseIsNotMistakenForTheNextOne() {
        try (Tpm tpm = throughProxy()) {
            proxy.next(FaultProxy.Fault.DUPLICATE, 0);
            assertEquals(8, tpm.getRandom(8).length);
            // the stale copy now sits in the socket: the next exchange reads it. It parses as a GetRandom
            // response, which is the hazard of a stream protocol; a different command exposes it as malformed.
            TpmException e = assertThrows(TpmException.class, () -> tpm.nvReadPublic(0x01C00002));
            assertTrue(e instanceof TpmFormatException, e.toString());
        }
    }

    @Test
    void simulatorKilledMidSessionThenRestarted(@TempDir Path dir) throws Exception {
        SwtpmOptions opts = SwtpmOptions.DEFAULT.withStateDir(dir);
        int port;
        Swtpm own = Swtpm.start(opts); // not a try resource: the test kills it halfway
        try {
            port = own.port();
            Tpm tpm = Tpm.open(new SwtpmTransport("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(1),
                    4096), RetryPolicy.NONE);
            assertEquals(8, tpm.getRandom(8).length);
            own.close(); // the process dies
            TpmTransportException dead = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> assertThrows(TpmTransportException.class, () -> tpm.getRandom(8)));
            assertTrue(dead.getMessage().contains("swtpm"), dead.getMessage());
            tpm.close();
        } finally {
            own.close();
        }
        // restarted on the same port and state without Startup: TPM_RC_INITIALIZE with a clear message
        try (Swtpm again = Swtpm.start(opts.withPort(port))) {
            new dev.tpm2j.transport.SwtpmControl("127.0.0.1", again.controlPort()).init(0);
            try (Tpm tpm = again.openTpm()) {
                TpmResponseException e = assertThrows(TpmResponseException.class, () -> tpm.getRandom(8));
                assertTrue(e.is(TpmRc.INITIALIZE), e.getMessage());
                assertTrue(e.getMessage().contains("TPM2_Startup was not sent"), e.getMessage());
            }
        }
    }
}
