import { generateDataset, DEFAULT_NOW } from '../generate';
import { toConsentCommand } from '@c360/subgraph-consent/commands';
import { createTestPgSchema, type TestPgSchema } from '@c360/kit/testing';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { addSourceTruth, type SourceSeedContext } from './contract';
import { CONSENT_SYSTEM, generateConsent, loadConsent, type ConsentSeed } from './consent';

const dataset = generateDataset({ people: 300 });
const ctx: SourceSeedContext = { seed: 360, nowMs: Date.parse(DEFAULT_NOW), people: dataset.people };
const seed: ConsentSeed = generateConsent(ctx);
const commandOptions = { now: new Date(ctx.nowMs), defaultPhoneRegion: 'FR', recordedBy: null };

/** The captures of each subject, in recording order. */
function capturesBySubject(s: ConsentSeed) {
  const bySubject = new Map<string, ConsentSeed['data']['captures']>();
  for (const capture of s.data.captures) {
    bySubject.set(capture.newSubjectId, [...(bySubject.get(capture.newSubjectId) ?? []), capture]);
  }
  return bySubject;
}

const sortIds = (ids: { kind: string; value: string }[]) =>
  ids.map((i) => `${i.kind}:${i.value}`).sort((a, b) => a.localeCompare(b));

describe('consent seed', () => {
  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    expect(generateConsent(ctx)).toEqual(seed);
    expect(generateConsent({ ...ctx, seed: 361 }).data).not.toEqual(seed.data);
  });

  it('gives about 60 % of the people consents, every everywhere person a history', () => {
    const people = new Set(seed.truth.map((r) => r.personId));
    expect(people.size / ctx.people.length).toBeGreaterThan(0.5);
    expect(people.size / ctx.people.length).toBeLessThan(0.7);
    const everywhere = ctx.people.filter((p) => p.everywhere);
    expect(everywhere.length).toBeGreaterThan(5);
    const bySubject = capturesBySubject(seed);
    for (const person of everywhere) {
      // One subject, holding the email the demo looks them up by and their mobile.
      const records = seed.truth.filter((r) => r.personId === person.id);
      expect(records.map((r) => sortIds(r.identifiers))).toEqual([
        sortIds([
          { kind: 'EMAIL', value: person.personalEmail },
          { kind: 'PHONE', value: person.mobile },
        ]),
      ]);
      const subjects = records.map((r) => r.localId);
      const history = subjects.flatMap((id) => bySubject.get(id) ?? []).map((c) => c.input);
      const events = history.map((e) => `${e.purpose} ${e.channel} ${e.status}`);
      expect({ person: person.id, events }).toEqual({
        person: person.id,
        events: expect.arrayContaining([
          'MARKETING EMAIL GRANTED',
          'ANALYTICS WEB GRANTED',
          'MARKETING SMS GRANTED',
          'MARKETING EMAIL WITHDRAWN',
        ]),
      });
      // The withdrawal comes after the grant it takes back.
      const grant = history.find((e) => e.channel === 'EMAIL' && e.status === 'GRANTED')!;
      const withdrawal = history.find((e) => e.channel === 'EMAIL' && e.status === 'WITHDRAWN')!;
      expect(withdrawal.occurredAt > grant.occurredAt).toBe(true);
    }
    expect(seed.stats).toMatchObject({ everywherePeople: everywhere.length, events: seed.data.captures.length });
    expect(seed.stats.secondSubjects).toBeGreaterThan(0);
  });

  it('sends only inputs the register accepts, in the past, each subject created by its first capture', () => {
    for (const [, captures] of capturesBySubject(seed)) {
      expect(captures[0]!.input.subject.identifiers?.length).toBeGreaterThan(0);
      for (const capture of captures) {
        expect(() => toConsentCommand(capture.input, commandOptions)).not.toThrow();
        expect(capture.recordedAt >= capture.input.occurredAt).toBe(true);
        expect(Date.parse(capture.recordedAt)).toBeLessThan(ctx.nowMs);
      }
    }
    const recorded = seed.data.captures.map((c) => c.recordedAt);
    expect(recorded).toEqual([...recorded].sort());
  });

  it("has a truth that matches the data and names only the person's own identifiers or unique mistyped ones", () => {
    const bySubject = capturesBySubject(seed);
    expect(new Set(seed.truth.map((r) => r.localId))).toEqual(new Set(bySubject.keys()));
    const people = new Map(ctx.people.map((p) => [p.id, p]));
    const owners = new Map<string, string>();
    for (const record of seed.truth) {
      expect(record.system).toBe(CONSENT_SYSTEM);
      const normalised = bySubject
        .get(record.localId)!
        .flatMap((c) => toConsentCommand(c.input, commandOptions).identifiers)
        .map(({ kind, value }) => ({ kind, value }));
      expect(sortIds(record.identifiers)).toEqual([...new Set(sortIds(normalised))]);
      const person = people.get(record.personId)!;
      for (const { kind, value } of record.identifiers) {
        const own = kind === 'PHONE' ? [person.mobile] : [person.personalEmail, person.workEmail];
        if (!own.includes(value)) {
          // A mistyped email: one letter pair of the person's own swapped, and nobody else's.
          expect(kind).toBe('EMAIL');
          expect(ctx.people.some((p) => p.personalEmail === value || p.workEmail === value)).toBe(false);
        }
        const key = `${kind}:${value}`;
        expect(owners.get(key) ?? record.personId).toBe(record.personId);
        owners.set(key, record.personId);
      }
    }
    const truth = structuredClone(dataset.groundTruth);
    expect(() => addSourceTruth(truth, seed.truth)).not.toThrow();
  });

  describe('loaded into the register', () => {
    let db: TestPgSchema;

    beforeAll(async () => {
      db = await createTestPgSchema(TEST_ENV.CONSENT_DATABASE_URL!, 'consent');
    });

    afterAll(async () => {
      await db.drop();
    });

    const subjectsInRegister = async () => {
      const { rows } = await db.pool.query<{ subject_id: string; identifiers: string[] }>(
        `SELECT s.subject_id, coalesce(array_agg(i.kind || ':' || i.value ORDER BY i.kind || ':' || i.value)
                FILTER (WHERE i.kind IS NOT NULL), '{}') AS identifiers
         FROM consent_subject s LEFT JOIN consent_subject_identifier i USING (subject_id)
         GROUP BY s.subject_id`,
      );
      return new Map(rows.map((r) => [r.subject_id, r.identifiers]));
    };
    const eventCount = async () => Number((await db.pool.query('SELECT count(*) FROM consent_event')).rows[0].count);

    it('writes every capture through the insert path, the subjects exactly as the truth says', async () => {
      const result = await loadConsent(seed.data, { pool: db.pool });
      expect(result).toMatchObject({ seeded: true, subjects: seed.truth.length, events: seed.data.captures.length });
      expect(await subjectsInRegister()).toEqual(new Map(seed.truth.map((r) => [r.localId, sortIds(r.identifiers)])));
      const { rows } = await db.pool.query(
        'SELECT recorded_at, recorded_by FROM consent_event ORDER BY recorded_at, seq',
      );
      expect(rows.map((r) => r.recorded_at.toISOString())).toEqual(seed.data.captures.map((c) => c.recordedAt));
      expect(rows.every((r) => r.recorded_by === null)).toBe(true);
    });

    it('leaves a register with history alone unless forced, and replaces the demo rows when forced (in several transactions)', async () => {
      const before = await eventCount();
      expect(await loadConsent(seed.data, { pool: db.pool })).toMatchObject({ seeded: false, events: 0 });
      expect(await eventCount()).toBe(before);

      const other = generateConsent({ ...ctx, seed: 7 });
      const logs: string[] = [];
      // Several transactions of 50 captures: every capture recorded once, the subjects as the truth says.
      expect(other.data.captures.length).toBeGreaterThan(100);
      const forced = await loadConsent(other.data, {
        pool: db.pool,
        force: true,
        capturesPerTransaction: 50,
        log: (m) => logs.push(m),
      });
      expect(forced).toMatchObject({ seeded: true, events: other.data.captures.length });
      expect(logs[0]).toContain('emptied for a forced reseed (demo only)');
      expect(await eventCount()).toBe(other.data.captures.length);
      expect(await subjectsInRegister()).toEqual(new Map(other.truth.map((r) => [r.localId, sortIds(r.identifiers)])));
      // The guards are back on once the reseed is done.
      await expect(db.pool.query('TRUNCATE consent_event CASCADE')).rejects.toMatchObject({ code: 'CN900' });
      await expect(db.pool.query('DELETE FROM consent_event')).rejects.toMatchObject({ code: 'CN900' });
    });
  });
});
