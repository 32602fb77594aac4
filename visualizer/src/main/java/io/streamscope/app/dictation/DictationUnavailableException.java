package io.streamscope.app.dictation;

/** Dictation cannot start (no microphone, access refused, an unreadable audio file); the message is for the user. */
public final class DictationUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public DictationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
