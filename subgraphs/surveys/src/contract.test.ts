import mysql from 'mysql2/promise';
import { encodeCursor } from '@c360/kit/feed';
import { createLogger } from '@c360/kit/logger';
import { postGraphQL } from '@c360/kit/testing';
import { TEST_ENV } from '@c360/test-setup/test-env';
import { startSurveysSubgraph } from '.';

const logger = createLogger('silent');
const url = TEST_ENV.SURVEYS_DATABASE_URL!;
// Ids far above the seeded ones, random per run, so that runs never collide.
const base = 900_000_000 + Math.floor(Math.random() * 90_000_000);
const id = (n: number) => base + n;
const [gNps, gCsat, gSupport] = [id(1), id(2), id(3)];
/** Surveys: NPS Q1 (en + fr), post-purchase CSAT, an anonymised NPS, NPS Q2. */
const [sNps, sCsat, sAnon, sNps2] = [id(1), id(2), id(3), id(4)];
/** Questions: NPS score and reason; CSAT score, choice and comment; anonymised NPS; NPS Q2 score and reason. */
const qNps = id(1),
  qWhy = id(2),
  qCsat = id(3),
  qChoice = id(4),
  qComment = id(5),
  qAnon = id(6),
  qNps2 = id(7),
  qWhy2 = id(8);
const [aPrice, aDelivery] = [id(1), id(2)];
/** Participants: Ann in NPS Q1, CSAT (work email), anonymised, NPS Q2; Bob in NPS Q1 and CSAT; Carol without email. */
const pAnnNps = id(1),
  pAnnCsat = id(2),
  pBobNps = id(3),
  pAnnAnon = id(4),
  pCarol = id(5),
  pBobCsat = id(6),
  pAnnNps2 = id(7);
const participants = [pAnnNps, pAnnCsat, pBobNps, pAnnAnon, pCarol, pBobCsat, pAnnNps2];
const r1 = id(1),
  r2 = id(2),
  r3 = id(3),
  r4 = id(4),
  r5 = id(5),
  r6 = id(6),
  r7 = id(7),
  r8 = id(8);
const responses = [r1, r2, r3, r4, r5, r6, r7, r8];
// The participants' change times: a slot of their own, far in the future, so that the feed
// can be read from just before it whatever else the table holds.
const slot = Date.UTC(2040, 0, 1) + Math.floor(Math.random() * 1e6) * 60_000;
const at = (ms: number) => new Date(slot + ms);
const dt = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
let db: mysql.Pool;
let surveys: Awaited<ReturnType<typeof startSurveysSubgraph>>;

const CUSTOMER_SURVEYS = /* GraphQL */ `
  query ($r: [_Any!]!, $first: Int, $after: String) {
    _entities(representations: $r) {
      ... on Customer {
        surveyResponses(first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              responseId
              participantId
              survey {
                surveyId
                title
                kind
              }
              completed
              submittedAt
              lastActivityAt
              language
              answers {
                questionCode
                questionText
                questionType
                score
                textAnswer
              }
            }
          }
        }
        latestNps {
          score
          category
          answeredAt
          responseId
          survey {
            surveyId
            title
          }
        }
        averageCsat {
          average
          answerCount
        }
      }
    }
  }
`;

const ann = {
  __typename: 'Customer',
  id: 'c-ann',
  sourceRecords: [
    ...[pAnnNps, pAnnCsat, pAnnAnon, pAnnNps2].map((p) => ({ system: 'surveys', localId: String(p) })),
    // Bob's participant id under another system's name: not a survey record of Ann.
    { system: 'crm', localId: String(pBobNps) },
  ],
};
const bob = {
  __typename: 'Customer',
  id: 'c-bob',
  sourceRecords: [pBobNps, pBobCsat].map((p) => ({ system: 'surveys', localId: String(p) })),
};
const nobody = { __typename: 'Customer', id: 'c-none', sourceRecords: [{ system: 'commerce', localId: '1' }] };

