package io.streamscope.cli;

import io.streamscope.connectors.SinkTableText;
import io.streamscope.data.Json;
import io.streamscope.data.Row;
import io.streamscope.scenario.LoadedScenario;
import io.streamscope.scenario.ScenarioException;
import io.streamscope.scenario.ScenarioLoader;
import io.streamscope.sim.Simulation;
import io.streamscope.sql.Ast;
import io.streamscope.sql.Column;
import io.streamscope.sql.MaterializedTable;
import io.streamscope.sql.MaterializedTableSession;
import io.streamscope.sql.Parser;
import io.streamscope.sql.SqlException;
import io.streamscope.sql.SqlType;
import io.streamscope.sql.StatementResult;
import io.streamscope.trace.TraceEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code streamscope sql SCENARIO [FILE.sql | -e "statements"]}: runs SQL statements against a scenario's topics
 * (materialized tables, queries, ALTER, DROP, SET, ADVANCE) on the virtual clock and prints each result, then every
 * materialized table: its committed changelog and its rows with their staleness.
 */
final class SqlCommand implements Command {
    /** Flink's rendering of TIMESTAMP(3) values; virtual times are read as epoch milliseconds in UTC. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public String summary() {
        return "run SQL against a scenario's topics: materialized tables, their changelogs, queries";
    }

    @Override
    public String help() {
        return """
                usage: streamscope sql SCENARIO [FILE.sql | -e "STATEMENTS"] [--until TIME|end|none]
                                       [--seed N] [--log] [--epoch-ms]

                Opens a SQL session over the scenario's topics (each topic is a table of its name) and
                runs the scenario's own "sql", then the statements of FILE.sql or -e, in order, at the
                session's virtual time, printing each result. Then it advances the clock (--until) and
                prints every materialized table: its committed changelog (+I, -U, +U, -D, with when each
                change was written and when it became visible) and its rows with their staleness.

                Statements: CREATE TABLE ... WITH ('connector' = 'kafka', 'topic' = '...'),
                CREATE MATERIALIZED TABLE ... [FRESHNESS = INTERVAL ...] [REFRESH_MODE = ...] AS SELECT,
                SELECT, ALTER MATERIALIZED TABLE ... SUSPEND | RESUME | REFRESH, DROP, SET, RESET,
                SHOW TABLES, DESCRIBE, and Streamscope's clock: ADVANCE TO '30s' | ADVANCE TO END |
                ADVANCE BY INTERVAL '1' MINUTE. See src-docs/materialized-tables.md.

                options:
                  -e STATEMENTS     the statements to run (instead of FILE.sql)
                  --until TIME|end|none
                                    after the statements, advance the clock to TIME, or until every
                                    refresh has caught up with the topics (end, the default when all
                                    topics the tables read are bounded), or not at all (none, the
                                    default otherwise)
                  --seed N          replace the scenario's seed
                  --log             also print each refresh job's log (its clock starts when it starts);
                                    event times in it are clock times (10:00:59.999) when they are a
                                    day's timestamps, as in streamscope run
                  --epoch-ms        write the log's event times as epoch milliseconds instead
                  --help            show this help

                exit codes: 0 ok; 1 a job failed;
                            2 bad arguments, a scenario error, or a SQL error (error: FILE:LINE:COLUMN: ...)
                """;
    }

    @Override
    public int run(List<String> argList, PrintStream out, PrintStream err) throws Exception {
        // -e is a short option, as in Flink's SQL client; Args knows long options only, so it is taken out first
        List<String> rest = new ArrayList<>();
        String inline = null;
        for (int i = 0; i < argList.size(); i++) {
            String a = argList.get(i);
            if (a.equals("--")) {
                rest.addAll(argList.subList(i, argList.size()));
                break;
            }
            if (a.equals("-e") || a.equals("--execute")) {
                if (i + 1 >= argList.size()) {
                    throw new UsageException(a + " needs the statements to run");
                }
                if (inline != null) {
                    throw new UsageException(a + " is given twice");
                }
                inline = argList.get(++i);
            } else {
                rest.add(a);
            }
        }
        Args args = Args.parse("sql", rest, Set.of("--until", "--seed"), Set.of("--log", "--epoch-ms"));
        List<String> positionals = args.positionals();
        if (positionals.isEmpty()) {
            throw new UsageException("sql needs a scenario file");
        }
        if (positionals.size() > 2 || (positionals.size() == 2 && inline != null)) {
            throw new UsageException("sql takes a scenario file and either a FILE.sql or -e \"statements\", got "
                    + positionals + (inline != null ? " and -e" : ""));
        }
        String scenarioFile = positionals.get(0);
        String sqlFile = positionals.size() == 2 ? positionals.get(1) : null;
        String until = args.has("--until") ? args.get("--until") : null;
        Long untilTime = null;
        if (until != null && !until.equals("end") && !until.equals("none")) {
            untilTime = args.getDuration("--until", 0);
        }
        LoadedScenario scenario;
        try {
            scenario = ScenarioLoader.load(Path.of(scenarioFile));
        } catch (ScenarioException e) {
            err.println("error: " + e.file() + ": at " + e.jsonPath() + ": " + e.problem());
            return Main.USAGE;
        }
        if (args.has("--seed")) {
            long seed = args.getLong("--seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
            scenario = new LoadedScenario(scenario.name(), scenario.description(), scenario.env(),
                    scenario.config().withSeed(seed), scenario.runUntil(), scenario.operatorNames(), scenario.faults(),
                    scenario.topics(), scenario.sql());
        }
        String script = "";
        String source = "-e";
        if (sqlFile != null) {
            source = sqlFile;
            try {
                script = Files.readString(Path.of(sqlFile), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                err.println("error: " + sqlFile + ": no such file");
                return Main.USAGE;
            } catch (IOException e) {
                err.println("error: " + sqlFile + ": cannot read it: " + e.getMessage());
                return Main.USAGE;
            }
        } else if (inline != null) {
            script = inline;
        }
        out.println("scenario \"" + scenario.name() + "\": topics " + String.join(", ", scenario.topics().keySet()));
        MaterializedTableSession session = new MaterializedTableSession(scenario.topics(), scenario.config());
        // the scenario's own statements first: they declare the tables its job is made of
        for (String s : scenario.sql()) {
            if (!runScript(session, s, scenarioFile + " (\"sql\")", out, err)) {
                return Main.USAGE;
            }
        }
        if (!runScript(session, script, source, out, err)) {
            return Main.USAGE;
        }
        try {
            if (untilTime != null) {
                session.advanceTo(Math.max(untilTime, session.now()));
            } else if (until == null || until.equals("end")) {
                try {
                    session.runToEnd();
                } catch (IllegalStateException e) {
                    if (until != null) {
                        err.println("error: " + e.getMessage() + "; give --until TIME");
                        return Main.USAGE;
                    }
                    out.println();
                    out.println("(not advanced: " + e.getMessage() + ")");
                }
            }
        } catch (RuntimeException e) {
            err.println("error: a refresh job failed at session time " + session.now() + " ms: " + e.getMessage());
            return Main.FAILED;
        }
        for (MaterializedTable t : session.materializedTables()) {
            printTable(session, t, out);
            if (args.has("--log")) {
                printLog(session, t, args.has("--epoch-ms"), out);
            }
        }
        return Main.OK;
    }

    /** Runs the statements one by one, printing each result; false (after printing the error) on a SQL error. */
    private static boolean runScript(MaterializedTableSession session, String script, String source, PrintStream out,
                                     PrintStream err) {
        List<Ast.Parsed> statements;
        try {
            statements = Parser.parseScript(script);
        } catch (SqlException e) {
            printError(source, script, e, out, err);
            return false;
        }
        for (Ast.Parsed p : statements) {
            out.println();
            for (String line : p.text().split("\n")) {
                out.println("> " + line);
            }
            StatementResult r;
            try {
                r = session.execute(p);
            } catch (SqlException e) {
                printError(source, script, e, out, err);
                return false;
            }
            if (r instanceof StatementResult.Ok ok) {
                for (String line : ok.message().split("\n")) {
                    out.println(line);
                }
            } else {
                printRows((StatementResult.Rows) r, out);
            }
        }
        return true;
    }

