import { randomUUID } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import mysql from 'mysql2/promise';
import { demoSchema, ensureMariaDbDatabase } from '@c360/embedded/services';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { startSurveysSubgraph } from '@c360/subgraph-surveys';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { generateDataset } from '../generate';
import { addSourceTruth, type SourceSeedContext } from './contract';
import { DEMO_SURVEY_IDS, SURVEYS_SYSTEM, generateSurveys, loadSurveys, type SurveyResponseRecord } from './surveys';

const dataset = generateDataset({ people: 1000 });
const ctx: SourceSeedContext = { seed: dataset.seed, nowMs: Date.parse(dataset.now), people: dataset.people };
const seed = generateSurveys(ctx);
const { surveys, participants, responses } = seed.data;
const questions = new Map(surveys.flatMap((s) => s.questions.map((q) => [q.qid, q] as const)));
const normalise = (email: string) => email.trim().toLowerCase();

/** The NPS score and reason of an NPS response, or null for other responses. */
function npsOf(r: SurveyResponseRecord): { score: number; reason: string | null } | null {
  const score = r.answers.find((a) => questions.get(a.qid)?.theme === 'nps');
  if (!score) return null;
  const reason = r.answers.find((a) => questions.get(a.qid)?.code === 'REASON');
  return { score: Number(score.value), reason: reason?.value || null };
}

