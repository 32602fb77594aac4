package io.streamscope.cli;

import io.streamscope.calc.CommandLineException;

/**
 * A mistake of the caller (an unknown option, a bad value, a malformed input file): reported as
 * {@code error: <message>} on stderr with exit code 2, without a stack trace.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean aboutInput;

    public UsageException(String message) {
        this(message, false);
    }

    private UsageException(String message, boolean aboutInput) {
        super(message);
        this.aboutInput = aboutInput;
    }

    /** A problem in an input file's contents, where pointing at --help would not help. */
    static UsageException inInput(String message) {
        return new UsageException(message, true);
    }

    /** The same mistake reported by code of the engine core (the shared option and input parsing). */
    static UsageException from(CommandLineException e) {
        return new UsageException(e.getMessage(), e.aboutInput());
    }

    boolean aboutInput() {
        return aboutInput;
    }
}
