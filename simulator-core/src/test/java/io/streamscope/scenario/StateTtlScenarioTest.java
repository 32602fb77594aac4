package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscope.data.Row;
import io.streamscope.sim.Simulation;
import io.streamscope.trace.TraceEvent;
import io.streamscope.trace.TraceJson;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The countPerKey step and its "stateTtl" block: what a run emits, and one test per mistake. */
class StateTtlScenarioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "ttl.json";

    // a at 0 ms, a at 4000 ms (expires 14001), b at 13000 ms, a at 14001 ms (event time only 1 s later)
    private static final String BASE = """
            {
              "name": "ttl",
              "runUntil": "20s",
              "topics": [ { "name": "clicks", "bounded": false, "records": [
                  { "at": 0, "timestamp": 1000, "value": { "user": "a" } },
                  { "at": 4000, "timestamp": 2000, "value": { "user": "a" } },
                  { "at": 13000, "timestamp": 2500, "value": { "user": "b" } },
                  { "at": 14000, "timestamp": 3000, "value": { "user": "a" } }
              ] } ],
              "job": { "operators": [
                { "id": "clicks", "type": "source", "topic": "clicks", "watermarks": "none" },
                { "id": "counts", "type": "countPerKey", "input": "clicks", "keyBy": "user",
                  "stateTtl": { "ttl": "10s" } },
                { "id": "out", "type": "sink", "input": "counts" }
              ] }
            }
            """;

    private static ObjectNode base() throws Exception {
        return (ObjectNode) JSON.readTree(BASE);
    }

    private static ObjectNode ttl(ObjectNode root) {
        return (ObjectNode) root.at("/job/operators/1/stateTtl");
    }

    private static Simulation run(ObjectNode root) throws Exception {
        LoadedScenario sc = ScenarioLoader.load(FILE, JSON.writeValueAsString(root));
        Simulation sim = sc.start(null, true);
        sc.run(sim);
        return sim;
    }

    private static List<String> counts(Simulation sim) {
        return sim.sink("out").values().stream().map(o -> ((Row) o).get("user") + "=" + ((Row) o).get("count"))
                .toList();
    }

    @Test
    void aCountExpiresTenSecondsOfProcessingTimeAfterItsLastWrite() throws Exception {
        // the channel adds 1 ms: a's last write is at 4001, so it expires at 14001, when a's third click arrives
        Simulation sim = run(base());
        assertThat(counts(sim)).containsExactly("a=1", "a=2", "b=1", "a=1");
        assertThat(sim.trace()).filteredOn(e -> e instanceof TraceEvent.StateExpired)
                .extracting(e -> {
                    TraceEvent.StateExpired x = (TraceEvent.StateExpired) e;
                    return x.key() + " " + x.lastAccess() + "->" + x.expiredAt() + " " + x.cleanup() + " @" + x.time();
                })
                // b's accesses at 13001 check a (expires 14001: not yet), each run reaching the last key; a's own
                // access at 14001 starts a new pass of the default cleanup, which removes a before the read
                .containsExactly("\"a\" 4001->14001 incremental @14001");
    }

    @Test
    void withoutStateTtlTheCountNeverRestarts() throws Exception {
        ObjectNode root = base();
        ((ObjectNode) root.at("/job/operators/1")).remove("stateTtl");
        assertThat(counts(run(root))).containsExactly("a=1", "a=2", "b=1", "a=3");
    }

    @Test
    void aLongerTtlKeepsTheCount() throws Exception {
        ObjectNode root = base();
        ttl(root).put("ttl", "10001ms"); // a expires at 14002, one ms after its third click
        assertThat(counts(run(root))).containsExactly("a=1", "a=2", "b=1", "a=3");
    }

    @Test
    void stateRestoredAfterAFailureKeepsItsLastAccessTime() throws Exception {
        // checkpoint at 5000 holds a's count 2 written at 4001; counts[0] fails at 6000 and restarts from it.
        // Kept timestamps: a still expires at 14001 and its click at 14001 counts 1. A timestamp reset to the
        // restore time (after 6000) would expire after 16000 and count 3.
        ObjectNode root = base();
        root.putObject("checkpointing").put("interval", "5s");
        root.putObject("restartStrategy").put("type", "fixed-delay").put("delay", "100ms");
        root.putArray("faults").addObject().put("at", "6s").put("kind", "fail-subtask").put("subtask", "counts[0]");
        Simulation sim = run(root);
        assertThat(sim.trace()).anyMatch(e -> e instanceof TraceEvent.SubtaskRestored);
        assertThat(counts(sim)).containsExactly("a=1", "a=2", "b=1", "a=1");
        assertThat(sim.trace()).filteredOn(e -> e instanceof TraceEvent.StateExpired)
                .extracting(e -> ((TraceEvent.StateExpired) e).lastAccess()).containsExactly(4001L);
    }

    @Test
    void theSameScenarioGivesTheSameTrace() throws Exception {
        ObjectNode root = base();
        ttl(root).put("cleanupFullSnapshot", true);
        String a = TraceJson.write(run(root).trace());
        String b = TraceJson.write(run(root).trace());
        assertThat(a).isEqualTo(b).contains("StateExpired");
    }

    private static ScenarioException error(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = base();
        change.accept(root);
        String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(FILE, json));
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.getMessage()).startsWith(FILE + ": at ");
        return e;
    }

    @Test
    void badShapesInsideTheTtlBlockNameTheirPath() throws Exception {
        String p = "$.job.operators[1].stateTtl";
        ScenarioException e = error(r -> ((ObjectNode) r.at("/job/operators/1")).put("stateTtl", "10s"));
        assertThat(e.jsonPath()).isEqualTo(p);
        assertThat(e.problem()).contains("{\"ttl\": \"10s\"}");
        e = error(r -> ttl(r).put("cleanupInBackground", "off"));
        assertThat(e.jsonPath()).isEqualTo(p + ".cleanupInBackground");
        e = error(r -> ttl(r).put("cleanupIncrementally", 5));
        assertThat(e.jsonPath()).isEqualTo(p + ".cleanupIncrementally");
        assertThat(e.problem()).contains("cleanupSize");
        e = error(r -> ttl(r).putObject("cleanupIncrementally").put("runCleanupForEveryRecord", true));
        assertThat(e.jsonPath()).isEqualTo(p + ".cleanupIncrementally");
        assertThat(e.problem()).contains("\"cleanupSize\"");
        e = error(r -> ttl(r).putObject("cleanupIncrementally").put("cleanupSize", 5)
                .put("runCleanupForEveryRecord", "yes"));
        assertThat(e.jsonPath()).isEqualTo(p + ".cleanupIncrementally.runCleanupForEveryRecord");
        e = error(r -> ttl(r).putObject("cleanupIncrementally").put("cleanupSize", 5).put("everyRecord", true));
        assertThat(e.jsonPath()).isEqualTo(p + ".cleanupIncrementally.everyRecord");
        e = error(r -> ((ObjectNode) r.at("/job/operators/0")).putObject("stateTtl").put("ttl", "10s"));
        assertThat(e.jsonPath()).isEqualTo("$.job.operators[0].stateTtl"); // only countPerKey takes a TTL
    }

    @Test
    void badTtlBlocksNameTheirPath() throws Exception {
        String p = "$.job.operators[1].stateTtl";
        ScenarioException e = error(r -> ttl(r).put("ttl", "0s"));
        assertThat(e.jsonPath()).isEqualTo(p + ".ttl");
        e = error(r -> ttl(r).remove("ttl"));
        assertThat(e.jsonPath()).isEqualTo(p);
        assertThat(e.problem()).contains("\"ttl\"");
        e = error(r -> ttl(r).put("updateType", "OnRead"));
        assertThat(e.jsonPath()).isEqualTo(p + ".updateType");
        assertThat(e.problem()).contains("expected one of OnCreateAndWrite, OnReadAndWrite");
        e = error(r -> ttl(r).put("stateVisibility", "Never"));
        assertThat(e.problem()).contains("NeverReturnExpired, ReturnExpiredIfNotCleanedUp");
        e = error(r -> ttl(r).putObject("cleanupIncrementally").put("cleanupSize", 0));
        assertThat(e.jsonPath()).isEqualTo(p + ".cleanupIncrementally.cleanupSize");
        e = error(r -> ttl(r).put("tll", "1s"));
        assertThat(e.jsonPath()).isEqualTo(p + ".tll");
        e = error(r -> ttl(r).put("cleanupFullSnapshot", "yes"));
        assertThat(e.jsonPath()).isEqualTo(p + ".cleanupFullSnapshot");
        e = error(r -> ((ObjectNode) r.at("/job/operators/1")).remove("keyBy"));
        assertThat(e.problem()).contains("keyBy");
    }
}