describe('generateSurveys', () => {
  it('gives the same data for the same seed, and other data for another seed', () => {
    expect(JSON.stringify(generateSurveys(ctx))).toBe(JSON.stringify(seed));
    const other = generateSurveys({ ...ctx, seed: ctx.seed + 1 });
    expect(JSON.stringify(other.data.participants)).not.toBe(JSON.stringify(participants));
  });

  it('has 4 to 6 surveys of the kinds the company runs, one of them anonymous', () => {
    expect(surveys.length).toBeGreaterThanOrEqual(4);
    expect(surveys.length).toBeLessThanOrEqual(6);
    const groups = new Map(seed.data.groups.map((g) => [g.gsid, g.name]));
    expect(new Set(surveys.map((s) => groups.get(s.gsid)))).toEqual(
      new Set(['csat', 'nps', 'support', 'product', 'default']),
    );
    const anonymous = surveys.filter((s) => s.anonymized === 'Y').map((s) => s.sid);
    expect(anonymous).toEqual([DEMO_SURVEY_IDS.usability]);
    // Anonymous responses carry no token: nobody can be linked to them.
    expect(responses.filter((r) => anonymous.includes(r.sid)).every((r) => r.token === null)).toBe(true);
    expect(participants.filter((p) => anonymous.includes(p.sid))).toEqual([]);
  });

  it('gives about 30 % of the people a response, and every everywhere person an NPS and a CSAT answer with comments', () => {
    const personOf = new Map(seed.truth.map((t) => [Number(t.localId), t.personId]));
    const participantOf = new Map(participants.map((p) => [`${p.sid}|${p.token}`, p]));
    const answeredBy = new Map<string, SurveyResponseRecord[]>();
    for (const r of responses) {
      if (r.token === null) continue;
      const participant = participantOf.get(`${r.sid}|${r.token}`);
      expect(participant).toBeDefined();
      const person = personOf.get(participant!.tid)!;
      answeredBy.set(person, [...(answeredBy.get(person) ?? []), r]);
    }
    expect(answeredBy.size).toBe(seed.stats.respondents);
    expect(answeredBy.size / ctx.people.length).toBeGreaterThan(0.26);
    expect(answeredBy.size / ctx.people.length).toBeLessThan(0.34);
    // Some were invited and never answered.
    expect(seed.stats.invitedOnly).toBeGreaterThan(0);

    const everywhere = ctx.people.filter((p) => p.everywhere);
    expect(everywhere.length).toBeGreaterThan(10);
    for (const person of everywhere) {
      const own = (answeredBy.get(person.id) ?? []).filter((r) => r.submitdate !== null);
      const nps = own.filter((r) => r.sid === DEMO_SURVEY_IDS.npsLatest).map(npsOf);
      expect(nps).toEqual([{ score: expect.any(Number), reason: expect.stringMatching(/\w/) }]);
      const csat = own.find((r) => r.sid === DEMO_SURVEY_IDS.postPurchase)!;
      expect(csat.answers.map((a) => questions.get(a.qid)!.code)).toEqual(['CSAT', 'MATTER', 'COMMENT']);
      expect(csat.answers[2]!.value).toMatch(/\w/);
      // Reachable by their own email.
      const emails = participants
        .filter((p) => personOf.get(p.tid) === person.id && p.email !== null)
        .map((p) => normalise(p.email!));
      expect(emails).toContain(person.personalEmail);
    }
  });

  it('skews NPS to 8-10 with a tail of detractors whose comments are complaints', () => {
    const scores = responses.map(npsOf).filter((n) => n !== null);
    const promoters = scores.filter((n) => n.score >= 9);
    const detractors = scores.filter((n) => n.score <= 6);
    expect(promoters.length / scores.length).toBeGreaterThan(0.45);
    expect(detractors.length / scores.length).toBeGreaterThan(0.08);
    expect(detractors.length / scores.length).toBeLessThan(0.25);
    const reasons = (list: typeof scores) => new Set(list.map((n) => n.reason).filter((r) => r !== null));
    const praise = reasons(promoters);
    const complaints = reasons(detractors);
    expect(complaints.size).toBeGreaterThan(5);
    expect([...complaints].filter((c) => praise.has(c))).toEqual([]);
    // CSAT too is mostly 4-5.
    const csat = responses.flatMap((r) => r.answers.filter((a) => questions.get(a.qid)?.code === 'CSAT'));
    expect(csat.filter((a) => Number(a.value) >= 4).length / csat.length).toBeGreaterThan(0.6);
  });

  it('keeps incomplete responses with only their saved pages, and every time in the past and in order', () => {
    const incomplete = responses.filter((r) => r.submitdate === null);
    expect(incomplete.length).toBe(seed.stats.incompleteResponses);
    expect(incomplete.length / responses.length).toBeGreaterThan(0.05);
    for (const r of incomplete) {
      expect(r.lastpage === null ? r.answers : r.answers.filter((a) => questions.get(a.qid)!.page > 1)).toEqual([]);
    }
    const now = new Date(ctx.nowMs).toISOString();
    for (const r of responses) {
      expect(r.startdate < r.datestamp && r.datestamp <= now).toBe(true);
      if (r.submitdate !== null) expect(r.submitdate).toBe(r.datestamp);
    }
    const byToken = new Map(participants.map((p) => [`${p.sid}|${p.token}`, p]));
    for (const p of participants) expect(p.created <= p.modified && p.modified <= now).toBe(true);
    for (const r of responses.filter((x) => x.token !== null && x.submitdate !== null)) {
      const p = byToken.get(`${r.sid}|${r.token}`)!;
      expect(p.completed).toBe(r.submitdate!.slice(0, 16).replace('T', ' '));
      expect(p.modified >= r.submitdate!).toBe(true);
    }
  });

  it('writes a truth that matches the participants, with only the people’s own identifiers', () => {
    const people = new Map(ctx.people.map((p) => [p.id, p]));
    expect(seed.truth.map((t) => t.localId)).toEqual(participants.map((p) => String(p.tid)));
    participants.forEach((p, i) => {
      const record = seed.truth[i]!;
      const person = people.get(record.personId)!;
      expect(record.system).toBe(SURVEYS_SYSTEM);
      const expected = [];
      if (p.email?.trim()) expected.push({ kind: 'EMAIL', value: normalise(p.email) });
      if (p.phone) {
        // Read the way the identity graph reads it: with the participant's country, when there is one.
        const region = (p.country?.trim().toUpperCase() || undefined) as CountryCode | undefined;
        expected.push({ kind: 'PHONE', value: parsePhoneNumberFromString(p.phone, region)?.number });
      }
      expect(record.identifiers).toEqual(expected);
      for (const id of record.identifiers) {
        expect([person.personalEmail, person.workEmail, person.mobile]).toContain(id.value);
      }
    });
    // Messy the way invitation lists are: typed emails, work emails, national phones, records without identifiers.
    expect(participants.some((p) => p.email !== null && p.email !== normalise(p.email))).toBe(true);
    expect(seed.stats.participantsByWorkEmail).toBeGreaterThan(0);
    expect(participants.some((p) => p.phone !== null && !p.phone.startsWith('+'))).toBe(true);
    expect(seed.truth.some((t) => t.identifiers.length === 0)).toBe(true);
    expect(() => addSourceTruth(structuredClone(dataset.groundTruth), seed.truth)).not.toThrow();
  });
});

