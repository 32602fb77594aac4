package io.streamscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of mistake: each names the file, the exact JSON path and what was expected there. */
class ScenarioErrorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "bad.json";

    /** A small valid scenario that each test breaks in one place. */
    private static final String BASE = """
            {
              "name": "base",
              "topics": [
                { "name": "events", "partitions": 2, "records": [
                  { "partition": 0, "at": 0, "timestamp": 1000, "value": { "user": "a", "page": "/", "value": 1 } },
                  { "partition": 0, "at": 5, "timestamp": 2000, "value": { "user": "b", "page": "/x", "value": 2 } },
                  { "partition": 1, "at": 0, "timestamp": 1500, "value": { "user": "a", "page": "/", "value": 3 } }
                ] }
              ],
              "job": { "operators": [
                { "id": "src", "type": "source", "topic": "events", "watermarks": { "outOfOrderness": "1s" } },
                { "id": "w", "type": "window", "input": "src", "keyBy": "user",
                  "window": { "kind": "tumbling", "size": "5s" }, "lateOutput": "late", "aggregates": ["count"] },
                { "id": "out", "type": "sink", "input": "w" },
                { "id": "lateOut", "type": "sink", "input": "w", "sideOutput": "late" }
              ] }
            }
            """;

    private static ObjectNode base() throws Exception {
        return (ObjectNode) JSON.readTree(BASE);
    }

    private static ObjectNode op(ObjectNode root, int i) {
        return (ObjectNode) root.at("/job/operators/" + i);
    }

    private static ArrayNode ops(ObjectNode root) {
        return (ArrayNode) root.at("/job/operators");
    }

    private static ObjectNode record(ObjectNode root, int i) {
        return (ObjectNode) root.at("/topics/0/records/" + i);
    }

    /** Breaks the base scenario with {@code change}, loads it and returns the error. */
    private static ScenarioException error(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = base();
        change.accept(root);
        return errorOf(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static ScenarioException errorOf(String json) {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(FILE, json));
        assertThat(e).as("loading should fail").isNotNull();
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.getMessage()).isEqualTo(FILE + ": at " + e.jsonPath() + ": " + e.problem());
        return e;
    }

    private static void assertError(ScenarioException e, String path, String... expectedTexts) {
        assertThat(e.jsonPath()).as(e.getMessage()).isEqualTo(path);
        for (String t : expectedTexts) {
            assertThat(e.problem()).as(e.getMessage()).contains(t);
        }
    }

    @Test
    void theBaseScenarioIsValid() throws Exception {
        LoadedScenario sc = ScenarioLoader.load(FILE, BASE);
        assertThat(sc.name()).isEqualTo("base");
    }

    // ---- the document as a whole

    @Test
    void malformedJsonGivesLineAndColumn() {
        ScenarioException e = errorOf("{\n  \"name\": \"x\"\n  \"topics\": []\n}");
        assertError(e, "$", "malformed JSON at line 3, column 3", "expecting comma");
    }

    @Test
    void aRepeatedFieldIsMalformed() {
        ScenarioException e = errorOf("{\"name\": \"x\",\n \"name\": \"y\"}");
        assertError(e, "$", "malformed JSON at line 2", "Duplicate field 'name'");
    }

    @Test
    void trailingContentIsMalformed() {
        assertError(errorOf("{\"name\": \"x\"} {}"), "$", "malformed JSON");
    }

    @Test
    void anEmptyFileSaysSo() {
        assertError(errorOf("  \n"), "$", "the file is empty");
    }

    @Test
    void theTopLevelMustBeAnObject() {
        assertError(errorOf("[1, 2]"), "$", "expected a scenario (a JSON object), got an array");
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(missing));
        assertThat(e.file()).isEqualTo(missing.toString());
        assertError(e, "$", "no such file");
    }

    @Test
    void errorsFromAFileNameThatFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("scenario.json");
        Files.writeString(f, BASE.replace("\"5s\"", "\"5x\""));
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.load(f));
        assertThat(e.file()).isEqualTo(f.toString());
        assertThat(e.getMessage()).startsWith(f + ": at $.job.operators[1].window.size: ");
    }

    // ---- unknown fields

    @Test
    void unknownTopLevelFieldSuggestsTheClosestAndListsTheAllowed() throws Exception {
        ScenarioException e = error(r -> r.put("nmae", "x"));
        assertError(e, "$.nmae", "unknown field \"nmae\" in a scenario (did you mean \"name\"?)",
                "allowed fields: name, description, seed, runUntil, engine, cluster, parallelism, maxParallelism,"
                        + " checkpointing, restartStrategy, failoverStrategy, faults, topics, job");
    }

    @Test
    void unknownFieldInANestedObject() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) op(r, 1).get("window")).put("sizee", "5s"));
        assertError(e, "$.job.operators[1].window.sizee", "unknown field \"sizee\" in a tumbling window",
                "did you mean \"size\"?", "allowed fields: kind, size, offset, time");
    }

    @Test
    void aFieldOfAnotherOperatorTypeIsUnknown() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("gap", "30min"));
        assertError(e, "$.job.operators[1].gap", "unknown field \"gap\" in a window operator");
    }

    @Test
    void unknownEngineField() throws Exception {
        ScenarioException e = error(r -> r.putObject("engine").put("latency", "1ms"));
        assertError(e, "$.engine.latency", "unknown field \"latency\"", "channelLatency");
    }

    // ---- types

    @Test
    void aNumberWhereAStringIsExpected() throws Exception {
        ScenarioException e = error(r -> r.put("name", 5));
        assertError(e, "$.name", "expected the scenario's name (a string), got the number 5");
    }

    @Test
    void aStringWhereANumberIsExpected() throws Exception {
        ScenarioException e = error(r -> r.put("parallelism", "2"));
        assertError(e, "$.parallelism", "expected a parallelism (a whole number), got the string \"2\"");
    }

    @Test
    void aBooleanIsTrueOrFalse() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("chaining", "no"));
        assertError(e, "$.job.operators[1].chaining", "expected true or false, got the string \"no\"");
    }

    @Test
    void aBadDurationSaysWhatADurationLooksLike() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) op(r, 1).get("window")).put("size", "5x"));
        assertError(e, "$.job.operators[1].window.size", "expected a duration such as \"5s\", \"200ms\", \"30min\" or"
                + " a number of milliseconds, got \"5x\"");
    }

    @Test
    void aFractionalNumberIsNotADuration() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) op(r, 0).get("watermarks")).put("outOfOrderness", 1.5));
        assertError(e, "$.job.operators[0].watermarks.outOfOrderness", "expected a duration", "got the number 1.5");
    }

    @Test
    void aBadTimeSaysWhatATimeLooksLike() throws Exception {
        ScenarioException e = error(r -> record(r, 0).put("timestamp", "25:00"));
        assertError(e, "$.topics[0].records[0].timestamp", "expected a time", "clock time (such as \"10:02\"",
                "got the string \"25:00\"");
    }

    // ---- required fields

    @Test
    void missingRequiredField() throws Exception {
        ScenarioException e = error(r -> op(r, 1).remove("aggregates"));
        assertError(e, "$.job.operators[1]", "missing required field \"aggregates\"", "count");
    }

    @Test
    void missingName() throws Exception {
        assertError(error(r -> r.remove("name")), "$", "missing required field \"name\"");
    }

    @Test
    void sourcesNeedAWatermarkStrategy() throws Exception {
        ScenarioException e = error(r -> op(r, 0).remove("watermarks"));
        assertError(e, "$.job.operators[0]", "missing required field \"watermarks\"", "\"none\"");
    }

    @Test
    void aRecordNeedsATimestamp() throws Exception {
        ScenarioException e = error(r -> record(r, 1).remove("timestamp"));
        assertError(e, "$.topics[0].records[1]", "missing required field \"timestamp\"");
    }

    // ---- operators and references

    @Test
    void unknownOperatorType() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("type", "windw"));
        assertError(e, "$.job.operators[1].type", "unknown operator type \"windw\" (did you mean \"window\"?)",
                "expected one of source, timestamps, filter, map, window, sessionize, countPerKey, union, intervalJoin, sink");
    }

    @Test
    void unknownInput() throws Exception {
        ScenarioException e = error(r -> op(r, 2).put("input", "ww"));
        assertError(e, "$.job.operators[2].input", "unknown input \"ww\" (did you mean \"w\"?)",
                "operators declared before this one: src, w");
    }

    @Test
    void anInputMustBeDeclaredEarlier() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("input", "out"));
        assertError(e, "$.job.operators[1].input", "operator \"out\" is declared later, at $.job.operators[2]",
                "must be declared earlier");
    }

    @Test
    void aCycleIsAnInputDeclaredLater() throws Exception {
        // src -> w -> f -> w: w's input f comes after it
        ScenarioException e = error(r -> {
            ObjectNode f = ops(r).insertObject(2);
            f.put("id", "f").put("type", "filter").put("input", "w").put("field", "count").put("op", ">")
                    .put("value", 0);
            op(r, 1).put("input", "f");
        });
        assertError(e, "$.job.operators[1].input", "operator \"f\" is declared later");
    }

    @Test
    void anOperatorCannotReadItself() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("input", "w"));
        assertError(e, "$.job.operators[1].input", "cannot read its own output");
    }

    @Test
    void duplicateOperatorIds() throws Exception {
        ScenarioException e = error(r -> op(r, 3).put("id", "out"));
        assertError(e, "$.job.operators[3].id", "duplicate operator id \"out\"", "$.job.operators[2]");
    }

    @Test
    void duplicateTopicNames() throws Exception {
        ScenarioException e = error(r -> ((ArrayNode) r.get("topics")).addObject().put("name", "events"));
        assertError(e, "$.topics[1].name", "duplicate topic name \"events\"", "$.topics[0]");
    }

    @Test
    void idsAvoidTheCharactersOfSubtaskNames() throws Exception {
        ScenarioException e = error(r -> op(r, 2).put("id", "out[0]"));
        assertError(e, "$.job.operators[2].id", "expected an operator id made of letters, digits",
                "got \"out[0]\"");
    }

    @Test
    void unknownTopic() throws Exception {
        ScenarioException e = error(r -> op(r, 0).put("topic", "event"));
        assertError(e, "$.job.operators[0].topic", "unknown topic \"event\" (did you mean \"events\"?)",
                "declared topics: events");
    }

    @Test
    void aSinkHasNoOutput() throws Exception {
        ScenarioException e = error(r -> op(r, 3).put("input", "out").remove("sideOutput"));
        assertError(e, "$.job.operators[3].input", "\"out\" is a sink: it has no output to read");
    }

    @Test
    void severalInputsAreNotModelled() throws Exception {
        ScenarioException e = error(r -> op(r, 2).putArray("input").add("w").add("src"));
        assertError(e, "$.job.operators[2].input", "got an array", "union, connect");
    }

    @Test
    void aSourceHasNoInput() throws Exception {
        ScenarioException e = error(r -> op(r, 0).put("input", "w"));
        assertError(e, "$.job.operators[0].input", "a source has no input");
    }

    @Test
    void keyedOperatorsNeedKeyBy() throws Exception {
        ScenarioException e = error(r -> op(r, 1).remove("keyBy"));
        assertError(e, "$.job.operators[1]", "missing required field \"keyBy\"", "works per key");
    }

    @Test
    void keyedOperatorsTakeNoPartitioning() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("partitioning", "rebalance"));
        assertError(e, "$.job.operators[1].partitioning", "always by key");
    }

    @Test
    void keyByAndPartitioningExcludeEachOther() throws Exception {
        ScenarioException e = error(r -> op(r, 2).put("keyBy", "user").put("partitioning", "broadcast"));
        assertError(e, "$.job.operators[2].partitioning", "either \"keyBy\" or \"partitioning\"");
    }

    @Test
    void unknownPartitioning() throws Exception {
        ScenarioException e = error(r -> op(r, 2).put("partitioning", "hash"));
        assertError(e, "$.job.operators[2].partitioning", "expected one of forward, rebalance, broadcast",
                "\"keyBy\"", "got \"hash\"");
    }

    @Test
    void keyByAFieldTheRowsDoNotHave() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("keyBy", "usr"));
        assertError(e, "$.job.operators[1].keyBy", "no field \"usr\" in the rows reaching this operator (did you mean \"user\"?)",
                "every row there has: user, page, value, timestamp");
    }

    @Test
    void onlyFieldsEveryRowHasCanBeUsed() throws Exception {
        // a scalar value becomes {timestamp, value}: no "user", so keyBy user would fail on that row at run time
        ScenarioException e = error(r -> record(r, 1).put("value", 2));
        assertError(e, "$.job.operators[1].keyBy", "no field \"user\"", "every row there has: value, timestamp");
    }

    @Test
    void fieldsAfterAWindowAreItsResultFields() throws Exception {
        ScenarioException e = error(r -> op(r, 2).put("keyBy", "page"));
        assertError(e, "$.job.operators[2].keyBy", "no field \"page\"", "every row there has: user, start, end,"
                + " count");
    }

    @Test
    void unsupportedAggregate() throws Exception {
        ScenarioException e = error(r -> ((ArrayNode) op(r, 1).get("aggregates")).add("avg(value)"));
        assertError(e, "$.job.operators[1].aggregates[1]", "'avg(value)' is not an aggregate",
                "count, sum(field), min(field), max(field) or distinctCount(field)");
    }

    @Test
    void aggregateNeedsAField() throws Exception {
        ScenarioException e = error(r -> ((ArrayNode) op(r, 1).get("aggregates")).add("sum"));
        assertError(e, "$.job.operators[1].aggregates[1]", "sum needs a field");
    }

    @Test
    void aggregateOfAMissingField() throws Exception {
        ScenarioException e = error(r -> ((ArrayNode) op(r, 1).get("aggregates")).add("sum(vale)"));
        assertError(e, "$.job.operators[1].aggregates[1]", "no field \"vale\" in the rows reaching this operator (did you mean \"value\"?)");
    }

    @Test
    void twoAggregatesWithOneName() throws Exception {
        ScenarioException e = error(r -> ((ArrayNode) op(r, 1).get("aggregates")).add("sum(value) as count"));
        assertError(e, "$.job.operators[1].aggregates[1]", "the result field \"count\" is already taken");
    }

    @Test
    void sideOutputTheWindowDoesNotDeclare() throws Exception {
        ScenarioException e = error(r -> op(r, 3).put("sideOutput", "lat"));
        assertError(e, "$.job.operators[3].sideOutput", "operator \"w\" has no side output \"lat\"",
                "it declares: late");
    }

    @Test
    void sideOutputOfAnOperatorWithout() throws Exception {
        ScenarioException e = error(r -> op(r, 3).put("input", "src"));
        assertError(e, "$.job.operators[3].sideOutput", "\"src\" (a source operator) declares no side outputs");
    }

    @Test
    void lateOutputNeedsEventTime() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) op(r, 1).get("window")).put("time", "processing"));
        assertError(e, "$.job.operators[1].lateOutput", "event-time windows only");
    }

    @Test
    void windowOffsetMustBeSmallerThanTheSize() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) op(r, 1).get("window")).put("offset", "5s"));
        assertError(e, "$.job.operators[1].window.offset", "smaller than the size (5s)");
    }

    @Test
    void unknownWindowKind() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) op(r, 1).get("window")).put("kind", "hopping"));
        assertError(e, "$.job.operators[1].window.kind", "expected tumbling, sliding or session, got \"hopping\"");
    }

    @Test
    void unknownWatermarkEmission() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) op(r, 0).get("watermarks")).put("emit", "sometimes"));
        assertError(e, "$.job.operators[0].watermarks.emit", "expected \"periodic\" or \"per-event\"");
    }

    @Test
    void filterComparisons() throws Exception {
        ScenarioException e = error(r -> ops(r).insertObject(1).put("id", "f").put("type", "filter")
                .put("input", "src").put("field", "value").put("op", "=").put("value", 1));
        assertError(e, "$.job.operators[1].op", "expected one of == != > >= < <=, got \"=\"");
    }

    @Test
    void aMapNeedsSomethingToDo() throws Exception {
        ScenarioException e = error(r -> ops(r).insertObject(1).put("id", "m").put("type", "map")
                .put("input", "src"));
        assertError(e, "$.job.operators[1]", "a map needs \"select\"");
    }

    // ---- records

    @Test
    void decreasingAt() throws Exception {
        ScenarioException e = error(r -> {
            record(r, 0).put("at", 10);
            record(r, 1).put("at", "5ms");
        });
        assertError(e, "$.topics[0].records[1].at", "records of partition 0 must be in processing-time order",
                "\"at\" is 5 ms", "($.topics[0].records[0]) is at 10 ms");
    }

    @Test
    void partitionOutOfRange() throws Exception {
        ScenarioException e = error(r -> record(r, 2).put("partition", 2));
        assertError(e, "$.topics[0].records[2].partition", "expected a partition index from 0 to 1",
                "has 2 partitions", "got 2");
    }

    @Test
    void partitionIsRequiredWhenThereAreSeveral() throws Exception {
        ScenarioException e = error(r -> record(r, 2).remove("partition"));
        assertError(e, "$.topics[0].records[2]", "missing required field \"partition\"");
    }

    @Test
    void rowsAreFlat() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) record(r, 0).get("value")).putObject("geo").put("lat", 1));
        assertError(e, "$.topics[0].records[0].value.geo", "nested objects and arrays are not supported");
    }

    @Test
    void aTopicHasRecordsOrAGenerator() throws Exception {
        ScenarioException e = error(r -> ((ObjectNode) r.at("/topics/0")).putObject("generator"));
        assertError(e, "$.topics[0]", "either \"records\" or a \"generator\"");
    }

    @Test
    void anUnboundedGeneratorNeedsAnInterval() throws Exception {
        ScenarioException e = error(r -> {
            ObjectNode t = (ObjectNode) r.at("/topics/0");
            t.remove("records");
            t.putObject("generator").put("interval", 0).putArray("keys").add("a");
        });
        assertError(e, "$.topics[0].generator.interval", "an unbounded generator needs an interval of at least 1ms");
    }

    @Test
    void boundedMustAgreeWithTheGenerator() throws Exception {
        ScenarioException e = error(r -> {
            ObjectNode t = (ObjectNode) r.at("/topics/0");
            t.remove("records");
            t.put("bounded", true);
            t.putObject("generator").put("interval", "1ms").putArray("keys").add("a");
        });
        assertError(e, "$.topics[0].bounded", "bounded exactly when its generator has a \"count\"");
    }

    // ---- parallelism, partitioning, slots

    @Test
    void parallelismBelowOne() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("parallelism", 0));
        assertError(e, "$.job.operators[1].parallelism", "expected a parallelism of at least 1, got 0");
    }

    @Test
    void parallelismAboveMaxParallelism() throws Exception {
        ScenarioException e = error(r -> op(r, 1).put("parallelism", 4).put("maxParallelism", 2));
        assertError(e, "$.job.operators[1].parallelism", "cannot exceed the max parallelism (2)");
    }

    @Test
    void forwardNeedsEqualParallelism() throws Exception {
        ScenarioException e = error(r -> op(r, 2).put("partitioning", "forward").put("parallelism", 2));
        assertError(e, "$.job.operators[2].partitioning", "\"w\" has 1 and \"out\" has 2", "use rebalance");
    }

    @Test
    void notEnoughSlots() throws Exception {
        ScenarioException e = error(r -> {
            op(r, 1).put("parallelism", 8);
            r.putObject("cluster").put("taskManagers", 2).put("slotsPerTaskManager", 2);
        });
        assertError(e, "$.job.operators[1].parallelism", "the job needs 8 slots", "operator \"w\" has parallelism 8",
                "2 TaskManager(s) x 2 slot(s) = 4");
    }

    @Test
    void notEnoughSlotsForTheJobDefault() throws Exception {
        ScenarioException e = error(r -> r.put("parallelism", 5));
        assertError(e, "$.parallelism", "the job needs 5 slots");
    }

    @Test
    void engineSettingsAreChecked() throws Exception {
        ScenarioException e = error(r -> r.putObject("engine").put("inputBuffers", 0));
        assertError(e, "$.engine.inputBuffers", "expected a number of buffers of at least 1, got 0");
        e = error(r -> r.putObject("engine").put("autoWatermarkInterval", "0ms"));
        assertError(e, "$.engine.autoWatermarkInterval", "at least 1ms");
    }

    @Test
    void generatedTopicsHaveOneSource() throws Exception {
        ScenarioException e = error(r -> {
            ObjectNode t = (ObjectNode) r.at("/topics/0");
            t.remove("records");
            t.putObject("generator").put("count", 3).put("interval", "1ms").putArray("keys").add("a");
            ObjectNode second = ops(r).insertObject(1);
            second.put("id", "src2").put("type", "source").put("topic", "events").put("watermarks", "none");
        });
        assertError(e, "$.job.operators[1].topic", "already read by source \"src\"");
    }
}
