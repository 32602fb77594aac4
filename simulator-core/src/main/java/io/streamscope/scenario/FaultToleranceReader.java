package io.streamscope.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscope.checkpoint.CheckpointConfig;
import io.streamscope.failover.FailoverStrategy;
import io.streamscope.failover.Fault;
import io.streamscope.failover.RestartStrategy;
import io.streamscope.graph.ExecutionPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fault-tolerance part of a scenario: {@code checkpointing}, {@code restartStrategy},
 * {@code failoverStrategy} and the {@code faults} plan, with the same precise errors as the rest of the format.
 */
final class FaultToleranceReader {
    static final List<String> CHECKPOINTING_FIELDS = List.of("interval", "mode", "timeout", "minPause",
            "maxConcurrent", "tolerableFailures", "alignedTimeout", "retained", "stateBackend");
    static final List<String> RESTART_TYPES = List.of("none", "fixed-delay", "exponential-delay");
    static final List<String> FAULT_KINDS = List.of("fail-subtask", "kill-taskmanager", "slow-subtask",
            "fail-checkpoint-storage", "checkpoint-timeout");

    private final Doc doc;

    FaultToleranceReader(Doc doc) {
        this.doc = doc;
    }

    /** {@code "checkpointing"}: absent means off, as in Flink. */
    CheckpointConfig checkpointing(JsonNode n) throws ScenarioException {
        if (n == null) {
            return CheckpointConfig.disabled();
        }
        String p = "$.checkpointing";
        ObjectNode o = doc.object(n, p, "the checkpointing settings, such as {\"interval\": \"1s\"}");
        doc.onlyFields(o, p, "the checkpointing settings", CHECKPOINTING_FIELDS);
        long interval = doc.positiveDuration(doc.required(o, p, "interval", "how often a checkpoint is triggered,"
                + " such as \"1s\""), Doc.child(p, "interval"));
        CheckpointConfig c = CheckpointConfig.every(interval);
        if (o.has("timeout")) {
            c = c.withTimeout(doc.positiveDuration(o.get("timeout"), Doc.child(p, "timeout")));
        }
        if (o.has("minPause")) {
            c = c.withMinPause(doc.duration(o.get("minPause"), Doc.child(p, "minPause")));
        }
        if (o.has("maxConcurrent")) {
            c = c.withMaxConcurrent(doc.integer(o.get("maxConcurrent"), Doc.child(p, "maxConcurrent"),
                    "a number of concurrent checkpoints", 1, Integer.MAX_VALUE));
        }
        if (o.has("tolerableFailures")) {
            c = c.withTolerableFailures(doc.integer(o.get("tolerableFailures"), Doc.child(p, "tolerableFailures"),
                    "a number of tolerable checkpoint failures", 0, Integer.MAX_VALUE));
        }
        if (o.has("retained")) {
            c = c.withRetained(doc.integer(o.get("retained"), Doc.child(p, "retained"),
                    "a number of retained checkpoints", 1, Integer.MAX_VALUE));
        }
        if (o.has("stateBackend")) {
            String bp = Doc.child(p, "stateBackend");
            String b = doc.string(o.get("stateBackend"), bp, "a state backend");
            if (b.equals("rocksdb")) {
                c = c.withBackend(CheckpointConfig.StateBackendKind.ROCKSDB_INCREMENTAL);
            } else if (!b.equals("hashmap")) {
                throw doc.error(bp, "expected \"hashmap\" (state on the heap, full checkpoints) or \"rocksdb\""
                        + " (embedded RocksDB, incremental checkpoints), got " + Doc.quote(b));
            }
        }
        boolean unaligned = false;
        if (o.has("mode")) {
            String mp = Doc.child(p, "mode");
            String mode = doc.string(o.get("mode"), mp, "a checkpointing mode");
            if (!mode.equals("aligned") && !mode.equals("unaligned")) {
                throw doc.error(mp, "expected \"aligned\" or \"unaligned\", got " + Doc.quote(mode));
            }
            unaligned = mode.equals("unaligned");
        }
        long alignedTimeout = 0;
        if (o.has("alignedTimeout")) {
            String ap = Doc.child(p, "alignedTimeout");
            if (!unaligned) {
                throw doc.error(ap, "an aligned checkpoint timeout switches aligned checkpoints to unaligned ones, so"
                        + " it needs \"mode\": \"unaligned\" (as Flink's aligned-checkpoint-timeout needs unaligned"
                        + " checkpoints enabled)");
            }
            alignedTimeout = doc.duration(o.get("alignedTimeout"), ap);
        }
        return c.withUnaligned(unaligned, alignedTimeout);
    }

