package io.streamscope.api;

/** Names a side output, such as the late-data output of a window. */
public record OutputTag<T>(String id) implements java.io.Serializable {
    public OutputTag {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an OutputTag needs a non-empty id");
        }
    }
}
