-- The gateway delivers its PII-read audit at least once (from a spool on disk, re-sent after an outage or a
-- crash): each record carries an id, stored once, so that a record sent twice is kept once.
ALTER TABLE pii_read ADD COLUMN id uuid;
CREATE UNIQUE INDEX pii_read_id ON pii_read (id);