    /** {@code "restartStrategy"}: absent means Flink's default (none, or exponential-delay with checkpointing). */
    RestartStrategy restartStrategy(JsonNode n) throws ScenarioException {
        if (n == null) {
            return null;
        }
        String p = "$.restartStrategy";
        ObjectNode o = doc.object(n, p, "a restart strategy, such as {\"type\": \"fixed-delay\", \"attempts\": 3,"
                + " \"delay\": \"1s\"}");
        String tp = Doc.child(p, "type");
        String type = doc.string(doc.required(o, p, "type", "one of " + String.join(", ", RESTART_TYPES)), tp,
                "a restart strategy type");
        switch (type) {
            case "none":
                doc.onlyFields(o, p, "the none restart strategy", List.of("type"));
                return new RestartStrategy.NoRestart();
            case "fixed-delay": {
                doc.onlyFields(o, p, "the fixed-delay restart strategy", List.of("type", "attempts", "delay"));
                int attempts = o.has("attempts") ? doc.integer(o.get("attempts"), Doc.child(p, "attempts"),
                        "a number of restart attempts", 0, Integer.MAX_VALUE) : 1;
                long delay = o.has("delay") ? doc.duration(o.get("delay"), Doc.child(p, "delay")) : 1_000;
                return new RestartStrategy.FixedDelay(attempts, delay);
            }
            case "exponential-delay": {
                doc.onlyFields(o, p, "the exponential-delay restart strategy", List.of("type", "initialBackoff",
                        "maxBackoff", "backoffMultiplier", "resetBackoffThreshold", "jitterFactor", "attempts"));
                RestartStrategy.ExponentialDelay d = RestartStrategy.ExponentialDelay.defaults();
                long initial = o.has("initialBackoff")
                        ? doc.positiveDuration(o.get("initialBackoff"), Doc.child(p, "initialBackoff"))
                        : d.initialBackoffMillis();
                long max = o.has("maxBackoff") ? doc.positiveDuration(o.get("maxBackoff"), Doc.child(p, "maxBackoff"))
                        : Math.max(d.maxBackoffMillis(), initial);
                if (max < initial) {
                    throw doc.error(Doc.child(p, "maxBackoff"), "expected a max backoff of at least the initial backoff"
                            + " (" + Durations.format(initial) + "), got " + Durations.format(max));
                }
                double multiplier = o.has("backoffMultiplier") ? number(o.get("backoffMultiplier"),
                        Doc.child(p, "backoffMultiplier"), "a multiplier", 1, 1000) : d.multiplier();
                long reset = o.has("resetBackoffThreshold") ? doc.positiveDuration(o.get("resetBackoffThreshold"),
                        Doc.child(p, "resetBackoffThreshold")) : d.resetThresholdMillis();
                double jitter = o.has("jitterFactor") ? number(o.get("jitterFactor"), Doc.child(p, "jitterFactor"),
                        "a jitter factor", 0, 1) : d.jitterFactor();
                int attempts = o.has("attempts") ? doc.integer(o.get("attempts"), Doc.child(p, "attempts"),
                        "a number of restart attempts", 1, Integer.MAX_VALUE) : d.attemptsBeforeReset();
                return new RestartStrategy.ExponentialDelay(initial, max, multiplier, reset, jitter, attempts);
            }
            default: {
                String hint = Doc.suggest(type, RESTART_TYPES);
                throw doc.error(tp, "unknown restart strategy " + Doc.quote(type) + (hint == null ? ""
                        : " (did you mean " + Doc.quote(hint) + "?)") + "; expected one of "
                        + String.join(", ", RESTART_TYPES));
            }
        }
    }

