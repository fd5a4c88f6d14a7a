-- consent_record_event looks each identifier up by the primary key of consent_subject_identifier,
-- whatever the table's size and statistics. The function is otherwise unchanged from 0001.

CREATE OR REPLACE FUNCTION consent_record_event(cmd jsonb)
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

  -- One index probe per identifier (OFFSET 0 keeps the subquery a parameterised scan): planned as a
  -- join, the array's estimated 100 elements made a hash join over the whole identifier table the
  -- cheaper plan until it held some 40 000 identifiers, so each capture read every identifier
  -- recorded before it.
  SELECT array_agg(DISTINCT o.subject_id ORDER BY o.subject_id) INTO v_owners
  FROM jsonb_array_elements(v_identifiers) i
  CROSS JOIN LATERAL (
    SELECT s.subject_id FROM consent_subject_identifier s
    WHERE s.kind = i->>'kind' AND s.value = i->>'value'
    OFFSET 0
  ) o;

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