    private static void printError(String source, String script, SqlException e, PrintStream out, PrintStream err) {
        out.flush();
        err.println("error: " + source + ":" + e.line() + ":" + e.column() + ": " + e.problem());
        String[] lines = script.split("\n", -1);
        if (e.line() >= 1 && e.line() <= lines.length) {
            err.println("  " + lines[e.line() - 1]);
            err.println("  " + " ".repeat(Math.max(0, e.column() - 1)) + "^");
        }
    }

    private static void printRows(StatementResult.Rows r, PrintStream out) {
        out.println(r.note());
        boolean changelog = r.changelog().size() != r.rows().size() || r.changelog().stream()
                .anyMatch(x -> x.has("op") && !"+I".equals(x.get("op")));
        if (changelog) {
            out.println("changelog (" + r.changelog().size() + " rows):");
            List<String> header = new ArrayList<>(List.of("op"));
            List<String[]> cells = new ArrayList<>();
            for (Column c : r.columns()) {
                header.add(c.name());
            }
            for (Row row : r.changelog()) {
                String[] c = new String[header.size()];
                c[0] = String.valueOf(row.get("op"));
                for (int i = 0; i < r.columns().size(); i++) {
                    c[i + 1] = cell(row.get(r.columns().get(i).name()), r.columns().get(i).type());
                }
                cells.add(c);
            }
            print(header, cells, out);
            out.println("result (" + r.rows().size() + " rows):");
        }
        List<String> header = new ArrayList<>();
        for (Column c : r.columns()) {
            header.add(c.name());
        }
        List<String[]> cells = new ArrayList<>();
        for (Row row : r.rows()) {
            String[] c = new String[header.size()];
            for (int i = 0; i < r.columns().size(); i++) {
                c[i] = cell(row.get(r.columns().get(i).name()), r.columns().get(i).type());
            }
            cells.add(c);
        }
        print(header, cells, out);
    }

