package io.streamscope.flink;

import io.streamscope.data.Row;
import io.streamscope.graph.JobGraph;
import io.streamscope.graph.JobVertex;
import io.streamscope.graph.OperatorSpec;
import io.streamscope.time.WatermarkStrategy;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs translated scenarios on a Flink cluster: the embedded MiniCluster (one per JVM, started on first use and
 * reused by every job) or a remote cluster's REST endpoint given as HOST:PORT. Both are reached the same way,
 * through a remote environment, so the embedded path also exercises the remote one. Several scenarios can share
 * one Flink job; each keeps its own operators, and their sinks come back through one collect stream.
 */
public final class FlinkRunner {
    /** Slots of the embedded TaskManager: a job needs as many as its widest operator (slot sharing). */
    public static final int EMBEDDED_SLOTS = 32;

    private static MiniCluster embedded;
    private static URI embeddedAddress;

    private final String host;
    private final int port;
    private final boolean remote;

    private FlinkRunner(String host, int port, boolean remote) {
        this.host = host;
        this.port = port;
        this.remote = remote;
    }

    /** The runner for the embedded MiniCluster, started now if it is not running yet. */
    public static synchronized FlinkRunner embedded() {
        if (embedded == null) {
            Configuration conf = new Configuration();
            conf.set(RestOptions.BIND_ADDRESS, "localhost");
            conf.set(RestOptions.ADDRESS, "localhost");
            conf.set(RestOptions.BIND_PORT, "0");
            // batched jobs have many channels; the default network memory (64 MiB) runs out of buffers
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.parse("256m"));
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.parse("256m"));
            MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(EMBEDDED_SLOTS)
                    .build());
            try {
                cluster.start();
                embeddedAddress = cluster.getRestAddress().get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the embedded Flink MiniCluster: " + e, e);
            }
            embedded = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(FlinkRunner::closeEmbedded, "flink-minicluster-close"));
        }
        return new FlinkRunner(embeddedAddress.getHost(), embeddedAddress.getPort(), false);
    }

    /** The cluster's REST endpoint as HOST:PORT (for the embedded MiniCluster, a free port chosen at start). */
    public String address() {
        return host + ":" + port;
    }

    /** Stops the embedded MiniCluster (a later {@link #embedded()} starts a new one). */
    public static synchronized void closeEmbedded() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                // closing at shutdown: nothing left to do with the error
            }
            embedded = null;
        }
    }

    /** A runner for a remote cluster's REST endpoint, HOST:PORT (such as localhost:8081). */
    public static FlinkRunner remote(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostAndPort.length() - 1) {
            throw new IllegalArgumentException("expected a Flink cluster as HOST:PORT (its REST endpoint, such as"
                    + " localhost:8081), got '" + hostAndPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of '" + hostAndPort + "' is not a number");
        }
        return new FlinkRunner(hostAndPort.substring(0, colon), port, true);
    }

    /**
     * Flink's figures of a job whose sinks only counted.
     *
     * @param runtimeMillis Flink's own measure of the job's run time (JobExecutionResult's net runtime: from
     *     the job's start on the cluster to its end, without submitting it)
     * @param sinkCounts per sink (by the name of its CollectingSink), the records it received
     */
    public record Measured(long runtimeMillis, Map<String, Long> sinkCounts) {
    }

    /**
     * Runs the scenarios as one Flink job and returns, per scenario (in the order given), what each of its sinks
     * received, by sink name. Sinks are grouped as they came out of their producing subtasks, so the order of one
     * subtask's output is kept.
     */
    public List<Map<String, List<SinkRecord>>> run(List<EngineRun> runs, String jobName) {
        List<Map<String, List<SinkRecord>>> results = new ArrayList<>();
        for (EngineRun r : runs) {
            Map<String, List<SinkRecord>> sinks = new LinkedHashMap<>();
            for (JobVertex v : r.graph().vertices()) {
                if (v.spec() instanceof OperatorSpec.Sink) {
                    sinks.put(v.name(), new ArrayList<>());
                }
            }
            results.add(sinks);
        }
        collect(runs, jobName, r -> {
            int job = (int) r.getLong("job");
            results.get(job).get((String) r.get("sink")).add(new SinkRecord(r.get("row"), (Long) r.get("ts")));
        });
        return results;
    }

    /**
     * Runs one scenario as a Flink job and returns every record its sinks received, with the subtask that emitted
     * it, the watermark that subtask had passed on by then and the order in which it emitted it (see {@link
     * Emission}), in arrival order.
     */
    public List<Emission> runEmissions(EngineRun run, String jobName) {
        List<Emission> out = new ArrayList<>();
        collect(List.of(run), jobName, r -> out.add(new Emission((String) r.get("sink"), r.get("row"),
                (Long) r.get("ts"), (int) r.getLong("subtask"), r.getLong("wm"), r.getLong("seq"))));
        return out;
    }

    /**
     * Runs a job graph on Flink, each source reading the LogSource {@code sources} gives for it, with sinks that
     * only count; for measuring. {@code autoWatermarkInterval} is used when a watermark strategy is periodic.
     */
    public Measured measure(JobGraph graph, Function<JobVertex, LogSource> sources, long autoWatermarkInterval,
                            String jobName) {
        checkSlots(graph);
        StreamExecutionEnvironment env = environment(usesWallClock(graph) ? autoWatermarkInterval : 0);
        JobTranslator.translate(env, graph, sources, 0, "", false);
        JobExecutionResult result;
        try {
            result = env.execute(jobName);
        } catch (Exception e) {
            throw new IllegalStateException("the Flink job '" + jobName + "' failed: " + rootMessage(e), e);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobVertex v : graph.vertices()) {
            if (v.spec() instanceof OperatorSpec.Sink sink) {
                // the accumulator has the vertex's name, which is unique; the sink's own name need not be
                Long n = result.getAccumulatorResult(v.name());
                counts.put(sink.sink().name(), n == null ? 0L : n);
            }
        }
        return new Measured(result.getNetRuntime(), counts);
    }

    /** Runs the scenarios as one Flink job, handing each tagged sink record (see Functions.SinkTag) to {@code each}. */
    @SuppressWarnings({"unchecked", "rawtypes", "try"})
    private void collect(List<EngineRun> runs, String jobName, Consumer<Row> each) {
        for (EngineRun r : runs) {
            checkSlots(r.graph());
        }
        StreamExecutionEnvironment env = environment(autoWatermarkInterval(runs));
        List<DataStream<Row>> tagged = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            tagged.addAll(JobTranslator.translate(env, runs.get(i), i, runs.size() == 1 ? "" : "s" + i + "/"));
        }
        if (tagged.isEmpty()) {
            return;
        }
        DataStream<Row> all = tagged.get(0);
        if (tagged.size() > 1) {
            DataStream<Row>[] rest = tagged.subList(1, tagged.size()).toArray(new DataStream[0]);
            all = all.union(rest);
        }
        try (CloseableIterator<Row> it = all.collectAsync()) {
            env.executeAsync(jobName);
            while (it.hasNext()) {
                each.accept(it.next());
            }
        } catch (Exception e) {
            throw new IllegalStateException("the Flink job '" + jobName + "' failed: " + rootMessage(e), e);
        }
    }

    /** A remote environment on this runner's cluster, without restarts, in streaming mode. */
    private StreamExecutionEnvironment environment(long autoWatermarkInterval) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(host, port, conf,
                remote ? shippedJars() : new String[0]);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.getConfig().setAutoWatermarkInterval(autoWatermarkInterval);
        return env;
    }

    private void checkSlots(JobGraph graph) {
        if (remote) {
            return;
        }
        for (JobVertex v : graph.vertices()) {
            if (v.parallelism() > EMBEDDED_SLOTS) {
                // Flink would wait minutes for slots that never come
                throw new UntranslatableException(v.name(), "parallelism " + v.parallelism() + " is more"
                        + " than the embedded MiniCluster's " + EMBEDDED_SLOTS + " slots");
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e) : e + " (cause: " + t + ")";
    }

    /**
     * 0 (no periodic emission at all) when every watermark strategy emits per event, so Flink's wall clock plays
     * no part; otherwise the first periodic scenario's interval, which Flink then measures on its wall clock.
     */
    private static long autoWatermarkInterval(List<EngineRun> runs) {
        for (EngineRun r : runs) {
            if (usesWallClock(r.graph())) {
                return r.autoWatermarkInterval();
            }
        }
        return 0;
    }

    /** True when some watermark strategy of the job is periodic or has idleness: both run on Flink's clock. */
    static boolean usesWallClock(JobGraph graph) {
        for (JobVertex v : graph.vertices()) {
            WatermarkStrategy s = null;
            if (v.spec() instanceof OperatorSpec.Source src) {
                s = src.watermarkStrategy();
            } else if (v.spec() instanceof OperatorSpec.TimestampsAndWatermarks t) {
                s = t.watermarkStrategy();
            }
            if (s != null && !s.watermarksDisabled()
                    && (s.emission() == WatermarkStrategy.Emission.PERIODIC || s.idleness().isPresent())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The code a remote cluster needs: the bridge and the engine's core (rows, built-ins). From a build tree they
     * are class folders, packed here into temporary jars.
     */
    private static String[] shippedJars() {
        List<String> jars = new ArrayList<>();
        for (Class<?> c : List.of(FlinkRunner.class, Row.class)) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                jars.add(Files.isDirectory(p) ? jarOf(p) : p.toString());
            } catch (URISyntaxException | IOException e) {
                throw new IllegalStateException("cannot locate the code of " + c.getName() + " to ship: " + e, e);
            }
        }
        return jars.toArray(new String[0]);
    }

    private static String jarOf(Path classes) throws IOException {
        File jar = File.createTempFile("streamscope-", ".jar");
        jar.deleteOnExit();
        try (OutputStream fos = Files.newOutputStream(jar.toPath());
             JarOutputStream out = new JarOutputStream(fos);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return jar.getAbsolutePath();
    }
}
