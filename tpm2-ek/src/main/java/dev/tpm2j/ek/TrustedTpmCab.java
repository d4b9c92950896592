package dev.tpm2j.ek;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reading an extracted Microsoft TrustedTpm.cab tree: one folder per vendor, each with {@code RootCA/} (the EK roots
 * Windows trusts) and {@code IntermediateCA/} (EK issuing CAs, path material only). The cab's
 * {@code Microsoft/IntermediateCA/} holds the AIK CAs Microsoft runs, not EK path material, and is skipped. Also
 * accepts a single vendor folder.
 */
final class TrustedTpmCab {
    static final String ROOTS = "RootCA";
    static final String INTERMEDIATES = "IntermediateCA";
    /** At most this many certificate files are read from one tree (the 2024 cab has about 370 outside AIK CAs). */
    static final int MAX_FILES = 10_000;

    private TrustedTpmCab() {
    }

    /** The certificate files of a tree, by role. */
    record Layout(List<Path> roots, List<Path> intermediates) {
    }

    /** Whether {@code dir} is a cab tree or one vendor folder of it. */
    static boolean isCabTree(Path dir) throws IOException {
        if (isVendorFolder(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).anyMatch(TrustedTpmCab::isVendorFolder);
        }
    }

    private static boolean isVendorFolder(Path dir) {
        return Files.isDirectory(dir.resolve(ROOTS)) || Files.isDirectory(dir.resolve(INTERMEDIATES));
    }

    /** The certificate files under {@code dir}, roots and intermediates, sorted; the AIK CA folder left out. */
    static Layout files(Path dir) throws IOException {
        List<Path> roots = new ArrayList<>();
        List<Path> inters = new ArrayList<>();
        List<Path> vendors = new ArrayList<>();
        if (isVendorFolder(dir)) {
            vendors.add(dir);
        } else {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(Files::isDirectory).filter(TrustedTpmCab::isVendorFolder).sorted().forEach(vendors::add);
            }
        }
        for (Path v : vendors) {
            collect(v.resolve(ROOTS), roots);
            if (!v.getFileName().toString().equalsIgnoreCase("Microsoft")) {
                collect(v.resolve(INTERMEDIATES), inters);
            }
        }
        if (roots.size() + inters.size() > MAX_FILES) {
            throw new IOException(dir + ": more than " + MAX_FILES + " certificate files");
        }
        return new Layout(roots, inters);
    }

    private static void collect(Path dir, List<Path> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir, 4)) {
            s.filter(Files::isRegularFile).filter(TrustedTpmCab::isCertificateFile).sorted().forEach(out::add);
        }
    }

    /** A file named like a certificate ({@code .cer .crt .der .pem}, any case). */
    static boolean isCertificateFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer") || n.endsWith(".der");
    }
}
