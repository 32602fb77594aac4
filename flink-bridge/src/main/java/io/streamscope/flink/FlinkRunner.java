package io.streamscope.flink;

import io.streamscope.data.Row;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
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
     * Runs the scenarios as one Flink job and returns, per scenario (in the order given), what each of its sinks
     * received, by sink name. Sinks are grouped as they came out of their producing subtasks, so the order of one
     * subtask's output is kept.
     */
    @SuppressWarnings({"unchecked", "rawtypes", "try"})
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
        if (!remote) {
            for (EngineRun r : runs) {
                for (JobVertex v : r.graph().vertices()) {
                    if (v.parallelism() > EMBEDDED_SLOTS) {
                        // Flink would wait minutes for slots that never come
                        throw new UntranslatableException(v.name(), "parallelism " + v.parallelism() + " is more"
                                + " than the embedded MiniCluster's " + EMBEDDED_SLOTS + " slots");
                    }
                }
            }
        }
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(host, port, conf,
                remote ? shippedJars() : new String[0]);
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.getConfig().setAutoWatermarkInterval(autoWatermarkInterval(runs));
        List<DataStream<Row>> tagged = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            tagged.addAll(JobTranslator.translate(env, runs.get(i), i, runs.size() == 1 ? "" : "s" + i + "/"));
        }
        if (tagged.isEmpty()) {
            return results;
        }
        DataStream<Row> all = tagged.get(0);
        if (tagged.size() > 1) {
            DataStream<Row>[] rest = tagged.subList(1, tagged.size()).toArray(new DataStream[0]);
            all = all.union(rest);
        }
        try (CloseableIterator<Row> it = all.collectAsync()) {
            env.executeAsync(jobName);
            while (it.hasNext()) {
                Row r = it.next();
                int job = (int) r.getLong("job");
                Long ts = (Long) r.get("ts");
                results.get(job).get((String) r.get("sink")).add(new SinkRecord(r.get("row"), ts));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the Flink job '" + jobName + "' failed: " + rootMessage(e), e);
        }
        return results;
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
            if (usesWallClock(r)) {
                return r.autoWatermarkInterval();
            }
        }
        return 0;
    }

    /** True when some watermark strategy of the job is periodic or has idleness: both run on Flink's clock. */
    static boolean usesWallClock(EngineRun r) {
        for (JobVertex v : r.graph().vertices()) {
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
