package io.streamscope.lesson;

import java.nio.file.Path;

/**
 * A mistake in a content file (a lesson or a question): the file, the line (1-based; 0 when the problem is the
 * file as a whole) and what was expected there. The message reads {@code file:line: problem}, as compilers
 * write it, so that editors and terminals can jump to it.
 */
public final class ContentException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final int line;
    private final String problem;

    public ContentException(Path file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file, as the loader was given it. */
    public Path file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 for the file as a whole. */
    public int line() {
        return line;
    }

    /** What was wrong and what was expected, without the file and line. */
    public String problem() {
        return problem;
    }
}