beforeAll(async () => {
  db = mysql.createPool({ uri: url, timezone: 'Z' });
  const q = (sql: string, values: unknown[]) => db.query(sql, values);
  await q(
    `INSERT INTO lime_surveys_groups (gsid, name, title, created, modified) VALUES
     (?, 'nps', 'Net Promoter Score', NOW(), NOW()), (?, 'csat', 'Satisfaction', NOW(), NOW()),
     (?, 'support', 'Support', NOW(), NOW())`,
    [gNps, gCsat, gSupport],
  );
  await q(
    `INSERT INTO lime_surveys (sid, gsid, owner_id, active, anonymized, language, additional_languages, datecreated) VALUES
     (?, ?, 1, 'N', 'N', 'en', 'fr', '2024-01-01'), (?, ?, 1, 'Y', 'N', 'en', '', '2024-01-02'),
     (?, ?, 1, 'Y', 'Y', 'en', '', '2024-01-03'), (?, ?, 1, 'Y', 'N', 'en', '', '2024-01-04')`,
    [sNps, gNps, sCsat, gCsat, sAnon, gNps, sNps2, gNps],
  );
  await q(
    `INSERT INTO lime_surveys_languagesettings (surveyls_survey_id, surveyls_language, surveyls_title) VALUES
     (?, 'en', 'Quarterly NPS Q1'), (?, 'fr', 'NPS trimestriel T1'), (?, 'en', 'Post-purchase satisfaction'),
     (?, 'en', 'Anonymous NPS'), (?, 'en', 'Quarterly NPS Q2')`,
    [sNps, sNps, sCsat, sAnon, sNps2],
  );
  await q(
    `INSERT INTO lime_questions (qid, sid, type, question_theme_name, title, mandatory, question_order) VALUES
     (?, ?, 'L', 'nps', 'NPS', 'Y', 1), (?, ?, 'T', 'longfreetext', 'WHY', 'N', 2),
     (?, ?, '5', '5pointchoice', 'CSAT', 'Y', 1), (?, ?, 'L', 'listradio', 'MATTER', 'N', 2),
     (?, ?, 'T', 'longfreetext', 'COMMENT', 'N', 3), (?, ?, 'L', 'nps', 'NPS', 'Y', 1),
     (?, ?, 'L', 'nps', 'NPS', 'Y', 1), (?, ?, 'T', 'longfreetext', 'WHY', 'N', 2)`,
    [qNps, sNps, qWhy, sNps, qCsat, sCsat, qChoice, sCsat, qComment, sCsat, qAnon, sAnon, qNps2, sNps2, qWhy2, sNps2],
  );
  await q(
    `INSERT INTO lime_question_l10ns (qid, question, language) VALUES
     (?, 'How likely are you to recommend us?', 'en'), (?, 'Quelle est la probabilité que vous nous recommandiez ?', 'fr'),
     (?, 'Why?', 'en'), (?, 'How satisfied are you?', 'en'), (?, 'What mattered most?', 'en'),
     (?, 'Anything else?', 'en'), (?, 'How likely are you to recommend us?', 'en'),
     (?, 'How likely are you to recommend us?', 'en'), (?, 'Why?', 'en')`,
    [qNps, qNps, qWhy, qCsat, qChoice, qComment, qAnon, qNps2, qWhy2],
  );
  await q(`INSERT INTO lime_answers (aid, qid, code, sortorder) VALUES (?, ?, 'A1', 1), (?, ?, 'A2', 2)`, [
    aPrice,
    qChoice,
    aDelivery,
    qChoice,
  ]);
  await q(`INSERT INTO lime_answer_l10ns (aid, answer, language) VALUES (?, 'Price', 'en'), (?, 'Delivery', 'en')`, [
    aPrice,
    aDelivery,
  ]);
  const participant = (
    tid: number,
    sid: number,
    first: string,
    last: string,
    email: string | null,
    phone: string | null,
    country: string | null,
    changed: Date,
  ) => [tid, sid, first, last, email, `tok-${tid}`, phone, country, '2024-01-01', dt(changed)];
  await q(
    `INSERT INTO lime_tokens (tid, sid, firstname, lastname, email, token, attribute_1, attribute_2, created, modified)
     VALUES ?`,
    [
      [
        participant(pAnnNps, sNps, 'Ann', 'Smith', ' Ann@Example.com ', '07911 123456', 'gb', at(1000)),
        participant(pAnnCsat, sCsat, 'ann', 'smith', 'ann.smith@work.example', null, null, at(2000)),
        participant(pBobNps, sNps, 'Bob', 'Jones', 'bob@example.com', null, null, at(2000)),
        participant(pAnnAnon, sAnon, 'Ann', 'Smith', 'ann@example.com', null, null, at(3000)),
        participant(pCarol, sCsat, 'Carol', '', '', null, null, at(4000)),
        participant(pBobCsat, sCsat, 'Bob', 'Jones', 'bob@example.com', '+33 6 12 34 56 78', 'FR', at(5000)),
        participant(pAnnNps2, sNps2, 'Ann', 'Smith', 'ann@example.com', null, null, at(6000)),
      ],
    ],
  );
  const response = (rid: number, sid: number, tid: number, submitted: string | null, stamp: string, lang = 'en') => [
    rid,
    sid,
    `tok-${tid}`,
    submitted,
    submitted ? 2 : 1,
    lang,
    stamp,
    stamp,
  ];
  await q(
    `INSERT INTO lime_responses (id, sid, token, submitdate, lastpage, startlanguage, startdate, datestamp) VALUES ?`,
    [
      [
        response(r1, sNps, pAnnNps, '2024-03-01 10:00:00', '2024-03-01 10:00:00', 'fr'),
        response(r2, sCsat, pAnnCsat, '2024-04-01 10:00:00', '2024-04-01 10:00:00'),
        response(r3, sNps2, pAnnNps2, '2024-05-01 10:00:00', '2024-05-01 10:00:00'),
        // Abandoned after the first page: listed, but not in the scores.
        response(r4, sCsat, pAnnCsat, null, '2024-06-01 10:00:00'),
        // Anonymised survey: never linked to Ann, though the token matches.
        response(r5, sAnon, pAnnAnon, '2024-07-01 10:00:00', '2024-07-01 10:00:00'),
        response(r6, sNps, pBobNps, '2024-02-01 10:00:00', '2024-02-01 10:00:00'),
        response(r7, sCsat, pBobCsat, '2024-02-02 10:00:00', '2024-02-02 10:00:00'),
        response(r8, sCsat, pBobCsat, '2024-02-03 10:00:00', '2024-02-03 10:00:00'),
      ],
    ],
  );
  await q(`INSERT INTO lime_response_answers (response_id, qid, value) VALUES ?`, [
    [
      [r1, qNps, '9'],
      [r1, qWhy, 'Great service'],
      [r2, qCsat, '4'],
      [r2, qChoice, 'A2'],
      [r2, qComment, ''],
      [r3, qNps2, '3'],
      [r3, qWhy2, 'My parcel arrived two weeks late.'],
      [r4, qCsat, '1'],
      [r5, qAnon, '0'],
      [r6, qNps, '7'],
      [r7, qCsat, '5'],
      [r8, qCsat, '2'],
      // Not a valid score: shown as an answer without a score, and left out of the average.
      [r8, qChoice, 'A1'],
    ],
  ]);
  surveys = await startSurveysSubgraph({ databaseUrl: url, logger, host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await surveys?.stop();
  const all = [1, 2, 3, 4, 5, 6, 7, 8].map(id);
  await db.query('DELETE FROM lime_response_answers WHERE response_id IN (?)', [responses]);
  await db.query('DELETE FROM lime_responses WHERE id IN (?)', [responses]);
  await db.query('DELETE FROM lime_tokens WHERE tid IN (?)', [participants]);
  await db.query('DELETE FROM lime_answer_l10ns WHERE aid IN (?)', [[aPrice, aDelivery]]);
  await db.query('DELETE FROM lime_answers WHERE aid IN (?)', [[aPrice, aDelivery]]);
  await db.query('DELETE FROM lime_question_l10ns WHERE qid IN (?)', [all]);
  await db.query('DELETE FROM lime_questions WHERE qid IN (?)', [all]);
  await db.query('DELETE FROM lime_surveys_languagesettings WHERE surveyls_survey_id IN (?)', [all]);
  await db.query('DELETE FROM lime_surveys WHERE sid IN (?)', [all]);
  await db.query('DELETE FROM lime_surveys_groups WHERE gsid IN (?)', [all]);
  await db.end();
});

type Node = { responseId: string };
const ids = (page: { edges: { node: Node }[] }) => page.edges.map((e) => e.node.responseId);

describe('surveys subgraph contract', () => {
  it('publishes its SDL with the Customer extension', async () => {
    const res = await postGraphQL(surveys.url, '{ _service { sdl } }');
    const sdl: string = res.data?._service.sdl;
    expect(sdl).toContain('latestNps: NpsAnswer @requires(fields: "sourceRecords { system localId }")');
    expect(sdl).toContain('averageCsat: CsatAverage @requires(fields: "sourceRecords { system localId }")');
    expect(sdl).toMatch(/surveyResponses\([\s\S]*\): SurveyResponseConnection @requires/);
  });

  it("resolves customers' responses, answers and scores from their own survey records, one query per level", async () => {
    const before = surveys.db.stats.queries;
    const res = await postGraphQL(surveys.url, CUSTOMER_SURVEYS, { first: 2, r: [ann, bob, nobody] });
    expect(res.errors).toBeUndefined();
    const [a, b, none] = res.data!._entities;
    expect(a).toEqual({
      surveyResponses: {
        totalCount: 4,
        pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
        edges: [
          {
            node: {
              responseId: String(r4),
              participantId: String(pAnnCsat),
              survey: { surveyId: String(sCsat), title: 'Post-purchase satisfaction', kind: 'CUSTOMER_SATISFACTION' },
              completed: false,
              submittedAt: null,
              lastActivityAt: '2024-06-01T10:00:00.000Z',
              language: 'en',
              answers: [
                {
                  questionCode: 'CSAT',
                  questionText: 'How satisfied are you?',
                  questionType: 'CSAT',
                  score: 1,
                  textAnswer: null,
                },
              ],
            },
          },
          {
            node: {
              responseId: String(r3),
              participantId: String(pAnnNps2),
              survey: { surveyId: String(sNps2), title: 'Quarterly NPS Q2', kind: 'NET_PROMOTER_SCORE' },
              completed: true,
              submittedAt: '2024-05-01T10:00:00.000Z',
              lastActivityAt: '2024-05-01T10:00:00.000Z',
              language: 'en',
              answers: [
                {
                  questionCode: 'NPS',
                  questionText: 'How likely are you to recommend us?',
                  questionType: 'NPS',
                  score: 3,
                  textAnswer: null,
                },
                {
                  questionCode: 'WHY',
                  questionText: 'Why?',
                  questionType: 'FREE_TEXT',
                  score: null,
                  textAnswer: 'My parcel arrived two weeks late.',
                },
              ],
            },
          },
        ],
      },
      // The Q2 answer is newer than the 9 of Q1; the anonymised 0 is never Ann's.
      latestNps: {
        score: 3,
        category: 'DETRACTOR',
        answeredAt: '2024-05-01T10:00:00.000Z',
        responseId: String(r3),
        survey: { surveyId: String(sNps2), title: 'Quarterly NPS Q2' },
      },
      // The abandoned response's 1 does not count.
      averageCsat: { average: 4, answerCount: 1 },
    });
    expect(ids(b.surveyResponses)).toEqual([String(r8), String(r7)]);
    expect(b.surveyResponses.totalCount).toBe(3);
    expect(b.latestNps).toMatchObject({ score: 7, category: 'PASSIVE', responseId: String(r6) });
    expect(b.averageCsat).toEqual({ average: 3.5, answerCount: 2 });
    expect(b.surveyResponses.edges[0].node.answers).toEqual([
      {
        questionCode: 'CSAT',
        questionText: 'How satisfied are you?',
        questionType: 'CSAT',
        score: 2,
        textAnswer: null,
      },
      {
        questionCode: 'MATTER',
        questionText: 'What mattered most?',
        questionType: 'SINGLE_CHOICE',
        score: null,
        textAnswer: 'Price',
      },
    ]);
    expect(none).toEqual({
      surveyResponses: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] },
      latestNps: null,
      averageCsat: null,
    });
    // Responses pages, scores (latestNps and averageCsat together), answers: one round trip each.
    expect(surveys.db.stats.queries - before).toBe(3);
  });

  it('pages through responses with the cursor, in the respondent language', async () => {
    const first = await postGraphQL(surveys.url, CUSTOMER_SURVEYS, { first: 2, r: [ann] });
    const page1 = first.data!._entities[0].surveyResponses;
    const next = await postGraphQL(surveys.url, CUSTOMER_SURVEYS, {
      first: 2,
      after: page1.pageInfo.endCursor,
      r: [ann],
    });
    const page2 = next.data!._entities[0].surveyResponses;
    expect(ids(page2)).toEqual([String(r2), String(r1)]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect(page2.totalCount).toBe(4);
    const [csat, nps] = page2.edges.map((e: { node: unknown }) => e.node);
    // The blank comment is no answer; the choice shows its label.
    expect(csat.answers.map((x: { textAnswer: string | null }) => x.textAnswer)).toEqual([null, 'Delivery', null]);
    expect(nps.language).toBe('fr');
    expect(nps.answers[0]).toEqual({
      questionCode: 'NPS',
      questionText: 'Quelle est la probabilité que vous nous recommandiez ?',
      questionType: 'NPS',
      score: 9,
      textAnswer: null,
    });
    // Untranslated questions fall back to the survey's base language.
    expect(nps.answers[1]).toMatchObject({ questionText: 'Why?', textAnswer: 'Great service' });

    const end = await postGraphQL(surveys.url, CUSTOMER_SURVEYS, { after: page2.pageInfo.endCursor, r: [ann] });
    expect(end.data!._entities[0].surveyResponses).toEqual({
      totalCount: 4,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
  });

  it('rejects a bad page size or cursor with BAD_USER_INPUT naming the argument', async () => {
    for (const first of [0, 101]) {
      const res = await postGraphQL(surveys.url, CUSTOMER_SURVEYS, { r: [ann], first });
      expect(res.errors?.[0]).toMatchObject({
        path: ['_entities', 0, 'surveyResponses'],
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      });
      expect(res.errors?.[0]?.message).toContain(`received ${first}`);
      // The other fields still answer.
      expect(res.data!._entities[0].latestNps).toMatchObject({ score: 3 });
    }
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    for (const after of ['nope', forged]) {
      const res = await postGraphQL(surveys.url, CUSTOMER_SURVEYS, { r: [ann], after });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      expect(res.errors?.[0]?.message).toContain(`received "${after}"`);
    }
  });

  it('answers a survey by id with its questions, and an unknown survey with null', async () => {
    const res = await postGraphQL(
      surveys.url,
      /* GraphQL */ `
        query ($id: ID!) {
          survey(surveyId: $id) {
            surveyId
            title
            kind
            active
            language
            createdAt
            questions {
              code
              text
              type
              mandatory
            }
          }
          unknown: survey(surveyId: "1") {
            surveyId
          }
          garbage: survey(surveyId: "abc") {
            surveyId
          }
        }
      `,
      { id: String(sCsat) },
    );
    expect(res).toEqual({
      status: 200,
      data: {
        survey: {
          surveyId: String(sCsat),
          title: 'Post-purchase satisfaction',
          kind: 'CUSTOMER_SATISFACTION',
          active: true,
          language: 'en',
          createdAt: '2024-01-02T00:00:00.000Z',
          questions: [
            { code: 'CSAT', text: 'How satisfied are you?', type: 'CSAT', mandatory: true },
            { code: 'MATTER', text: 'What mattered most?', type: 'SINGLE_CHOICE', mandatory: false },
            { code: 'COMMENT', text: 'Anything else?', type: 'FREE_TEXT', mandatory: false },
          ],
        },
        unknown: null,
        garbage: null,
      },
    });
  });

  it('feeds participants in change order after the watermark, with their identifiers as invited', async () => {
    const start = { updatedAt: at(0).toISOString(), localId: '0' };
    const mine = (records: { localId: string }[]) => records.filter((r) => participants.includes(Number(r.localId)));
    const page1 = await surveys.db.feed(start, 3);
    expect(page1.records).toEqual([
      {
        system: 'surveys',
        localId: String(pAnnNps),
        observedAt: at(1000).toISOString(),
        name: 'Ann Smith',
        match: { givenName: 'Ann', familyName: 'Smith', country: 'gb' },
        identifiers: [
          { kind: 'EMAIL', value: ' Ann@Example.com ' },
          { kind: 'PHONE', value: '07911 123456', region: 'GB' },
        ],
      },
      // Same change time: ordered by id.
      expect.objectContaining({ localId: String(pAnnCsat), name: 'ann smith' }),
      expect.objectContaining({ localId: String(pBobNps) }),
    ]);
    const page2 = await surveys.db.feed(page1.positions[2]!, 3);
    expect(page2.records).toEqual([
      expect.objectContaining({ localId: String(pAnnAnon) }),
      // Added by hand without an email: a record without identifiers.
      {
        system: 'surveys',
        localId: String(pCarol),
        observedAt: at(4000).toISOString(),
        name: 'Carol',
        match: { givenName: 'Carol', familyName: '', country: null },
        identifiers: [],
      },
      expect.objectContaining({
        localId: String(pBobCsat),
        identifiers: [
          { kind: 'EMAIL', value: 'bob@example.com' },
          { kind: 'PHONE', value: '+33 6 12 34 56 78', region: 'FR' },
        ],
      }),
    ]);
    const page3 = await surveys.db.feed(page2.positions[2]!, 3);
    expect(mine(page3.records).map((r) => r.localId)).toEqual([String(pAnnNps2)]);
    // Replaying from the last watermark gives nothing new.
    const replay = await surveys.db.feed(page3.positions[0]!, 100);
    expect(mine(replay.records)).toEqual([]);

    // The same feed over HTTP, for the identity graph.
    const http = await fetch(
      `${surveys.url.replace(/\/graphql$/, '/observations')}?limit=2&after=${encodeCursor(page1.positions[2]!)}`,
    );
    const body = (await http.json()) as { records: { localId: string }[]; hasMore: boolean; nextCursor: string };
    expect(body.records.map((r) => r.localId)).toEqual([String(pAnnAnon), String(pCarol)]);
    expect(body.hasMore).toBe(true);
    expect(body.nextCursor).toBe(encodeCursor(page2.positions[1]!));
  });

  it('answers null with a SOURCE_UNAVAILABLE error naming the source when the survey tool is down', async () => {
    const down = await startSurveysSubgraph({
      databaseUrl: 'mysql://root@127.0.0.1:1/c360_test_surveys',
      sourceTimeoutMs: 500,
      logger,
      host: '127.0.0.1',
      port: 0,
    });
    try {
      const res = await postGraphQL(down.url, CUSTOMER_SURVEYS, { r: [ann] });
      expect(res.data).toEqual({ _entities: [{ surveyResponses: null, latestNps: null, averageCsat: null }] });
      const unavailable = (field: string) =>
        expect.objectContaining({
          path: ['_entities', 0, field],
          extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE', source: 'surveys' }),
        });
      expect(res.errors).toEqual(
        expect.arrayContaining([unavailable('surveyResponses'), unavailable('latestNps'), unavailable('averageCsat')]),
      );
      expect(res.errors).toHaveLength(3);
      const health = await fetch(down.url.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(503);
      const feed = await fetch(down.url.replace(/\/graphql$/, '/observations'));
      expect(feed.status).toBe(503);
      // Still serving.
      expect(await postGraphQL(down.url, '{ __typename }')).toEqual({ status: 200, data: { __typename: 'Query' } });
    } finally {
      await down.stop();
    }
  });
});
