-- The consent and preference register that c360 owns.
--
-- History is append-only: a consent given or withdrawn is a new row of
-- consent_event, never an update, and the database itself refuses UPDATE,
-- DELETE and TRUNCATE on the history (triggers below), whoever asks.
-- The current state per subject × purpose × channel is derived from the
-- latest event (view consent_current_state).
--
-- Erasure hook (GDPR Art. 17): erasing a subject is not possible yet and will
-- be its own audited path, added by a later migration: a function that writes
-- the request to an erasure log, then removes the subject's identifiers and
-- events and sets consent_subject.erased_at, with the triggers letting only
-- that function's transaction through. Until then nothing may change history.
-- consent_record_event already refuses new events for an erased subject.

CREATE TABLE consent_subject (
  subject_id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- When anything about the subject last changed (identifier added, event
  -- recorded): the observation feed's watermark. Millisecond precision, so
  -- that the feed's ISO-8601 cursors compare exactly.
  last_changed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- Set by the future erasure path (see the erasure hook above).
  erased_at timestamptz
);
CREATE INDEX consent_subject_changes ON consent_subject (last_changed_at, subject_id);

-- The contact identifiers a subject's consents were given with, normalised
-- (email trimmed and lower-cased, phone E.164). One subject per identifier.
CREATE TABLE consent_subject_identifier (
  kind text NOT NULL CHECK (kind IN ('EMAIL', 'PHONE')),
  value text NOT NULL CHECK (value <> ''),
  region text CHECK (region ~ '^[A-Z]{2}$'),
  subject_id uuid NOT NULL REFERENCES consent_subject (subject_id),
  added_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  PRIMARY KEY (kind, value)
);
CREATE INDEX consent_subject_identifier_subject ON consent_subject_identifier (subject_id);

CREATE TABLE consent_event (
  event_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Recording order: breaks ties between events that occurred at the same instant.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  subject_id uuid NOT NULL REFERENCES consent_subject (subject_id),
  purpose text NOT NULL CHECK (purpose IN ('MARKETING', 'PROFILING', 'ANALYTICS', 'THIRD_PARTY_SHARING')),
  channel text NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'PHONE', 'POST', 'PUSH', 'WEB')),
  status text NOT NULL CHECK (status IN ('GRANTED', 'WITHDRAWN')),
  -- The system or app that recorded the event, as it names itself…
  source text NOT NULL CHECK (source <> ''),
  -- …and the client the gateway authenticated for the request that recorded it.
  recorded_by text,
  -- When the person acted; recorded_at is when the register learnt of it.
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
  -- Proof.
  wording_version text,
  form text,
  ip_address inet,
  user_agent text,
  collected_by text,
  proof_reference text,
  -- Client-chosen key that makes retries safe, and the hash of the request
  -- that used it: the same key with another request is refused.
  idempotency_key text UNIQUE,
  request_hash text,
  CONSTRAINT consent_event_key_has_hash CHECK ((idempotency_key IS NULL) = (request_hash IS NULL)),
  -- A grant without the wording the person was shown proves nothing.
  CONSTRAINT consent_event_grant_has_wording CHECK (status = 'WITHDRAWN' OR wording_version IS NOT NULL)
);
CREATE INDEX consent_event_latest ON consent_event (subject_id, purpose, channel, occurred_at DESC, seq DESC);
CREATE INDEX consent_event_history ON consent_event (subject_id, occurred_at DESC, seq DESC);

CREATE FUNCTION consent_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The consent register is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'CN900',
          HINT = 'Record a new consent event instead. Erasing a subject will be its own audited path.';
END
$$;

CREATE TRIGGER consent_event_append_only BEFORE UPDATE OR DELETE ON consent_event
  FOR EACH ROW EXECUTE FUNCTION consent_refuse_change();
CREATE TRIGGER consent_event_no_truncate BEFORE TRUNCATE ON consent_event
  FOR EACH STATEMENT EXECUTE FUNCTION consent_refuse_change();
CREATE TRIGGER consent_subject_identifier_append_only BEFORE UPDATE OR DELETE ON consent_subject_identifier
  FOR EACH ROW EXECUTE FUNCTION consent_refuse_change();
CREATE TRIGGER consent_subject_identifier_no_truncate BEFORE TRUNCATE ON consent_subject_identifier
  FOR EACH STATEMENT EXECUTE FUNCTION consent_refuse_change();
-- A subject's change time moves on; its id and creation time never do.
CREATE TRIGGER consent_subject_keep BEFORE DELETE OR UPDATE OF subject_id, created_at ON consent_subject
  FOR EACH ROW EXECUTE FUNCTION consent_refuse_change();
CREATE TRIGGER consent_subject_no_truncate BEFORE TRUNCATE ON consent_subject
  FOR EACH STATEMENT EXECUTE FUNCTION consent_refuse_change();

-- The current consent per subject × purpose × channel: the latest event by
-- when it occurred (a consent recorded late never overrides a newer one),
-- recording order breaking ties.
CREATE VIEW consent_current_state AS
SELECT DISTINCT ON (subject_id, purpose, channel)
  subject_id, purpose, channel, status, occurred_at, source, proof_reference, wording_version, event_id, seq
FROM consent_event
ORDER BY subject_id, purpose, channel, occurred_at DESC, seq DESC;

