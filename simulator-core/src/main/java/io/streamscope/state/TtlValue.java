package io.streamscope.state;

import java.io.Serializable;

/**
 * A state value with the processing time it was last accessed at (Flink's TtlValue): what TTL state stores and
 * checkpoints in place of the bare value, so a restored value keeps its age.
 */
public record TtlValue(Object value, long lastAccess) implements Serializable {
}
