package dev.tpm2j.transport;

import java.io.IOException;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds JNA for the TBS transport on the class path or the module path. tpm2-transport declares
 * {@code requires static com.sun.jna}, so JNA stays optional: on the class path it is read through the unnamed module
 * (this module is given that read edge at run time); on the module path it must be resolved, which a module that
 * {@code requires com.sun.jna} (the tpm2j CLI) or {@code --add-modules com.sun.jna} does. When JNA sits on the module
 * path unresolved, the error says exactly that.
 */
final class JnaAccess {
    static final String MODULE = "com.sun.jna";

    private JnaAccess() {
    }

    /** Makes JNA usable from this module, or explains precisely why it is not. */
    static void require() throws IOException {
        Class<?> nativeClass;
        try {
            nativeClass = Class.forName("com.sun.jna.Native", false, JnaAccess.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            if (onModulePathUnresolved()) {
                throw new IOException("JNA (module " + MODULE + ") is on the module path but not resolved: add "
                        + "--add-modules " + MODULE + " (or require it from your module)", e);
            }
            throw new IOException("the tbs transport needs JNA (net.java.dev.jna:jna) on the class path or the "
                    + "module path", e);
        }
        Module self = JnaAccess.class.getModule();
        Module jna = nativeClass.getModule();
        if (self.isNamed() && !self.canRead(jna)) {
            self.addReads(jna);
        }
    }

    /** Whether a {@code com.sun.jna} module is on {@code --module-path} without having been resolved. */
    static boolean onModulePathUnresolved() {
        if (ModuleLayer.boot().findModule(MODULE).isPresent()) {
            return false;
        }
        String mp = System.getProperty("jdk.module.path");
        if (mp == null || mp.isBlank()) {
            return false;
        }
        Path[] entries = Arrays.stream(mp.split(java.io.File.pathSeparator)).filter(s -> !s.isBlank())
                .map(Path::of).toArray(Path[]::new);
        try {
            return ModuleFinder.of(entries).find(MODULE).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
