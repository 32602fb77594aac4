package io.streamscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs (java.util.prefs): the window's size and position and the last scenario
 * file opened. Tests and the screenshot command run with {@code -Dstreamscope.prefs=off} and remember nothing, so
 * they neither read nor change a user's settings.
 */
public final class AppPrefs {
    private final Preferences node;
    private double width = 1440;
    private double height = 900;
    private double x = Double.NaN;
    private double y = Double.NaN;
    private String lastScenario;

    private AppPrefs(Preferences node) {
        this.node = node;
        if (node != null) {
            width = node.getDouble("width", width);
            height = node.getDouble("height", height);
            x = node.getDouble("x", x);
            y = node.getDouble("y", y);
            lastScenario = node.get("lastScenario", null);
        }
    }

    /** The user's preferences, or an in-memory set when {@code streamscope.prefs} is {@code off}. */
    public static AppPrefs load() {
        if ("off".equals(System.getProperty("streamscope.prefs"))) {
            return new AppPrefs(null);
        }
        try {
            return new AppPrefs(Preferences.userRoot().node("io/streamscope/app"));
        } catch (RuntimeException | Error e) {
            // a read-only or broken preferences store must not stop the app from starting
            return new AppPrefs(null);
        }
    }

    public double width() {
        return Math.max(900, width);
    }

    public double height() {
        return Math.max(600, height);
    }

    public double x() {
        return x;
    }

    public double y() {
        return y;
    }

    /** The last scenario file opened, if it still exists. */
    public Path lastScenario() {
        if (lastScenario == null) {
            return null;
        }
        Path p = Path.of(lastScenario);
        return Files.isRegularFile(p) ? p : null;
    }

    public void rememberWindow(double x, double y, double width, double height) {
        this.x = x;
        this.y = y;
        this.width = width;
        this.height = height;
        if (node != null) {
            node.putDouble("x", x);
            node.putDouble("y", y);
            node.putDouble("width", width);
            node.putDouble("height", height);
        }
    }

    public void rememberScenario(Path file) {
        lastScenario = file == null ? null : file.toAbsolutePath().toString();
        if (node != null) {
            if (lastScenario == null) {
                node.remove("lastScenario");
            } else {
                node.put("lastScenario", lastScenario);
            }
        }
    }

    public void flush() {
        if (node != null) {
            try {
                node.flush();
            } catch (BackingStoreException e) {
                // remembering is a convenience; losing it is not worth an error dialog
            }
        }
    }
}
