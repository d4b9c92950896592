package dev.tpm2j.trustbundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The certificates of an extracted Microsoft TrustedTpm.cab tree for {@link BundleBuilder}: every vendor folder's
 * {@code RootCA/} files as roots and {@code IntermediateCA/} files as intermediates, in a stable order. The AIK CAs
 * under {@code Microsoft/IntermediateCA/} are not EK path material and are not read. Files an exclusion list names
 * are left out (each exclusion must match a file, so a stale list is noticed).
 *
 * @param tree          the cab folder
 * @param version       the first date line of the cab's {@code version.txt}, or "undated"
 * @param roots         root files, sorted by relative path
 * @param intermediates intermediate files, sorted by relative path
 */
record CabSource(Path tree, String version, List<File> roots, List<File> intermediates) {
    /** At most this many certificate files per tree (the 2024 cab has about 370 outside the AIK CAs). */
    static final int MAX_FILES = 5_000;

    /**
     * One certificate file.
     *
     * @param relative its path in the tree with forward slashes, e.g. {@code Intel/RootCA/EKRootPublicKey.cer}
     * @param der      its certificate, DER (a PEM file is decoded)
     */
    record File(String relative, byte[] der) {
    }

    /** The provenance sentence of one file. */
    String provenance(File f) {
        return "Microsoft TrustedTpm.cab (" + version + "), " + f.relative() + ", kept in the tpm2j repository under "
                + "testdata/trustedtpm-cab/";
    }

    /** One phrase for {@code bundle.properties}. */
    String description() {
        return "the EK roots and intermediates of Microsoft's TrustedTpm.cab (" + version + ")";
    }

    /** Reads {@code tree}, leaving out the files {@code excluded} names (relative path to reason). */
    static CabSource read(Path tree, Map<String, String> excluded) throws IOException {
        List<File> roots = new ArrayList<>();
        List<File> inters = new ArrayList<>();
        List<String> unused = new ArrayList<>(excluded.keySet());
        List<Path> vendors;
        try (Stream<Path> s = Files.list(tree)) {
            vendors = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path vendor : vendors) {
            collect(tree, vendor.resolve("RootCA"), excluded, unused, roots);
            if (!vendor.getFileName().toString().equalsIgnoreCase("Microsoft")) {
                collect(tree, vendor.resolve("IntermediateCA"), excluded, unused, inters);
            }
        }
        if (!unused.isEmpty()) {
            throw new IOException("cab exclusions name files the cab does not have: " + unused);
        }
        return new CabSource(tree, version(tree), List.copyOf(roots), List.copyOf(inters));
    }

    private static void collect(Path tree, Path dir, Map<String, String> excluded, List<String> unused,
                                List<File> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir, 4)) {
            files = s.filter(Files::isRegularFile).filter(CabSource::isCertificateFile).sorted().toList();
        }
        for (Path f : files) {
            String rel = tree.relativize(f).toString().replace('\\', '/');
            if (excluded.containsKey(rel)) {
                unused.remove(rel);
                continue;
            }
            if (out.size() >= MAX_FILES) {
                throw new IOException(tree + ": more than " + MAX_FILES + " certificate files");
            }
            out.add(new File(rel, der(Files.readAllBytes(f))));
        }
    }

    private static boolean isCertificateFile(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".cer") || n.endsWith(".crt") || n.endsWith(".der") || n.endsWith(".pem");
    }

    private static byte[] der(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int begin = text.indexOf("-----BEGIN CERTIFICATE-----");
        if (begin < 0) {
            return bytes;
        }
        int end = text.indexOf("-----END CERTIFICATE-----", begin);
        if (end < 0) {
            throw new IOException("a PEM certificate without an END line");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad base64 in a PEM certificate", e);
        }
    }

    private static String version(Path tree) throws IOException {
        Path v = tree.resolve("version.txt");
        if (!Files.isRegularFile(v)) {
            return "undated";
        }
        for (String line : Files.readAllLines(v, StandardCharsets.ISO_8859_1)) {
            String l = line.strip();
            if (!l.isEmpty() && Character.isDigit(l.charAt(0))) {
                return l;
            }
        }
        return "undated";
    }

    /** Reads an exclusion list: {@code relative/path<TAB>reason} per line, {@code #} comments; empty when null. */
    static Map<String, String> exclusions(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (file == null) {
            return m;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new IOException(file + ": an exclusion needs a path, a tab and a reason: " + line);
            }
            m.put(line.substring(0, tab).strip(), line.substring(tab + 1).strip());
        }
        return m;
    }
}
