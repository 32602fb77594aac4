package io.streamscope.sql;

import io.streamscope.api.DataStream;
import io.streamscope.api.StreamExecutionEnvironment;
import io.streamscope.connectors.CollectingSink;
import io.streamscope.connectors.DeliveryGuarantee;
import io.streamscope.connectors.PartitionedLog;
import io.streamscope.data.Row;
import io.streamscope.runtime.EngineConfig;
import io.streamscope.scenario.Durations;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "sql" field of a scenario file: CREATE TABLE, SET and CREATE MATERIALIZED TABLE statements whose continuous
 * refresh jobs become the scenario's job, so that {@code streamscope run}, the lesson player and the app show them
 * like any other job. A scenario runs one job, so every materialized table in it is CONTINUOUS and they share one
 * checkpoint interval.
 */
public final class ScenarioSql {
    private ScenarioSql() {
    }

    /** A statement of the field that was refused: its index in the array and the error within its text. */
    public static final class StatementException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final SqlException error;

        StatementException(int index, SqlException error) {
            super(error.getMessage());
            this.index = index;
            this.error = error;
        }

        public int index() {
            return index;
        }

        public SqlException error() {
            return error;
        }
    }

    /**
     * Declares the refresh jobs of the scripts (each holding one or more statements) on {@code env} and returns
     * their checkpoint interval in ms (the tables' freshness, or 'execution.checkpointing.interval'; -1 when no
     * materialized table was created). The caller enables checkpointing with it unless the scenario configures
     * checkpointing itself.
     */
    public static long declare(List<String> statements, Map<String, PartitionedLog> topics,
                               StreamExecutionEnvironment env, Set<String> operatorIds) throws StatementException {
        MaterializedTableSession session = new MaterializedTableSession(topics, EngineConfig.defaults(), false);
        long interval = -1;
        String intervalOf = null;
        for (int i = 0; i < statements.size(); i++) {
            List<Ast.Parsed> parsed;
            try {
                parsed = Parser.parseScript(statements.get(i));
                if (parsed.isEmpty()) {
                    throw new SqlException(1, 1, "expected a statement, got none");
                }
            } catch (SqlException e) {
                throw new StatementException(i, e);
            }
            for (Ast.Parsed p : parsed) {
                interval = declare(p, session, topics, env, operatorIds, i, interval, intervalOf);
                if (p.statement() instanceof Ast.CreateMaterializedTable c) {
                    intervalOf = c.name();
                }
            }
        }
        if (interval < 0 && operatorIds.isEmpty()) {
            throw new StatementException(statements.size() - 1, new SqlException(1, 1, "the statements create no"
                    + " materialized table and the scenario has no \"job\": there is nothing to run"));
        }
        return interval;
    }

    private static long declare(Ast.Parsed parsed, MaterializedTableSession session, Map<String, PartitionedLog> topics,
                                StreamExecutionEnvironment env, Set<String> operatorIds, int i, long interval,
                                String intervalOf) throws StatementException {
        try {
            Ast.Statement s = parsed.statement();
            if (!(s instanceof Ast.CreateTable) && !(s instanceof Ast.CreateMaterializedTable)
                    && !(s instanceof Ast.SetOption)) {
                throw SqlException.at(s.pos(), "a scenario's \"sql\" declares tables and materialized tables"
                        + " (CREATE TABLE, CREATE MATERIALIZED TABLE, SET); run queries and ALTER, DROP or"
                        + " ADVANCE with `streamscope sql`");
            }
            StatementResult r = session.execute(parsed);
            if (!(s instanceof Ast.CreateMaterializedTable c)) {
                return interval;
            }
            MaterializedTable t = ((StatementResult.Ok) r).table();
            if (t.refreshMode() != MaterializedTable.RefreshMode.CONTINUOUS) {
                throw SqlException.at(c.pos(), "a FULL refresh runs a batch job every freshness interval, but a"
                        + " scenario runs one streaming job; use REFRESH_MODE = CONTINUOUS here, or run the"
                        + " table with `streamscope sql`");
            }
            if (operatorIds.contains(t.name())) {
                throw SqlException.at(c.pos(), "the job already has an operator with the id " + t.name()
                        + "; the refresh job's sink is named after the materialized table");
            }
            long ti = session.checkpointInterval(t.name());
            if (interval >= 0 && ti != interval) {
                throw SqlException.at(c.pos(), "a scenario runs one job with one checkpoint interval, but "
                        + intervalOf + " checkpoints every " + Durations.format(interval) + " and " + t.name()
                        + " every " + Durations.format(ti) + "; give them the same FRESHNESS or SET"
                        + " 'execution.checkpointing.interval'");
            }
            int before = env.getParallelism();
            if (session.options().isSet(SessionOptions.PARALLELISM)) {
                env.setParallelism(session.options().parallelism());
            }
            PlannedQuery.BuildContext ctx = new PlannedQuery.BuildContext(env, PlannedQuery.Mode.STREAMING,
                    topics::get, m -> {
                        throw new IllegalStateException("a continuous job reads no materialized table");
                    }, "", session.upsertSink(t.name()));
            DataStream<Row> out = t.plan().build(ctx);
            out.sinkTo(new CollectingSink(t.name(), DeliveryGuarantee.EXACTLY_ONCE), t.name())
                    .setParallelism(out.vertex().parallelism());
            env.setParallelism(before);
            return ti;
        } catch (SqlException e) {
            throw new StatementException(i, e);
        }
    }

}