-- The one insert path of the register: the recordConsent mutation and the
-- demo seed both record through it. `cmd` is a command validated and
-- normalised by the subgraph (src/commands.ts):
--   subjectId?, newSubjectId?, identifiers: [{kind, value, region?}],
--   purpose, channel, status, source, occurredAt, recordedAt?,
--   wordingVersion?, form?, ipAddress?, userAgent?, collectedBy?, proofReference?,
--   recordedBy?, idempotencyKey?, requestHash?
-- Refusals carry SQLSTATE CN0xx and the input field in COLUMN.
CREATE FUNCTION consent_record_event(cmd jsonb)
RETURNS TABLE (event uuid, subject uuid, replayed boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_key text := cmd->>'idempotencyKey';
  v_subject uuid := (cmd->>'subjectId')::uuid;
  v_identifiers jsonb := coalesce(cmd->'identifiers', '[]'::jsonb);
  v_owners uuid[];
  v_erased timestamptz;
  v_found boolean;
  v_event uuid;
  v_replayed_subject uuid;
  v_hash text;
  v_now timestamptz := date_trunc('milliseconds', clock_timestamp());
BEGIN
  -- Calls with the same idempotency key or the same identifiers wait for each
  -- other (in a fixed order), so that a retried request records once and a
  -- new identifier never lands on two new subjects.
  PERFORM pg_advisory_xact_lock(hashtextextended(l.name, 0))
  FROM (
    SELECT 'consent-key:' || v_key AS name WHERE v_key IS NOT NULL
    UNION
    SELECT 'consent-identifier:' || (i->>'kind') || ':' || (i->>'value') FROM jsonb_array_elements(v_identifiers) i
    ORDER BY 1
  ) l;

  IF v_key IS NOT NULL THEN
    SELECT e.event_id, e.subject_id, e.request_hash INTO v_event, v_replayed_subject, v_hash
    FROM consent_event e WHERE e.idempotency_key = v_key;
    IF FOUND THEN
      IF v_hash IS DISTINCT FROM cmd->>'requestHash' THEN
        RAISE EXCEPTION 'Invalid idempotencyKey: "%" was already used for a different consent (event %); use a new key for a new consent', v_key, v_event
          USING ERRCODE = 'CN004', COLUMN = 'idempotencyKey';
      END IF;
      RETURN QUERY SELECT v_event, v_replayed_subject, true;
      RETURN;
    END IF;
  END IF;

  SELECT array_agg(DISTINCT o.subject_id ORDER BY o.subject_id) INTO v_owners
  FROM jsonb_array_elements(v_identifiers) i
  JOIN consent_subject_identifier o ON o.kind = i->>'kind' AND o.value = i->>'value';

  IF v_subject IS NOT NULL THEN
    SELECT true, s.erased_at INTO v_found, v_erased FROM consent_subject s WHERE s.subject_id = v_subject;
    IF v_found IS NULL THEN
      RAISE EXCEPTION 'Invalid subject.id: expected the id of an existing consent subject, received "%"', v_subject
        USING ERRCODE = 'CN001', COLUMN = 'subject.id';
    END IF;
    IF v_erased IS NOT NULL THEN
      RAISE EXCEPTION 'Invalid subject.id: consent subject % was erased on %; record the consent for a new subject by its identifiers', v_subject, v_erased
        USING ERRCODE = 'CN002', COLUMN = 'subject.id';
    END IF;
    IF v_owners IS NOT NULL AND v_owners <> ARRAY[v_subject] THEN
      RAISE EXCEPTION 'Invalid subject.identifiers: expected identifiers of subject % or new ones, received identifiers of subject(s) %', v_subject, array_to_string(array_remove(v_owners, v_subject), ', ')
        USING ERRCODE = 'CN003', COLUMN = 'subject.identifiers';
    END IF;
  ELSIF cardinality(v_owners) > 1 THEN
    RAISE EXCEPTION 'Invalid subject.identifiers: expected identifiers of one consent subject, received identifiers of subjects %; record the consent by subject.id', array_to_string(v_owners, ', ')
      USING ERRCODE = 'CN003', COLUMN = 'subject.identifiers';
  ELSIF v_owners IS NOT NULL THEN
    v_subject := v_owners[1];
  ELSIF jsonb_array_length(v_identifiers) > 0 THEN
    -- The caller may choose the new subject's id (the demo seed does, so that its ground truth names it).
    v_subject := coalesce((cmd->>'newSubjectId')::uuid, gen_random_uuid());
    INSERT INTO consent_subject (subject_id, created_at, last_changed_at) VALUES (v_subject, v_now, v_now);
  ELSE
    RAISE EXCEPTION 'Invalid subject: expected an id or at least one identifier, received neither'
      USING ERRCODE = 'CN001', COLUMN = 'subject';
  END IF;

  INSERT INTO consent_subject_identifier (kind, value, region, subject_id, added_at)
  SELECT i->>'kind', i->>'value', i->>'region', v_subject, v_now FROM jsonb_array_elements(v_identifiers) i
  ON CONFLICT (kind, value) DO NOTHING;

  INSERT INTO consent_event (
    subject_id, purpose, channel, status, source, recorded_by, occurred_at, recorded_at,
    wording_version, form, ip_address, user_agent, collected_by, proof_reference,
    idempotency_key, request_hash
  ) VALUES (
    v_subject, cmd->>'purpose', cmd->>'channel', cmd->>'status', cmd->>'source', cmd->>'recordedBy',
    (cmd->>'occurredAt')::timestamptz, coalesce((cmd->>'recordedAt')::timestamptz, v_now),
    cmd->>'wordingVersion', cmd->>'form', (cmd->>'ipAddress')::inet, cmd->>'userAgent', cmd->>'collectedBy',
    cmd->>'proofReference', v_key, CASE WHEN v_key IS NOT NULL THEN cmd->>'requestHash' END
  ) RETURNING consent_event.event_id INTO v_event;

  -- Last, so that the feed watermark is as close to the commit as it can be.
  UPDATE consent_subject s SET last_changed_at = date_trunc('milliseconds', clock_timestamp())
  WHERE s.subject_id = v_subject;

  RETURN QUERY SELECT v_event, v_subject, false;
END
$$;
