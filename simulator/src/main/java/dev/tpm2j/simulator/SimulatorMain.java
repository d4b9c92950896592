package dev.tpm2j.simulator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar simulator-…-standalone.jar [--profile bare|intel-odca|discrete] [--port P]}: runs one provisioned
 * swtpm until interrupted and prints the {@code --tpm} selection string to use.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    /** Starts the simulator and runs until the JVM is stopped. */
    public static void main(String[] args) throws InterruptedException {
        Swtpm sim;
        try {
            sim = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("usage: simulator [--profile bare|intel-odca|discrete] [--port P]: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("cannot start the simulator: " + e.getMessage());
            System.exit(3);
            return;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        forever.await();
    }

    /** Parses the arguments, starts and provisions the simulator, and prints how to reach it. */
    public static Swtpm start(String[] args, PrintStream out) {
        Profile profile = Profile.INTEL_ODCA;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profile" -> profile = Profile.fromId(value(args, ++i, "--profile"));
                case "--port" -> {
                    String v = value(args, ++i, "--port");
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port '" + v + "' is not a number");
                    }
                    if (port < 1 || port > 65534) {
                        throw new IllegalArgumentException("--port must be 1..65534");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        Swtpm sim = Swtpm.start(SwtpmOptions.DEFAULT.withProfile(profile).withPort(port));
        out.println("swtpm (" + profile.id() + ") is running; use --tpm " + sim.tpmSpec());
        out.println("export TPM2TOOLS_TCTI=" + sim.tpmSpec());
        if (sim.provisioned().rootPem() != null) {
            out.println("trust anchors: " + sim.provisioned().rootPem() + " " + sim.provisioned().intermediatesPem());
        }
        out.println("press Ctrl-C to stop");
        return sim;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
