package io.streamscope.sql;

import io.streamscope.api.functions.Collector;
import io.streamscope.api.functions.KeyedProcessFunction;
import io.streamscope.api.functions.RuntimeContext;
import io.streamscope.api.functions.ValueState;
import io.streamscope.data.Row;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A non-windowed GROUP BY as Flink's {@code GroupAggFunction} runs it: per key, the accumulators and a count of the
 * rows in the group. In streaming mode every input row updates the group and emits its change:
 * <ul>
 *   <li>the group's first row emits {@code +I} with the new result;</li>
 *   <li>a later row emits {@code -U} with the previous result, then {@code +U} with the new one (only {@code +U}
 *       when the sink takes upserts by the group key and needs no update-before, as Flink's planner decides);
 *       nothing when the result did not change;</li>
 *   <li>a retraction that empties the group emits {@code -D} with the previous result and clears the state;</li>
 *   <li>a retraction for a group that does not exist is ignored.</li>
 * </ul>
 * In batch mode (a FULL refresh or a batch query) the rows are accumulated and each group emits one {@code +I}
 * with its final result when the input ends, which the engine signals with the final watermark
 * ({@code Long.MAX_VALUE}): an event-time timer at that watermark stands for Flink's end-of-input.
 * HAVING and the select list are applied to every emitted row.
 */
public final class GroupAggregateFunction extends KeyedProcessFunction<Object, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final SqlFunctions.GroupKeySelector keys;
    private final List<AggCall> calls;
    private final List<SqlFunctions.Projection> select;
    private final RowExpr having;
    private final boolean generateUpdateBefore;
    private final boolean batch;
    private transient ValueState<Group> state;

    /** The state of one group: its key values, how many rows it holds, and one accumulator per aggregate call. */
    public static final class Group implements Serializable {
        private static final long serialVersionUID = 1L;
        final List<Object> keyValues;
        long rows;
        final AggCall.Acc[] accs;

        Group(List<Object> keyValues, AggCall.Acc[] accs) {
            this.keyValues = keyValues;
            this.accs = accs;
        }

        @Override
        public String toString() {
            return "rows=" + rows + " " + Arrays.toString(accs);
        }
    }

    public GroupAggregateFunction(SqlFunctions.GroupKeySelector keys, List<AggCall> calls,
                                  List<SqlFunctions.Projection> select, RowExpr having, boolean generateUpdateBefore,
                                  boolean batch) {
        this.keys = keys;
        this.calls = List.copyOf(calls);
        this.select = List.copyOf(select);
        this.having = having;
        this.generateUpdateBefore = generateUpdateBefore;
        this.batch = batch;
    }

    /** The name of the internal field holding the result of aggregate call {@code i}. */
    static String aggField(int i) {
        return "$a" + i;
    }

    @Override
    public void open(RuntimeContext runtimeContext) {
        state = runtimeContext.getState("group");
    }

    @Override
    public void processElement(Row row, Context<Object> ctx, Collector<Row> out) {
        RowKind kind = RowKind.of(row);
        Group g = state.value();
        boolean firstRow = false;
        if (g == null) {
            if (!kind.isAccumulate()) {
                return; // Flink does not create a group for a retraction of a row it never counted
            }
            AggCall.Acc[] accs = new AggCall.Acc[calls.size()];
            for (int i = 0; i < accs.length; i++) {
                accs[i] = calls.get(i).create();
            }
            List<Object> keyValues = new ArrayList<>(keys.fields().size());
            for (String f : keys.fields()) {
                keyValues.add(row.get(f));
            }
            g = new Group(keyValues, accs);
            firstRow = true;
        }
        List<Object> before = values(g);
        for (int i = 0; i < calls.size(); i++) {
            Object arg = calls.get(i).argument(row);
            if (kind.isAccumulate()) {
                g.accs[i].accumulate(arg);
            } else {
                g.accs[i].retract(arg);
            }
        }
        g.rows += kind.isAccumulate() ? 1 : -1;
        if (batch) {
            state.update(g);
            // the end of the bounded input is the final watermark: the group's result is emitted then, once
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        List<Object> after = values(g);
        if (g.rows > 0) {
            state.update(g);
            if (firstRow) {
                emit(RowKind.INSERT, g.keyValues, after, out);
            } else {
                if (Objects.equals(before, after)) {
                    return; // the result did not change: Flink emits nothing (without state TTL)
                }
                if (generateUpdateBefore) {
                    emit(RowKind.UPDATE_BEFORE, g.keyValues, before, out);
                }
                emit(RowKind.UPDATE_AFTER, g.keyValues, after, out);
            }
        } else {
            if (!firstRow) {
                emit(RowKind.DELETE, g.keyValues, before, out);
            }
            state.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext<Object> ctx, Collector<Row> out) {
        Group g = state.value();
        if (g != null && g.rows > 0) {
            emit(RowKind.INSERT, g.keyValues, values(g), out);
        }
        state.clear();
    }

    private List<Object> values(Group g) {
        List<Object> out = new ArrayList<>(calls.size());
        for (AggCall.Acc a : g.accs) {
            out.add(a.value());
        }
        return out;
    }

    private void emit(RowKind kind, List<Object> keyValues, List<Object> aggValues, Collector<Row> out) {
        Object[] pairs = new Object[2 * (keyValues.size() + aggValues.size())];
        int p = 0;
        for (int i = 0; i < keyValues.size(); i++) {
            pairs[p++] = keys.fields().get(i);
            pairs[p++] = keyValues.get(i);
        }
        for (int i = 0; i < aggValues.size(); i++) {
            pairs[p++] = aggField(i);
            pairs[p++] = aggValues.get(i);
        }
        Row internal = Row.of(pairs);
        // HAVING filters each changelog row on its own, as a Calc after the aggregate does in Flink
        if (having != null && !Boolean.TRUE.equals(having.eval(internal))) {
            return;
        }
        out.collect(SqlFunctions.project(kind, select, internal));
    }
}
