-- Requests per key per hour and per UTC day, by status class. The gateway adds its in-memory counts
-- here in batches (one upsert per key and bucket per flush); key-admin reads them and deletes buckets
-- older than 90 days. team_id is kept on each row so the team's usage outlives a purged key.
-- Status classes: status_2xx counts every answer below 400 (1xx, 2xx, 3xx), status_4xx every 4xx but
-- 429, status_429 rate-limit rejections, status_5xx every answer from 500 on.

CREATE TABLE key_usage (
    key_id       VARCHAR(32) NOT NULL,
    team_id      VARCHAR(64) NOT NULL,
    granularity  VARCHAR(4)  NOT NULL,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,
    status_2xx   BIGINT      NOT NULL,
    status_4xx   BIGINT      NOT NULL,
    status_429   BIGINT      NOT NULL,
    status_5xx   BIGINT      NOT NULL,
    CONSTRAINT key_usage_pk PRIMARY KEY (key_id, granularity, bucket_start),
    CONSTRAINT key_usage_granularity_ck CHECK (granularity IN ('hour', 'day'))
);

-- The team-wide usage query.
CREATE INDEX key_usage_team_idx ON key_usage (team_id, granularity, bucket_start);
-- The purge: buckets older than the retention period.
CREATE INDEX key_usage_start_idx ON key_usage (bucket_start);
