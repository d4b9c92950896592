package dev.tpm2j.cli;

import dev.tpm2j.core.Tpm2jException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Reads and parses the files named on the command line, so that every problem with one is an
 * {@link InputFileException} naming the option and the file: missing, unreadable, empty, or not in the option's
 * format. Commands read every input file through here before they open the TPM.
 */
final class InputFiles {
    private InputFiles() {
    }

    /** Turns bytes into the value an option takes; any exception it throws means the bytes are not that value. */
    @FunctionalInterface
    interface Parser<T> {
        /** The value of {@code bytes}, or an exception saying why they are not one. */
        T parse(byte[] bytes) throws Exception;
    }

    /** The most bytes an input file may have unless its option says otherwise (every format read here is small). */
    static final int MAX_BYTES = 1 << 20;

    /**
     * The bytes of {@code file}, given with {@code option}; refused when missing, unreadable, empty or longer than
     * {@code maxBytes} (read through a bounded stream, so a device or a pipe cannot make it allocate more).
     */
    static byte[] read(String option, Path file, int maxBytes) {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
        } catch (IOException e) {
            throw new InputFileException(option, file, problem(e), e);
        }
        if (b.length == 0) {
            throw new InputFileException(option, file, "the file is empty", null);
        }
        if (b.length > maxBytes) {
            throw new InputFileException(option, file, "larger than " + maxBytes + " bytes", null);
        }
        return b;
    }

    /**
     * {@code file} read and parsed by {@code parser}. A library error about the bytes ({@link Tpm2jException}), an
     * {@link IllegalArgumentException} from a parser that still reports bad bytes that way, or a checked parse
     * exception (a certificate, DER) becomes an {@link InputFileException}; other unchecked exceptions are bugs and
     * pass through.
     */
    static <T> T parse(String option, Path file, String format, Parser<T> parser) {
        return parse(option, file, MAX_BYTES, format, parser);
    }

    /** {@link #parse(String, Path, String, Parser)} for a file of at most {@code maxBytes}. */
    static <T> T parse(String option, Path file, int maxBytes, String format, Parser<T> parser) {
        byte[] bytes = read(option, file, maxBytes);
        try {
            return parser.parse(bytes);
        } catch (Tpm2jException | IllegalArgumentException e) {
            throw new InputFileException(option, file, "not " + format + ": " + detail(e), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new InputFileException(option, file, "not " + format + ": " + detail(e), e);
        }
    }

    /** What went wrong with an I/O call, in words (the JDK's file exceptions carry only the path as message). */
    static String problem(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return detail(e);
    }

    private static String detail(Exception e) {
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "cannot be read";
    }
}
