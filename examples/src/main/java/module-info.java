/**
 * tpm2j example programs: small, runnable, each exercised by a test against swtpm. Run one from the module path, e.g.
 * {@code java -p <jars> -m dev.tpm2j.examples/dev.tpm2j.examples.ReadEkChain}.
 */
module dev.tpm2j.examples {
    requires dev.tpm2j.ek;
    requires dev.tpm2j.transport;
    exports dev.tpm2j.examples;
}
