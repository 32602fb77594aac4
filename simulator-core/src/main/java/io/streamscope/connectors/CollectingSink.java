package io.streamscope.connectors;

/** A sink that keeps everything it receives; its contents are the output tables the views show. */
public record CollectingSink(String name) {
    public CollectingSink {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a sink needs a name");
        }
    }
}
