package io.streamscope.app;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the content folders ({@code question-bank/}, {@code lessons/}) of the checkout: under STREAMSCOPE_HOME
 * (set by the launcher), in the working directory or its parent (tests run in the module folder), else next to
 * the code's own location.
 */
public final class ContentDirs {
    private ContentDirs() {
    }

    /** The folder {@code name} of the checkout, or null when none is found. */
    public static Path find(String name) {
        String home = System.getenv("STREAMSCOPE_HOME");
        if (home != null && Files.isDirectory(Path.of(home, name))) {
            return Path.of(home, name);
        }
        for (Path p : new Path[] {Path.of(name), Path.of("..", name)}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        try {
            Path code = Path.of(ContentDirs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve(name)) && Files.isDirectory(p.resolve("simulator-core"))) {
                    return p.resolve(name);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // an unusual class loader without a code source: the folder is simply not found
        }
        return null;
    }
}
