-- The scenario's topic "events", read as the table kafka_events (Flink's Kafka connector, JSON values).
CREATE TABLE kafka_events (
  user_id BIGINT,
  event_time TIMESTAMP(3)
) WITH (
  'connector' = 'kafka',
  'topic' = 'events',
  'format' = 'json'
);

-- The F1 example of the mock interview, as written. It has no FRESHNESS clause: Flink 2.2 made the clause
-- optional, and the freshness defaults to materialized-table.default-freshness.continuous (3 minutes), below
-- the 30-minute threshold, so the refresh mode is CONTINUOUS and the refresh job checkpoints every 3 minutes.
CREATE MATERIALIZED TABLE user_metrics AS
SELECT
  user_id,
  COUNT(*) AS event_count,
  MAX(event_time) AS last_seen
FROM kafka_events
GROUP BY user_id;
