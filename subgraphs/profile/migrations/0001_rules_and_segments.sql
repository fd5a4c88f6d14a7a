-- The profile subgraph's own data: survivorship rules and segment
-- definitions. Both are versioned: a change is a new row, never an update,
-- with the client that made it and when; the row with the highest version
-- is in force. A deleted segment is a version without a rule.
--
-- profile_config_version counts every change of either. Each process caches
-- the rules and segments and reads this one row per request: a change made
-- through any process takes effect on the next query of every process.
-- Writers update it first in their transaction, which also serialises them.

CREATE TABLE profile_config_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
INSERT INTO profile_config_version (singleton, version) VALUES (true, 0);

CREATE TABLE profile_survivorship_rule (
  attribute text NOT NULL
    CHECK (attribute IN ('NAME', 'EMAIL', 'PHONE', 'POSTAL_ADDRESS', 'BIRTH_DATE', 'LANGUAGE', 'COMPANY')),
  version integer NOT NULL CHECK (version > 0),
  -- { "strategies": [...], "sourcePriority": [...] }, validated by the subgraph (src/rules.ts).
  rule jsonb NOT NULL,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  PRIMARY KEY (attribute, version)
);

CREATE TABLE profile_segment (
  name text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$'),
  version integer NOT NULL CHECK (version > 0),
  description text,
  -- The rule in the JSON rule language (src/segments.ts); null when this version deletes the segment.
  rule jsonb,
  changed_by text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  PRIMARY KEY (name, version)
);