    private static void printTable(MaterializedTableSession session, MaterializedTable t, PrintStream out) {
        long now = session.now();
        out.println();
        out.println("materialized table " + t.name() + " at " + now + " ms: " + t.refreshMode() + ", freshness "
                + t.freshness() + ", " + t.status() + (t.lastCommitAt() < 0 ? ", nothing committed yet"
                : ", last commit at " + t.lastCommitAt() + " ms"));
        List<Column> cols = t.columns();
        List<String> header = new ArrayList<>(List.of("written", "visible", "op"));
        for (Column c : cols) {
            header.add(c.name());
        }
        List<String[]> cells = new ArrayList<>();
        for (MaterializedTable.Change ch : t.changelog()) {
            String[] c = new String[header.size()];
            c[0] = Long.toString(ch.writtenAt());
            c[1] = Long.toString(ch.committedAt());
            c[2] = ch.kind().shortString();
            for (int i = 0; i < cols.size(); i++) {
                c[3 + i] = cell(ch.row().get(cols.get(i).name()), cols.get(i).type());
            }
            cells.add(c);
        }
        out.println("changelog, as committed (" + cells.size() + " rows):");
        print(header, cells, out);
        if (t.refreshMode() == MaterializedTable.RefreshMode.CONTINUOUS && session.uncommittedChanges(t.name()) > 0) {
            out.println("(" + session.uncommittedChanges(t.name()) + " more written, waiting for the next checkpoint)");
        }
        List<String> th = new ArrayList<>();
        for (Column c : cols) {
            th.add(c.name());
        }
        th.add("committed");
        th.add("staleness");
        List<String[]> rows = new ArrayList<>();
        for (MaterializedTable.TableRow r : t.rows(now)) {
            String[] c = new String[th.size()];
            for (int i = 0; i < cols.size(); i++) {
                c[i] = cell(r.values().get(cols.get(i).name()), cols.get(i).type());
            }
            c[cols.size()] = Long.toString(r.committedAt());
            c[cols.size() + 1] = r.staleness() + " ms";
            rows.add(c);
        }
        out.println("table (" + rows.size() + " rows):");
        print(th, rows, out);
    }

    private static void printLog(MaterializedTableSession session, MaterializedTable t, boolean epochMs,
                                 PrintStream out) {
        Simulation job = session.refreshJob(t.name());
        if (job == null) {
            return;
        }
        out.println();
        out.println("refresh job of " + t.name() + " (its clock starts at " + session.refreshJobStart(t.name())
                + " ms of the session):");
        List<TraceEvent> trace = job.trace();
        TraceLog log = new TraceLog(false, epochMs, trace);
        for (TraceEvent e : trace) {
            String line = log.line(e);
            if (line != null) {
                out.println(line);
            }
        }
    }

    private static String cell(Object v, SqlType type) {
        if (v == null) {
            return "NULL";
        }
        if (type == SqlType.TIMESTAMP && v instanceof Long ms) {
            return TIMESTAMP.format(Instant.ofEpochMilli(ms));
        }
        return v instanceof String s ? s : Json.render(v);
    }

    private static void print(List<String> header, List<String[]> cells, PrintStream out) {
        if (cells.isEmpty()) {
            out.println("  (empty)");
            return;
        }
        for (String line : SinkTableText.layout(header, cells)) {
            out.println("  " + line);
        }
    }
}
