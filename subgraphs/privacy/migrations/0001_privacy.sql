-- The privacy subgraph's own data: erasure jobs (right to erasure) and the
-- audit of personal-data reads (who read whose data, for the right of access).
-- Neither holds personal data: customer ids and source record ids are the
-- product's pseudonymous keys, and a task's record ids are cleared once the
-- task is done.

CREATE TABLE erasure_job (
  job_id uuid PRIMARY KEY,
  customer_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('OPEN', 'DONE')),
  requested_by text NOT NULL,
  reason text,
  requested_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  completed_at timestamptz
);
CREATE INDEX erasure_job_customer ON erasure_job (customer_id, requested_at DESC);
-- One open job per customer: asking twice returns the open job.
CREATE UNIQUE INDEX erasure_job_one_open ON erasure_job (customer_id) WHERE status = 'OPEN';

CREATE TABLE erasure_task (
  job_id uuid NOT NULL REFERENCES erasure_job (job_id),
  target text NOT NULL,
  -- Order of execution: identity (0) first, sources (1) in parallel, caches (2) once every source is done.
  stage smallint NOT NULL,
  local_ids text[] NOT NULL DEFAULT '{}',
  records integer NOT NULL,
  status text NOT NULL CHECK (status IN ('PENDING', 'FAILED', 'DONE')),
  attempts integer NOT NULL DEFAULT 0,
  erased integer,
  last_error text,
  next_attempt_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- A worker that took the task holds it until then (a crashed worker's task is taken again after).
  leased_until timestamptz,
  done_at timestamptz,
  PRIMARY KEY (job_id, target)
);
CREATE INDEX erasure_task_due ON erasure_task (next_attempt_at) WHERE status <> 'DONE';

CREATE TABLE erasure_event (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id uuid NOT NULL REFERENCES erasure_job (job_id),
  at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  target text,
  type text NOT NULL,
  detail text
);
CREATE INDEX erasure_event_job ON erasure_event (job_id, seq);

CREATE TABLE pii_read (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL,
  client text NOT NULL,
  request_id text,
  operation_name text,
  fields text[] NOT NULL,
  customer_ids text[] NOT NULL
);
CREATE INDEX pii_read_customers ON pii_read USING gin (customer_ids);
