package io.streamscope.flink;

/** A part of a job the bridge cannot run on Flink; names the operator, never skipped silently. */
public final class UntranslatableException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String operator;

    public UntranslatableException(String operator, String problem) {
        super("operator '" + operator + "': " + problem);
        this.operator = operator;
    }

    /** The operator that cannot be translated. */
    public String operator() {
        return operator;
    }
}
