package io.streamscope.flink;

import java.util.List;

/**
 * How a scenario's results on our engine and on Flink compare, sink by sink. Empty {@link #sinks()} means the
 * engines agree exactly; {@link #notes()} says where agreement is not expected by design (such as periodic
 * watermarks, which Flink emits on its wall clock).
 */
public record DiffReport(String scenario, List<SinkDiff> sinks, List<String> notes, int sinksCompared,
                         int recordsCompared) {

    public DiffReport {
        sinks = List.copyOf(sinks);
        notes = List.copyOf(notes);
    }

    /** The differences of one sink, compared as {@code comparison} says. */
    public record SinkDiff(String sink, String comparison, List<GroupDiff> groups) {
        public SinkDiff {
            groups = List.copyOf(groups);
        }
    }

    /**
     * One group of a sink whose records differ: a key (or the whole stream), the index of the first difference,
     * and the records of each engine.
     */
    public record GroupDiff(String group, int firstDifference, List<SinkRecord> ours, List<SinkRecord> flink) {
        public GroupDiff {
            ours = List.copyOf(ours);
            flink = List.copyOf(flink);
        }
    }

    /** True when every sink received the same records on both engines. */
    public boolean agrees() {
        return sinks.isEmpty();
    }

    /** A readable report; a single line when the engines agree. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("scenario \"").append(scenario).append("\": ");
        if (agrees()) {
            sb.append("the engines agree (").append(sinksCompared).append(" sinks, ").append(recordsCompared)
                    .append(" records)\n");
        } else {
            int n = 0;
            for (SinkDiff s : sinks) {
                n += s.groups().size();
            }
            sb.append(n).append(n == 1 ? " difference" : " differences").append('\n');
        }
        for (String note : notes) {
            sb.append("  note: ").append(note).append('\n');
        }
        for (SinkDiff s : sinks) {
            sb.append("  sink ").append(s.sink()).append(" (").append(s.comparison()).append("):\n");
            for (GroupDiff g : s.groups()) {
                sb.append("    ").append(g.group()).append(": first difference at #").append(g.firstDifference())
                        .append('\n');
                sb.append("      ours  (").append(g.ours().size()).append("): ").append(g.ours()).append('\n');
                sb.append("      flink (").append(g.flink().size()).append("): ").append(g.flink()).append('\n');
            }
        }
        return sb.toString();
    }
}
