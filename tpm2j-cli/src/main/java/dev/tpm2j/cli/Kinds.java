package dev.tpm2j.cli;

import dev.tpm2j.ek.EkInventory;

/** The stable kind ids of NV indices (ek-certificate, ek-chain, …; "other" outside the EK range). */
final class Kinds {
    private Kinds() {
    }

    static String of(int index) {
        if (index < EkInventory.FIRST || index > EkInventory.LAST) {
            return "other";
        }
        return EkInventory.classify(index).id();
    }
}
