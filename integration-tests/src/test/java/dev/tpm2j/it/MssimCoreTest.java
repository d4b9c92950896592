package dev.tpm2j.it;

import dev.tpm2j.core.TpmTransport;
import dev.tpm2j.transport.MssimTransport;

/** The whole core suite again, with every command in the mssim envelope (swtpm accepts it on its server port). */
class MssimCoreTest extends SwtpmCoreTest {
    @Override
    TpmTransport newTransport() {
        return new MssimTransport("127.0.0.1", sim.port());
    }

    @Override
    void releaseConnection() {
        ((MssimTransport) transport).disconnect();
    }
}
