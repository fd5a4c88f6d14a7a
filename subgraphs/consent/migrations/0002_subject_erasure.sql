-- The audited erasure path that 0001 announced (GDPR Art. 17, right to
-- erasure): consent_erase_subject() writes the request to consent_erasure,
-- removes the subject's identifiers and events, and sets
-- consent_subject.erased_at. The subject row stays, holding no personal data
-- (an id and times), so that consent_record_event keeps refusing new events
-- for it and the erasure itself stays provable.
--
-- The append-only triggers let a change through only inside that function's
-- transaction, which sets the transaction-local flag c360.consent_erasure.
-- TRUNCATE stays refused, whoever asks.

CREATE TABLE consent_erasure (
  subject_id uuid PRIMARY KEY REFERENCES consent_subject (subject_id),
  erased_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- The client (as the gateway or the privacy subgraph vouched for it) that asked.
  requested_by text NOT NULL CHECK (requested_by <> ''),
  identifiers_removed integer NOT NULL,
  events_removed integer NOT NULL
);

CREATE OR REPLACE FUNCTION consent_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('c360.consent_erasure', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'The consent register is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'CN900',
          HINT = 'Record a new consent event instead; erase a subject with consent_erase_subject().';
END
$$;

-- Erases one subject; true when this call erased it, false when it is unknown
-- or was erased before (idempotent: a retried erasure is safe).
CREATE FUNCTION consent_erase_subject(p_subject uuid, p_requested_by text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  v_identifiers integer;
  v_events integer;
  v_now timestamptz := date_trunc('milliseconds', clock_timestamp());
BEGIN
  -- Locks the subject: a consent being recorded for it meanwhile waits, then sees erased_at.
  PERFORM 1 FROM consent_subject WHERE subject_id = p_subject AND erased_at IS NULL FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM set_config('c360.consent_erasure', 'on', true);
  DELETE FROM consent_subject_identifier WHERE subject_id = p_subject;
  GET DIAGNOSTICS v_identifiers = ROW_COUNT;
  DELETE FROM consent_event WHERE subject_id = p_subject;
  GET DIAGNOSTICS v_events = ROW_COUNT;
  PERFORM set_config('c360.consent_erasure', 'off', true);
  UPDATE consent_subject SET erased_at = v_now, last_changed_at = v_now WHERE subject_id = p_subject;
  INSERT INTO consent_erasure (subject_id, erased_at, requested_by, identifiers_removed, events_removed)
  VALUES (p_subject, v_now, p_requested_by, v_identifiers, v_events);
  RETURN true;
END
$$;
