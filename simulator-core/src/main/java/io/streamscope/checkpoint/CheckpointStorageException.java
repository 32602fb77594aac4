package io.streamscope.checkpoint;

/** A checkpoint could not be written to or read from checkpoint storage; the message names the file and why. */
public final class CheckpointStorageException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointStorageException(String message) {
        super(message);
    }
}