    private double number(JsonNode n, String path, String what, double min, double max) throws ScenarioException {
        if (n == null || !n.isNumber()) {
            throw doc.error(path, "expected " + what + " (a number), got " + Doc.describe(n));
        }
        double v = n.doubleValue();
        if (v < min || v > max) {
            throw doc.error(path, "expected " + what + " from " + fmt(min) + " to " + fmt(max) + ", got " + n.asText());
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** {@code "failoverStrategy"}: "region" (Flink's default) or "full". */
    FailoverStrategy failoverStrategy(JsonNode n) throws ScenarioException {
        if (n == null) {
            return FailoverStrategy.REGION;
        }
        String s = doc.string(n, "$.failoverStrategy", "a failover strategy");
        if (s.equals("region")) {
            return FailoverStrategy.REGION;
        }
        if (s.equals("full")) {
            return FailoverStrategy.FULL;
        }
        throw doc.error("$.failoverStrategy", "expected \"region\" or \"full\", got " + Doc.quote(s));
    }

    /** {@code "faults"}: checked against the subtasks and TaskManagers of the built plan. */
    List<Fault> faults(JsonNode n, ExecutionPlan plan, boolean checkpointing) throws ScenarioException {
        List<Fault> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        ArrayNode a = doc.array(n, "$.faults", "the fault plan");
        List<String> subtasks = new ArrayList<>();
        for (ExecutionPlan.SubtaskRef s : plan.subtasks()) {
            subtasks.add(s.id());
        }
        for (int i = 0; i < a.size(); i++) {
            String p = Doc.index("$.faults", i);
            ObjectNode o = doc.object(a.get(i), p, "a fault, such as {\"at\": \"5s\", \"kind\": \"fail-subtask\","
                    + " \"subtask\": \"w[0]\"}");
            String kp = Doc.child(p, "kind");
            String kind = doc.string(doc.required(o, p, "kind", "one of " + String.join(", ", FAULT_KINDS)), kp,
                    "a fault kind");
            if (!FAULT_KINDS.contains(kind)) {
                String hint = Doc.suggest(kind, FAULT_KINDS);
                throw doc.error(kp, "unknown fault kind " + Doc.quote(kind) + (hint == null ? ""
                        : " (did you mean " + Doc.quote(hint) + "?)") + "; expected one of "
                        + String.join(", ", FAULT_KINDS));
            }
            long at = doc.time(doc.required(o, p, "at", "when the fault happens, such as \"5s\""), Doc.child(p, "at"));
            switch (kind) {
                case "fail-subtask":
                    doc.onlyFields(o, p, "a fail-subtask fault", List.of("at", "kind", "subtask"));
                    out.add(new Fault.FailSubtask(at, subtask(o, p, subtasks, true)));
                    break;
                case "kill-taskmanager": {
                    doc.onlyFields(o, p, "a kill-taskmanager fault", List.of("at", "kind", "taskManager",
                            "detectAfter", "downFor"));
                    String tp = Doc.child(p, "taskManager");
                    String tm = doc.text(doc.required(o, p, "taskManager", "a TaskManager such as \"tm-1\""), tp,
                            "a TaskManager");
                    List<String> tms = new ArrayList<>();
                    for (int t = 1; t <= plan.cluster().taskManagers(); t++) {
                        tms.add("tm-" + t);
                    }
                    if (!tms.contains(tm)) {
                        throw doc.error(tp, "no TaskManager " + Doc.quote(tm) + "; the cluster has " + Doc.list(tms));
                    }
                    long detect = o.has("detectAfter") ? doc.duration(o.get("detectAfter"), Doc.child(p,
                            "detectAfter")) : 0;
                    long down = o.has("downFor") ? doc.duration(o.get("downFor"), Doc.child(p, "downFor")) : 0;
                    out.add(new Fault.KillTaskManager(at, tm, detect, down));
                    break;
                }
                case "slow-subtask": {
                    doc.onlyFields(o, p, "a slow-subtask fault", List.of("at", "kind", "subtask", "cost", "for"));
                    String subtask = subtask(o, p, subtasks, true);
                    long cost = doc.positiveDuration(doc.required(o, p, "cost", "the extra processing time per record,"
                            + " such as \"20ms\""), Doc.child(p, "cost"));
                    long duration = o.has("for") ? doc.positiveDuration(o.get("for"), Doc.child(p, "for")) : -1;
                    out.add(new Fault.SlowSubtask(at, subtask, cost, duration));
                    break;
                }
                case "fail-checkpoint-storage": {
                    doc.onlyFields(o, p, "a fail-checkpoint-storage fault", List.of("at", "kind", "for"));
                    requireCheckpointing(checkpointing, kp, kind);
                    long duration = o.has("for") ? doc.positiveDuration(o.get("for"), Doc.child(p, "for")) : -1;
                    out.add(new Fault.FailCheckpointStorage(at, duration));
                    break;
                }
                default: {
                    doc.onlyFields(o, p, "a checkpoint-timeout fault", List.of("at", "kind", "subtask"));
                    requireCheckpointing(checkpointing, kp, kind);
                    out.add(new Fault.CheckpointTimeout(at, subtask(o, p, subtasks, false)));
                    break;
                }
            }
        }
        return out;
    }

    private void requireCheckpointing(boolean checkpointing, String path, String kind) throws ScenarioException {
        if (!checkpointing) {
            throw doc.error(path, "a " + kind + " fault acts on checkpoints, but checkpointing is off; add"
                    + " \"checkpointing\": {\"interval\": \"1s\"}");
        }
    }

    private String subtask(ObjectNode o, String p, List<String> subtasks, boolean required) throws ScenarioException {
        if (!o.has("subtask")) {
            if (required) {
                throw doc.error(p, "missing required field \"subtask\" (a subtask such as " + Doc.quote(subtasks.get(0))
                        + ")");
            }
            return null;
        }
        String sp = Doc.child(p, "subtask");
        String s = doc.text(o.get("subtask"), sp, "a subtask id");
        if (!subtasks.contains(s)) {
            String hint = Doc.suggest(s, subtasks);
            throw doc.error(sp, "no subtask " + Doc.quote(s) + (hint == null ? "" : " (did you mean "
                    + Doc.quote(hint) + "?)") + "; a subtask is named after the first operator of its chain, and"
                    + " the job has " + Doc.list(subtasks));
        }
        return s;
    }
}