describe('loadSurveys', () => {
  const database = `c360_test_surveys_seed_${randomUUID().slice(0, 8)}`;
  const target = new URL(TEST_ENV.SURVEYS_DATABASE_URL!);
  target.pathname = `/${database}`;
  const url = target.toString();
  let pool: mysql.Pool;

  beforeAll(async () => {
    // A database of its own: loading replaces the demo surveys, which other tests must not see vanish.
    await ensureMariaDbDatabase(url, demoSchema('surveys'), createLogger('silent'));
    pool = mysql.createPool({ uri: url, timezone: 'Z' });
  });

  afterAll(async () => {
    await pool?.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await pool?.end();
  });

  it('replaces the demo surveys on every load, leaves other surveys alone, and serves what it wrote', async () => {
    const logs: string[] = [];
    await loadSurveys(seed.data, { pool, log: (m) => logs.push(m) });
    await pool.query(
      `INSERT INTO lime_surveys (sid, owner_id, language, datecreated) VALUES (999999, 1, 'en', '2024-01-01')`,
    );
    const result = await loadSurveys(seed.data, { pool });
    expect(result).toMatchObject({
      surveys: surveys.length,
      participants: participants.length,
      responses: responses.length,
      answers: seed.stats.answers,
    });
    expect(logs[0]).toMatch(/^seed: surveys \d+ surveys, \d+ participants, \d+ responses/);
    const count = async (table: string) =>
      (await pool.query<mysql.RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0][0]!.n as number;
    expect(await count('lime_surveys')).toBe(surveys.length + 1);
    expect(await count('lime_tokens')).toBe(participants.length);
    expect(await count('lime_responses')).toBe(responses.length);
    expect(await count('lime_response_answers')).toBe(seed.stats.answers);
    // The optimiser's statistics are those of what was written, not of the empty tables: the load ends with
    // ANALYZE TABLE … PERSISTENT FOR ALL (MariaDB's engine-independent statistics, which only ANALYZE writes).
    const [stats] = await pool.query<mysql.RowDataPacket[]>(
      `SELECT table_name AS t, cardinality AS n FROM mysql.table_stats
       WHERE db_name = ? AND table_name IN ('lime_tokens', 'lime_responses') ORDER BY table_name`,
      [database],
    );
    expect(stats.map((r) => [r.t, Number(r.n)])).toEqual([
      ['lime_responses', responses.length],
      ['lime_tokens', participants.length],
    ]);

    // An everywhere person, read back through the subgraph as the gateway would ask for it.
    const person = ctx.people.find((p) => p.everywhere)!;
    const records = seed.truth.filter((t) => t.personId === person.id);
    const latest = responses.find(
      (r) =>
        r.sid === DEMO_SURVEY_IDS.npsLatest &&
        participants.some((p) => p.token === r.token && records.some((t) => t.localId === String(p.tid))),
    )!;
    const subgraph = await startSurveysSubgraph({
      databaseUrl: url,
      logger: createLogger('silent'),
      host: '127.0.0.1',
    });
    try {
      const res = await postGraphQL(
        subgraph.url,
        /* GraphQL */ `
          query ($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Customer {
                latestNps {
                  score
                  answeredAt
                  survey {
                    surveyId
                    kind
                  }
                }
                averageCsat {
                  answerCount
                }
                surveyResponses(first: 100) {
                  totalCount
                }
              }
            }
          }
        `,
        {
          r: [
            {
              __typename: 'Customer',
              id: 'c1',
              sourceRecords: records.map((t) => ({ system: t.system, localId: t.localId })),
            },
          ],
        },
      );
      const [customer] = res.data!._entities;
      expect(customer.latestNps).toEqual({
        score: npsOf(latest)!.score,
        answeredAt: latest.submitdate,
        survey: { surveyId: String(DEMO_SURVEY_IDS.npsLatest), kind: 'NET_PROMOTER_SCORE' },
      });
      expect(customer.averageCsat.answerCount).toBeGreaterThanOrEqual(1);
      expect(customer.surveyResponses.totalCount).toBeGreaterThanOrEqual(2);
    } finally {
      await subgraph.stop();
    }
  });
});
