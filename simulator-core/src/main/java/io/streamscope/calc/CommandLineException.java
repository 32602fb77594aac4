package io.streamscope.calc;

/**
 * A mistake of the caller in a command's options or input file. Command lines report it as
 * {@code error: MESSAGE} on stderr with exit code 2 and print nothing on stdout.
 */
public final class CommandLineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean aboutInput;

    /** A mistake in the options: the command line points the user at --help. */
    public CommandLineException(String message) {
        this(message, false);
    }

    private CommandLineException(String message, boolean aboutInput) {
        super(message);
        this.aboutInput = aboutInput;
    }

    /** A problem in an input file's contents, where pointing at --help would not help. */
    public static CommandLineException inInput(String message) {
        return new CommandLineException(message, true);
    }

    /** True for a problem in an input file, false for a mistake in the options. */
    public boolean aboutInput() {
        return aboutInput;
    }
}
