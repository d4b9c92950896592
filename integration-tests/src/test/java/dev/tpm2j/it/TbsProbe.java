package dev.tpm2j.it;

import dev.tpm2j.core.Tpm;

/** Run in a child JVM by {@link RunnableJarTest}: opens {@code tbs} and prints why it failed, or "opened". */
public final class TbsProbe {
    private TbsProbe() {
    }

    /** Prints the outcome of {@code Tpm.open("tbs")} on one line. */
    public static void main(String[] args) {
        try (Tpm tpm = Tpm.open("tbs")) {
            System.out.println("opened " + tpm);
        } catch (RuntimeException e) {
            System.out.println(e.getMessage());
        }
    }
}
