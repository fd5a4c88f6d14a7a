/**
 * Demo survey tool: the surveys the company ran and what the demo people
 * answered, as a self-hosted LimeSurvey-like database holds it
 * (demo/sources/surveys/schema.sql): surveys filed in groups, questions with
 * their translations and answer options, survey participants (one per person
 * invited to one survey, with name and email as the invitation list had them),
 * responses (incomplete ones too) and their answers.
 *
 * About 30 % of the people answered at least one survey, and a few more were
 * invited and never answered. Every `everywhere` person submitted a
 * post-purchase CSAT response and an NPS response, each with a comment.
 * Scores are distributed the way real ones are (NPS skewed to 8-10 with a tail
 * of detractors whose comments read like complaints). The participant lists
 * are messy: emails with stray capitals and spaces, some people invited by
 * work email, names typed in lower case, phones (post-purchase list only) in
 * national formats, and a few participants added by hand without any email.
 * An anonymous usability survey holds responses that belong to nobody.
 *
 * Pure and deterministic (one seeded faker stream, times from `nowMs`); the
 * loader at the bottom writes the result into MariaDB.
 */
import type { Faker } from '@faker-js/faker';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { analyzeMysql } from '../analyze';
import { sourceFaker, type DemoPerson, type SourceSeedContext, type SourceTruthRecord } from './contract';

/** This source's random stream (see sourceFaker). */
export const SURVEYS_STREAM = 2004;
export const SURVEYS_SYSTEM = 'surveys';

/** Share of the people (besides the `everywhere` ones) who answered at least one survey. */
const RESPONDENT_SHARE = 0.27;
/** Share of the other people who were invited once and never answered. */
const INVITED_ONLY_SHARE = 0.07;
/** Anonymous usability responses, per person of the population. */
const ANONYMOUS_RESPONSES_PER_PERSON = 0.04;
const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

type Language = 'en' | 'fr' | 'de' | 'es';
type Texts = Partial<Record<Language, string>> & { en: string };
/** LimeSurvey's one-letter question types this demo uses. */
type QuestionTypeCode = '5' | 'L' | '!' | 'T' | 'S' | 'N';

/** A survey group (`lime_surveys_groups`): this deployment files surveys by kind. */
export interface SurveyGroup {
  gsid: number;
  name: string;
  title: string;
  sortorder: number;
  created: string;
}

export interface SurveyAnswerOption {
  aid: number;
  code: string;
  sortorder: number;
  labels: Texts;
}

export interface SurveyQuestion {
  qid: number;
  type: QuestionTypeCode;
  /** LimeSurvey question theme; 'nps' marks this deployment's NPS questions. */
  theme: string;
  /** Question code (`title` in LimeSurvey). */
  code: string;
  mandatory: 'Y' | 'N';
  order: number;
  /** The survey page the question is on (LimeSurvey's question group), 1 or 2. */
  page: number;
  texts: Texts;
  options: SurveyAnswerOption[];
}

/** A survey with its titles (`lime_surveys_languagesettings`) and questions. */
export interface Survey {
  sid: number;
  gsid: number;
  active: 'Y' | 'N';
  anonymized: 'Y' | 'N';
  language: 'en';
  additionalLanguages: Language[];
  /** ISO-8601 UTC, as every time below. */
  datecreated: string;
  startdate: string | null;
  expires: string | null;
  /** Descriptions of the participants' custom attributes (JSON), for surveys whose lists carry them. */
  attributedescriptions: string | null;
  titles: Texts;
  questions: SurveyQuestion[];
}

/** A row of `lime_tokens`: one person invited to one survey, as invited. */
export interface SurveyParticipant {
  tid: number;
  sid: number;
  firstname: string | null;
  lastname: string | null;
  email: string | null;
  emailstatus: 'OK' | 'bounced';
  token: string;
  language: Language;
  /** 'N' or LimeSurvey's 'YYYY-MM-DD HH:MM'. */
  sent: string;
  remindersent: string;
  remindercount: number;
  completed: string;
  usesleft: number;
  /** attribute_1: mobile phone as the invitation list had it. */
  phone: string | null;
  /** attribute_2: country, ISO 3166-1 alpha-2, as the invitation list had it. */
  country: string | null;
  created: string;
  modified: string;
}

/** A row of `lime_responses` with its answers (`lime_response_answers`). */
export interface SurveyResponseRecord {
  id: number;
  sid: number;
  /** Null in anonymised surveys. */
  token: string | null;
  /** Null while incomplete. */
  submitdate: string | null;
  lastpage: number | null;
  startlanguage: Language;
  seed: string;
  startdate: string;
  datestamp: string;
  answers: Array<{ qid: number; value: string }>;
}

export interface SurveysData {
  groups: SurveyGroup[];
  surveys: Survey[];
  participants: SurveyParticipant[];
  responses: SurveyResponseRecord[];
}

export interface SurveysStats {
  surveys: number;
  participants: number;
  /** People with at least one response. */
  respondents: number;
  /** People invited who never answered. */
  invitedOnly: number;
  responses: number;
  completeResponses: number;
  incompleteResponses: number;
  anonymousResponses: number;
  answers: number;
  participantsByWorkEmail: number;
  participantsWithoutEmail: number;
  participantsWithPhone: number;
  npsPromoters: number;
  npsPassives: number;
  npsDetractors: number;
}

export interface SurveysSeed {
  data: SurveysData;
  truth: SourceTruthRecord[];
  stats: SurveysStats;
}

// ---------------------------------------------------------------------------
// Surveys

const GROUPS: Array<Omit<SurveyGroup, 'created'>> = [
  { gsid: 1, name: 'default', title: 'Default', sortorder: 0 },
  { gsid: 2, name: 'csat', title: 'Customer satisfaction', sortorder: 1 },
  { gsid: 3, name: 'nps', title: 'Net Promoter Score', sortorder: 2 },
  { gsid: 4, name: 'support', title: 'Support follow-up', sortorder: 3 },
  { gsid: 5, name: 'product', title: 'Product feedback', sortorder: 4 },
];

/** The demo's survey ids (LimeSurvey draws random 6-digit ones). */
export const DEMO_SURVEY_IDS = {
  postPurchase: 174532,
  npsPrevious: 265118,
  npsLatest: 265119,
  support: 389204,
  product: 451867,
  usability: 538710,
} as const;

interface QuestionSpec {
  type: QuestionTypeCode;
  theme: string;
  code: string;
  mandatory?: boolean;
  page: number;
  texts: Texts;
  options?: Array<{ code: string; labels: Texts }>;
}

const NPS_QUESTIONS: QuestionSpec[] = [
  {
    type: 'L',
    theme: 'nps',
    code: 'NPS',
    mandatory: true,
    page: 1,
    texts: {
      en: 'How likely are you to recommend us to a friend or colleague?',
      fr: 'Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?',
      de: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?',
      es: '¿Qué probabilidad hay de que nos recomiende a un amigo o colega?',
    },
    options: Array.from({ length: 11 }, (_, score) => ({
      code: String(score),
      labels: {
        en: score === 0 ? '0 - Not at all likely' : score === 10 ? '10 - Extremely likely' : String(score),
      },
    })),
  },
  {
    type: 'T',
    theme: 'longfreetext',
    code: 'REASON',
    page: 2,
    texts: {
      en: 'What is the main reason for your score?',
      fr: 'Quelle est la principale raison de votre note ?',
      de: 'Was ist der wichtigste Grund für Ihre Bewertung?',
      es: '¿Cuál es el motivo principal de su puntuación?',
    },
  },
];

const POST_PURCHASE_QUESTIONS: QuestionSpec[] = [
  {
    type: '5',
    theme: '5pointchoice',
    code: 'CSAT',
    mandatory: true,
    page: 1,
    texts: { en: 'Overall, how satisfied are you with your recent order?' },
  },
  {
    type: 'L',
    theme: 'listradio',
    code: 'MATTER',
    page: 1,
    texts: { en: 'What mattered most to you in this order?' },
    options: [
      { code: 'A1', labels: { en: 'Price' } },
      { code: 'A2', labels: { en: 'Delivery speed' } },
      { code: 'A3', labels: { en: 'Product quality' } },
      { code: 'A4', labels: { en: 'Choice of products' } },
      { code: 'A5', labels: { en: 'Customer service' } },
    ],
  },
  {
    type: 'T',
    theme: 'longfreetext',
    code: 'COMMENT',
    page: 2,
    texts: { en: 'Is there anything we could have done better?' },
  },
];

const SUPPORT_QUESTIONS: QuestionSpec[] = [
  {
    type: '5',
    theme: '5pointchoice',
    code: 'CSAT',
    mandatory: true,
    page: 1,
    texts: { en: 'How satisfied are you with the help you received?' },
  },
  {
    type: 'L',
    theme: 'listradio',
    code: 'RESOLVED',
    page: 1,
    texts: { en: 'Was your issue resolved?' },
    options: [
      { code: 'Y', labels: { en: 'Yes' } },
      { code: 'P', labels: { en: 'Partly' } },
      { code: 'N', labels: { en: 'No' } },
    ],
  },
  {
    type: 'T',
    theme: 'longfreetext',
    code: 'COMMENT',
    page: 2,
    texts: { en: 'How could we have helped you better?' },
  },
];

const PRODUCT_QUESTIONS: QuestionSpec[] = [
  {
    type: '!',
    theme: 'list_dropdown',
    code: 'CATEGORY',
    page: 1,
    texts: { en: 'Which product category do you buy most often?' },
    options: ['Home', 'Fashion', 'Electronics', 'Beauty', 'Garden', 'Sports'].map((label, i) => ({
      code: `C${i + 1}`,
      labels: { en: label },
    })),
  },
  {
    type: '5',
    theme: '5pointchoice',
    code: 'RANGE',
    mandatory: true,
    page: 1,
    texts: { en: 'How satisfied are you with our product range?' },
  },
  {
    type: 'S',
    theme: 'shortfreetext',
    code: 'WISH',
    page: 2,
    texts: { en: 'Which product would you like us to sell?' },
  },
];

const USABILITY_QUESTIONS: QuestionSpec[] = [
  {
    type: 'N',
    theme: 'numerical',
    code: 'VISITS',
    page: 1,
    texts: { en: 'How many times did you visit our website last month?' },
  },
  {
    type: 'T',
    theme: 'longfreetext',
    code: 'IMPROVE',
    page: 2,
    texts: { en: 'What would make our website easier to use?' },
  },
];

/** What a survey is for, in the demo: which questions, when it ran, who was invited. */
type Purpose = 'postPurchase' | 'npsPrevious' | 'npsLatest' | 'support' | 'product' | 'usability';

interface SurveyPlan {
  purpose: Purpose;
  survey: Survey;
  /** Invitations are sent in [from, to]; responses come in until `closes`. */
  from: number;
  to: number;
  closes: number;
}

/** Start of the calendar quarter holding `ms` (UTC). */
function quarterStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

const quarterLabel = (ms: number) => {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), quarter: Math.floor(d.getUTCMonth() / 3) + 1 };
};

function buildSurveys(nowMs: number): SurveyPlan[] {
  let qid = 1000;
  let aid = 2000;
  const questions = (specs: QuestionSpec[]): SurveyQuestion[] =>
    specs.map((spec, i) => ({
      qid: ++qid,
      type: spec.type,
      theme: spec.theme,
      code: spec.code,
      mandatory: spec.mandatory ? 'Y' : 'N',
      order: i + 1,
      page: spec.page,
      texts: spec.texts,
      options: (spec.options ?? []).map((o, j) => ({ aid: ++aid, code: o.code, sortorder: j + 1, labels: o.labels })),
    }));
  const survey = (
    sid: number,
    gsid: number,
    titles: Texts,
    specs: QuestionSpec[],
    created: number,
    start: number,
    expires: number | null,
    extra: Partial<Survey> = {},
  ): Survey => ({
    sid,
    gsid,
    active: expires === null || expires > nowMs ? 'Y' : 'N',
    anonymized: 'N',
    language: 'en',
    additionalLanguages: [],
    datecreated: iso(created),
    startdate: iso(start),
    expires: expires === null ? null : iso(expires),
    attributedescriptions: null,
    titles,
    questions: questions(specs),
    ...extra,
  });

  // Quarterly NPS waves: fielded for six weeks from a week after the quarter
  // ended. The latest wave is the last one that has been open a week by now.
  let latestQuarter = quarterStart(nowMs);
  while (waveStart(latestQuarter) > nowMs - 7 * DAY_MS) latestQuarter = quarterStart(latestQuarter - DAY_MS);
  const previousQuarter = quarterStart(latestQuarter - DAY_MS);
  const nps = (sid: number, quarter: number): Survey => {
    const { year, quarter: q } = quarterLabel(quarter);
    const start = waveStart(quarter);
    return survey(
      sid,
      3,
      {
        en: `Customer relationship survey Q${q} ${year}`,
        fr: `Enquête relation client T${q} ${year}`,
        de: `Kundenzufriedenheitsumfrage Q${q} ${year}`,
        es: `Encuesta de relación con clientes T${q} ${year}`,
      },
      NPS_QUESTIONS,
      start - 10 * DAY_MS,
      start,
      start + 42 * DAY_MS,
      { additionalLanguages: ['fr', 'de', 'es'] },
    );
  };
  const npsPlan = (purpose: Purpose, sid: number, quarter: number): SurveyPlan => {
    const start = waveStart(quarter);
    return {
      purpose,
      survey: nps(sid, quarter),
      from: start,
      to: start + 2 * DAY_MS,
      closes: Math.min(start + 42 * DAY_MS, nowMs - HOUR_MS),
    };
  };
  const productStart = nowMs - 220 * DAY_MS;
  const usabilityStart = nowMs - 300 * DAY_MS;
  const ids = DEMO_SURVEY_IDS;
  const attributes = JSON.stringify({
    attribute_1: { description: 'Mobile phone', mandatory: 'N', show_register: 'N', cpdbmap: '' },
    attribute_2: { description: 'Country', mandatory: 'N', show_register: 'N', cpdbmap: '' },
  });
  return [
    {
      purpose: 'postPurchase',
      survey: survey(
        ids.postPurchase,
        2,
        { en: 'Post-purchase satisfaction' },
        POST_PURCHASE_QUESTIONS,
        nowMs - 3 * 365 * DAY_MS,
        nowMs - 3 * 365 * DAY_MS + DAY_MS,
        null,
        { attributedescriptions: attributes },
      ),
      from: nowMs - 900 * DAY_MS,
      to: nowMs - DAY_MS,
      closes: nowMs - HOUR_MS,
    },
    npsPlan('npsPrevious', ids.npsPrevious, previousQuarter),
    npsPlan('npsLatest', ids.npsLatest, latestQuarter),
    {
      purpose: 'support',
      survey: survey(
        ids.support,
        4,
        { en: 'Support follow-up' },
        SUPPORT_QUESTIONS,
        nowMs - 600 * DAY_MS,
        nowMs - 600 * DAY_MS,
        null,
      ),
      from: nowMs - 590 * DAY_MS,
      to: nowMs - DAY_MS,
      closes: nowMs - HOUR_MS,
    },
    {
      purpose: 'product',
      survey: survey(
        ids.product,
        5,
        { en: 'Product range feedback' },
        PRODUCT_QUESTIONS,
        productStart - 14 * DAY_MS,
        productStart,
        productStart + 45 * DAY_MS,
      ),
      from: productStart,
      to: productStart + 3 * DAY_MS,
      closes: productStart + 45 * DAY_MS,
    },
    {
      purpose: 'usability',
      survey: survey(
        ids.usability,
        1,
        { en: 'Website usability (anonymous)' },
        USABILITY_QUESTIONS,
        usabilityStart - 7 * DAY_MS,
        usabilityStart,
        null,
        { anonymized: 'Y' },
      ),
      from: usabilityStart,
      to: nowMs - DAY_MS,
      closes: nowMs - HOUR_MS,
    },
  ];
}

const waveStart = (quarter: number) => quarterStart(quarter + 100 * DAY_MS) + 7 * DAY_MS;

// ---------------------------------------------------------------------------
// What people write

type Mood = 'good' | 'neutral' | 'bad';

const COMMENTS: Record<'purchase' | 'support' | 'usability', Record<Mood, string[]>> = {
  purchase: {
    good: [
      'Fast delivery and great quality, I recommend you to all my friends.',
      'Always easy to order and the products are exactly as described.',
      'The {product} is perfect, and it arrived the next day.',
      'Good prices and a wide choice, nothing to complain about.',
      'Customer service sorted out my question in minutes.',
      'Love the regular offers and the easy returns.',
      'Great packaging, everything arrived in perfect condition.',
    ],
    neutral: [
      'Good overall, but delivery could be faster.',
      'Prices went up lately, I compare more before ordering.',
      'Fine, nothing special.',
      'The website is a bit slow on my phone.',
      'The {product} is OK but smaller than it looked in the pictures.',
      'Decent, but the delivery slot options are limited.',
    ],
    bad: [
      'My parcel arrived two weeks late and nobody answered my emails.',
      'The {product} broke after a week and the refund took forever.',
      'I was charged twice for the same order and still wait for my money.',
      'Items missing from my order and the return label did not work.',
      'Customer service never called me back. Very disappointed.',
      'Too expensive for the quality you get.',
      'The {product} arrived damaged, second time this happens.',
      'Delivery driver left the parcel in the rain, everything soaked.',
    ],
  },
  support: {
    good: [
      'The agent was friendly and solved my problem on the first call.',
      'Quick answer by chat, thank you.',
      'Very helpful, they replaced the {product} without any fuss.',
    ],
    neutral: [
      'It took three emails to get an answer, but it was solved in the end.',
      'The agent was nice but had to transfer me twice.',
      'Solved, but I waited 25 minutes on hold.',
    ],
    bad: [
      'I explained my problem four times to four different people.',
      'Ticket closed without any solution.',
      'Nobody answered for a week, then I got a copy-paste reply.',
      'They promised a refund for the {product} and nothing happened.',
    ],
  },
  usability: {
    good: ['Nothing, it works well.', 'Search works great.'],
    neutral: ['Filters reset when I go back to the list.', 'Make the checkout shorter.'],
    bad: ['The site is really slow on mobile.', 'I could never find the delivery costs before checkout.'],
  },
};

/** How likely someone is to write a comment when asked, by mood. */
const COMMENT_CHANCE: Record<Mood, number> = { good: 0.45, neutral: 0.5, bad: 0.85 };

const NPS_WEIGHTS = [2, 1, 1, 2, 2, 3, 4, 9, 17, 27, 32];
const CSAT_WEIGHTS: Record<'postPurchase' | 'support' | 'product', number[]> = {
  postPurchase: [5, 7, 13, 37, 38],
  support: [11, 9, 12, 30, 38],
  product: [4, 10, 25, 40, 21],
};

const LANGUAGE_OF: Record<DemoPerson['country'], Language> = { FR: 'fr', GB: 'en', US: 'en', DE: 'de', ES: 'es' };

// ---------------------------------------------------------------------------
// Generation

/** The outcome of one invitation. */
type Outcome = 'complete' | 'incomplete' | 'none';

class SurveysGenerator {
  private readonly f: Faker;
  private readonly plans: SurveyPlan[];
  private readonly data: SurveysData;
  private readonly truth: SourceTruthRecord[] = [];
  private readonly tokens = new Set<string>();
  private nextTid = 1;
  private nextResponseId = 1;
  private readonly stats: SurveysStats;

  constructor(private readonly ctx: SourceSeedContext) {
    this.f = sourceFaker(ctx.seed, SURVEYS_STREAM);
    this.plans = buildSurveys(ctx.nowMs);
    const created = iso(ctx.nowMs - 4 * 365 * DAY_MS);
    this.data = {
      groups: GROUPS.map((g) => ({ ...g, created })),
      surveys: this.plans.map((p) => p.survey),
      participants: [],
      responses: [],
    };
    this.stats = {
      surveys: this.plans.length,
      participants: 0,
      respondents: 0,
      invitedOnly: 0,
      responses: 0,
      completeResponses: 0,
      incompleteResponses: 0,
      anonymousResponses: 0,
      answers: 0,
      participantsByWorkEmail: 0,
      participantsWithoutEmail: 0,
      participantsWithPhone: 0,
      npsPromoters: 0,
      npsPassives: 0,
      npsDetractors: 0,
    };
  }

  run(): SurveysSeed {
    for (const person of this.ctx.people) this.person(person);
    this.anonymousResponses();
    const { data, stats } = this;
    stats.participants = data.participants.length;
    stats.responses = data.responses.length;
    stats.completeResponses = data.responses.filter((r) => r.submitdate !== null).length;
    stats.incompleteResponses = stats.responses - stats.completeResponses;
    stats.answers = data.responses.reduce((n, r) => n + r.answers.length, 0);
    return { data, truth: this.truth, stats };
  }

  private plan(purpose: Purpose): SurveyPlan {
    return this.plans.find((p) => p.purpose === purpose)!;
  }

  private person(person: DemoPerson): void {
    const f = this.f;
    let invitations: Array<{ purpose: Purpose; outcome: Outcome }>;
    if (person.everywhere) {
      // Rich data for the demo's showcase people: a CSAT and an NPS answer, each with a comment.
      invitations = [
        { purpose: 'postPurchase', outcome: 'complete' },
        { purpose: 'npsLatest', outcome: 'complete' },
      ];
      if (f.datatype.boolean(0.4)) invitations.push({ purpose: 'npsPrevious', outcome: this.outcome() });
    } else if (f.datatype.boolean(RESPONDENT_SHARE)) {
      const count = 1 + (f.datatype.boolean(0.35) ? 1 : 0) + (f.datatype.boolean(0.1) ? 1 : 0);
      const shopper = person.systems.includes('commerce');
      const purposes = this.pickSurveys(count, {
        postPurchase: shopper ? 4 : 1,
        npsLatest: 3,
        npsPrevious: 2,
        support: 1.5,
        product: 1,
      });
      invitations = purposes.map((purpose) => ({ purpose, outcome: this.outcome() }));
      // A respondent answered at least something.
      if (invitations.every((i) => i.outcome === 'none')) invitations[0]!.outcome = 'complete';
    } else if (f.datatype.boolean(INVITED_ONLY_SHARE)) {
      invitations = [{ purpose: f.helpers.arrayElement(['postPurchase', 'npsLatest', 'support']), outcome: 'none' }];
    } else {
      return;
    }
    for (const [i, invitation] of invitations.entries()) {
      // The showcase people's first two invitations always reach them by email.
      this.invite(person, invitation.purpose, invitation.outcome, person.everywhere && i < 2);
    }
    if (invitations.some((i) => i.outcome !== 'none')) this.stats.respondents += 1;
    else this.stats.invitedOnly += 1;
  }

  private outcome(): Outcome {
    return this.f.helpers.weightedArrayElement([
      { weight: 78, value: 'complete' as const },
      { weight: 12, value: 'incomplete' as const },
      { weight: 10, value: 'none' as const },
    ]);
  }

  private pickSurveys(count: number, weights: Partial<Record<Purpose, number>>): Purpose[] {
    const left = new Map(Object.entries(weights) as Array<[Purpose, number]>);
    const out: Purpose[] = [];
    while (out.length < count && left.size > 0) {
      const purpose = this.f.helpers.weightedArrayElement([...left].map(([value, weight]) => ({ value, weight })));
      out.push(purpose);
      left.delete(purpose);
    }
    return out;
  }

  private invite(person: DemoPerson, purpose: Purpose, outcome: Outcome, reachable: boolean): void {
    const f = this.f;
    const plan = this.plan(purpose);
    const { survey } = plan;
    const tid = this.nextTid++;

    // Email as the invitation list had it: help-desk lists often hold work
    // addresses. The showcase people are invited on their personal one.
    const workChance = purpose === 'support' ? 0.5 : 0.12;
    const useWork = !reachable && person.workEmail !== null && f.datatype.boolean(workChance);
    const withoutEmail = !reachable && f.datatype.boolean(0.02);
    const email = withoutEmail ? null : this.typedEmail(useWork ? person.workEmail! : person.personalEmail);
    if (useWork && email !== null) this.stats.participantsByWorkEmail += 1;
    if (email === null) this.stats.participantsWithoutEmail += 1;
    // Some of the invitations nobody answered never arrived.
    const bounced = outcome === 'none' && email !== null && f.datatype.boolean(0.1);

    // Only the post-purchase list (exported from the shop) carries phones. A
    // national-format phone always comes with its country, so that it can be read.
    let phone: string | null = null;
    let country: string | null = null;
    if (purpose === 'postPurchase' && f.datatype.boolean(0.75)) {
      const national = f.datatype.boolean(0.6);
      phone = national ? person.mobileAsTyped : person.mobile;
      country = national || f.datatype.boolean(0.9) ? person.country : null;
      if (country !== null && f.datatype.boolean(0.1)) country = country.toLowerCase();
      this.stats.participantsWithPhone += 1;
    }

    const sent = Math.floor(f.number.float({ min: plan.from, max: plan.to }));
    const created = sent - f.number.int({ min: 10 * MINUTE_MS, max: 2 * DAY_MS });
    const language = LANGUAGE_OF[person.country];
    const token = this.token();
    let remindersent = 'N';
    let remindercount = 0;
    let completed = 'N';
    let modified = email === null ? created : sent;

    // Most people open the survey within two days; the others after the reminder.
    const late = f.datatype.boolean(0.3);
    const delay = late
      ? f.number.int({ min: 3 * DAY_MS, max: 14 * DAY_MS })
      : f.number.int({ min: 5 * MINUTE_MS, max: 2 * DAY_MS });
    if (late && email !== null && sent + 3 * DAY_MS < plan.closes) {
      remindersent = limeDate(sent + 3 * DAY_MS);
      remindercount = 1;
      modified = sent + 3 * DAY_MS;
    }
    if (outcome !== 'none') {
      const start = Math.max(Math.min(sent + delay, plan.closes - 20 * MINUTE_MS), sent + MINUTE_MS);
      const response = this.respond(plan, token, language, outcome, start, reachable);
      if (response.submitdate !== null) {
        // Submitting marks the participant completed: their last change.
        completed = limeDate(Date.parse(response.submitdate));
        modified = Math.max(modified, Date.parse(response.submitdate));
      }
    }

    const [firstname, lastname] = this.typedName(person);
    this.data.participants.push({
      tid,
      sid: survey.sid,
      firstname,
      lastname,
      email,
      emailstatus: bounced ? 'bounced' : 'OK',
      token,
      language,
      sent: email === null ? 'N' : limeDate(sent),
      remindersent,
      remindercount,
      completed,
      usesleft: completed === 'N' ? 1 : 0,
      phone,
      country,
      created: iso(created),
      modified: iso(modified),
    });
    const identifiers: SourceTruthRecord['identifiers'] = [];
    if (email !== null) identifiers.push({ kind: 'EMAIL', value: email.trim().toLowerCase() });
    if (phone !== null) identifiers.push({ kind: 'PHONE', value: person.mobile });
    this.truth.push({ personId: person.id, system: SURVEYS_SYSTEM, localId: String(tid), identifiers });
  }

  /** A response to one invitation; `rich` ones are complete and always carry a comment. */
  private respond(
    plan: SurveyPlan,
    token: string | null,
    language: Language,
    outcome: Exclude<Outcome, 'none'>,
    start: number,
    rich: boolean,
  ): SurveyResponseRecord {
    const f = this.f;
    const { survey, purpose } = plan;
    const startlanguage = survey.additionalLanguages.includes(language) ? language : survey.language;
    // An incomplete response either saved its first page or nothing at all.
    const lastpage = outcome === 'complete' ? 2 : f.datatype.boolean(0.7) ? 1 : null;
    const answers: SurveyResponseRecord['answers'] = [];
    let mood: Mood = 'neutral';
    for (const question of survey.questions) {
      if (lastpage === null || question.page > lastpage) break;
      const value = this.answer(purpose, question, mood, rich);
      if (value === null) continue;
      if (question.theme === 'nps' || question.type === '5') mood = moodOf(question, Number(value));
      answers.push({ qid: question.qid, value });
    }
    const duration = f.number.int({ min: 40_000, max: outcome === 'complete' ? 12 * MINUTE_MS : 4 * MINUTE_MS });
    const datestamp = Math.min(start + duration, plan.closes);
    const response: SurveyResponseRecord = {
      id: this.nextResponseId++,
      sid: survey.sid,
      token,
      submitdate: outcome === 'complete' ? iso(datestamp) : null,
      lastpage,
      startlanguage,
      seed: String(f.number.int({ min: 100_000_000, max: 2_147_483_647 })),
      startdate: iso(start),
      datestamp: iso(datestamp),
      answers,
    };
    this.data.responses.push(response);
    return response;
  }

  /** The stored value of one answer, or null when the question was left out. */
  private answer(purpose: Purpose, question: SurveyQuestion, mood: Mood, rich: boolean): string | null {
    const f = this.f;
    if (question.theme === 'nps') {
      const score = f.helpers.weightedArrayElement(NPS_WEIGHTS.map((weight, value) => ({ weight, value })));
      const stats = this.stats;
      if (score >= 9) stats.npsPromoters += 1;
      else if (score >= 7) stats.npsPassives += 1;
      else stats.npsDetractors += 1;
      return String(score);
    }
    if (question.type === '5') {
      const weights = CSAT_WEIGHTS[purpose as keyof typeof CSAT_WEIGHTS] ?? CSAT_WEIGHTS.postPurchase;
      return String(f.helpers.weightedArrayElement(weights.map((weight, i) => ({ weight, value: i + 1 }))));
    }
    if (question.type === 'N') return String(f.number.int({ min: 0, max: 15 }));
    if (question.code === 'RESOLVED') {
      const weights = { good: [85, 12, 3], neutral: [40, 45, 15], bad: [10, 30, 60] }[mood];
      return f.helpers.weightedArrayElement(
        question.options.map((o, i) => ({ weight: weights[i] ?? 1, value: o.code })),
      );
    }
    if (question.options.length > 0) return f.helpers.arrayElement(question.options).code;
    if (question.code === 'WISH') return f.datatype.boolean(0.6) ? f.commerce.productName() : '';
    // A free-text comment: seen but left blank is stored as an empty string.
    if (!rich && !f.datatype.boolean(COMMENT_CHANCE[mood])) return '';
    const topic = purpose === 'support' ? 'support' : purpose === 'usability' ? 'usability' : 'purchase';
    return f.helpers.arrayElement(COMMENTS[topic][mood]).replace('{product}', f.commerce.product().toLowerCase());
  }

  /** Anonymous usability responses: no token, so they belong to nobody. */
  private anonymousResponses(): void {
    const plan = this.plan('usability');
    const count = Math.round(this.ctx.people.length * ANONYMOUS_RESPONSES_PER_PERSON);
    for (let i = 0; i < count; i += 1) {
      const start = Math.floor(this.f.number.float({ min: plan.from, max: plan.to }));
      const outcome = this.f.datatype.boolean(0.85) ? 'complete' : 'incomplete';
      const language = this.f.helpers.arrayElement<Language>(['en', 'fr', 'de', 'es']);
      this.respond(plan, null, language, outcome, start, false);
      this.stats.anonymousResponses += 1;
    }
  }

  /** An email the way invitation lists hold them: mostly clean, some with capitals or stray spaces. */
  private typedEmail(canonical: string): string {
    return this.f.helpers.weightedArrayElement([
      { weight: 78, value: canonical },
      { weight: 12, value: capitaliseLocalPart(canonical) },
      { weight: 5, value: `${canonical} ` },
      { weight: 3, value: canonical.toUpperCase() },
      { weight: 2, value: ` ${capitaliseLocalPart(canonical)}` },
    ]);
  }

  private typedName(person: DemoPerson): [string | null, string | null] {
    const f = this.f;
    const style = f.helpers.weightedArrayElement([
      { weight: 85, value: 'as-is' as const },
      { weight: 8, value: 'lower' as const },
      { weight: 3, value: 'upper-last' as const },
      { weight: 4, value: 'first-only' as const },
    ]);
    switch (style) {
      case 'lower':
        return [person.firstName.toLowerCase(), person.lastName.toLowerCase()];
      case 'upper-last':
        return [person.firstName, person.lastName.toUpperCase()];
      case 'first-only':
        return [person.firstName, null];
      default:
        return [person.firstName, person.lastName];
    }
  }

  /** A LimeSurvey access code: 15 letters and digits, unique. */
  private token(): string {
    for (;;) {
      const token = this.f.string.alphanumeric(15);
      if (!this.tokens.has(token)) {
        this.tokens.add(token);
        return token;
      }
    }
  }
}

function moodOf(question: SurveyQuestion, score: number): Mood {
  if (question.theme === 'nps') return score >= 9 ? 'good' : score >= 7 ? 'neutral' : 'bad';
  return score >= 4 ? 'good' : score === 3 ? 'neutral' : 'bad';
}

function capitaliseLocalPart(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  const cap = local.replace(/(^|[._-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
  return `${cap}@${domain}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** LimeSurvey's token date format, 'YYYY-MM-DD HH:MM'. */
const limeDate = (ms: number) => iso(ms).slice(0, 16).replace('T', ' ');

/**
 * The demo survey tool's content for the given people: deterministic for a
 * seed and `nowMs`, with the ground truth of every participant record.
 */
export function generateSurveys(ctx: SourceSeedContext): SurveysSeed {
  return new SurveysGenerator(ctx).run();
}

// ---------------------------------------------------------------------------
// Loading

export interface SurveysSeedTarget {
  /** Pool on the survey tool's database (schema from demo/sources/surveys/schema.sql). */
  pool: Pool;
  /** Progress messages. @default no output */
  log?: (msg: string) => void;
}

export interface SurveysLoadResult {
  surveys: number;
  participants: number;
  responses: number;
  answers: number;
  ms: number;
}

/** Rows per INSERT: few round trips, well under max_allowed_packet. */
const CHUNK_ROWS = 1000;

/**
 * DATETIME has no time zone: the tool stores UTC, written as a literal so that
 * neither the driver's nor the server's time zone setting can shift it.
 */
const datetime = (value: string | null) => (value === null ? null : value.replace('T', ' ').replace('Z', ''));

async function insertRows(conn: PoolConnection, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    // mysql2 expands `VALUES ?` from an array of row arrays.
    await conn.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(i, i + CHUNK_ROWS)]);
  }
}

/** Deletes every row of the given surveys, children first (the schema declares no foreign keys). */
async function deleteSurveys(conn: PoolConnection, sids: number[]): Promise<void> {
  const statements = [
    'DELETE a FROM lime_response_answers a JOIN lime_responses r ON r.id = a.response_id WHERE r.sid IN (?)',
    'DELETE FROM lime_responses WHERE sid IN (?)',
    'DELETE FROM lime_tokens WHERE sid IN (?)',
    `DELETE l FROM lime_answer_l10ns l JOIN lime_answers o ON o.aid = l.aid
     JOIN lime_questions q ON q.qid = o.qid WHERE q.sid IN (?)`,
    'DELETE o FROM lime_answers o JOIN lime_questions q ON q.qid = o.qid WHERE q.sid IN (?)',
    'DELETE l FROM lime_question_l10ns l JOIN lime_questions q ON q.qid = l.qid WHERE q.sid IN (?)',
    'DELETE FROM lime_questions WHERE sid IN (?)',
    'DELETE FROM lime_surveys_languagesettings WHERE surveyls_survey_id IN (?)',
    'DELETE FROM lime_surveys WHERE sid IN (?)',
  ];
  for (const sql of statements) await conn.query(sql, [sids]);
}

const texts = (t: Texts) => Object.entries(t) as Array<[Language, string]>;

/**
 * Writes the generated content into the survey tool in one transaction,
 * replacing the demo surveys and everything under them (participants,
 * responses, answers). Surveys that are not the demo's are left alone.
 */
export async function loadSurveys(data: SurveysData, target: SurveysSeedTarget): Promise<SurveysLoadResult> {
  const { pool, log = () => undefined } = target;
  const started = Date.now();
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    await deleteSurveys(
      conn,
      data.surveys.map((s) => s.sid),
    );
    for (const g of data.groups) {
      await conn.query(
        `INSERT INTO lime_surveys_groups (gsid, name, title, sortorder, created, modified) VALUES (?, ?, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE name = VALUES(name), title = VALUES(title), sortorder = VALUES(sortorder)`,
        [g.gsid, g.name, g.title, g.sortorder, datetime(g.created), datetime(g.created)],
      );
    }
    const { surveys } = data;
    const questions = surveys.flatMap((s) => s.questions.map((q) => ({ sid: s.sid, q })));
    await insertRows(
      conn,
      'lime_surveys',
      [
        'sid',
        'gsid',
        'owner_id',
        'admin',
        'active',
        'anonymized',
        'language',
        'additional_languages',
        'datecreated',
        'startdate',
        'expires',
        'attributedescriptions',
      ],
      surveys.map((s) => [
        s.sid,
        s.gsid,
        1,
        'Customer Insights',
        s.active,
        s.anonymized,
        s.language,
        s.additionalLanguages.join(' '),
        datetime(s.datecreated),
        datetime(s.startdate),
        datetime(s.expires),
        s.attributedescriptions,
      ]),
    );
    await insertRows(
      conn,
      'lime_surveys_languagesettings',
      ['surveyls_survey_id', 'surveyls_language', 'surveyls_title'],
      surveys.flatMap((s) => texts(s.titles).map(([language, title]) => [s.sid, language, title])),
    );
    await insertRows(
      conn,
      'lime_questions',
      ['qid', 'parent_qid', 'sid', 'type', 'question_theme_name', 'title', 'mandatory', 'question_order'],
      questions.map(({ sid, q }) => [q.qid, 0, sid, q.type, q.theme, q.code, q.mandatory, q.order]),
    );
    await insertRows(
      conn,
      'lime_question_l10ns',
      ['qid', 'question', 'language'],
      questions.flatMap(({ q }) => texts(q.texts).map(([language, text]) => [q.qid, text, language])),
    );
    const options = questions.flatMap(({ q }) => q.options.map((o) => ({ qid: q.qid, o })));
    await insertRows(
      conn,
      'lime_answers',
      ['aid', 'qid', 'code', 'sortorder', 'assessment_value', 'scale_id'],
      options.map(({ qid, o }) => [o.aid, qid, o.code, o.sortorder, 0, 0]),
    );
    await insertRows(
      conn,
      'lime_answer_l10ns',
      ['aid', 'answer', 'language'],
      options.flatMap(({ o }) => texts(o.labels).map(([language, label]) => [o.aid, label, language])),
    );
    await insertRows(
      conn,
      'lime_tokens',
      [
        'tid',
        'sid',
        'firstname',
        'lastname',
        'email',
        'emailstatus',
        'token',
        'language',
        'blacklisted',
        'sent',
        'remindersent',
        'remindercount',
        'completed',
        'usesleft',
        'attribute_1',
        'attribute_2',
        'created',
        'modified',
      ],
      data.participants.map((p) => [
        p.tid,
        p.sid,
        p.firstname,
        p.lastname,
        p.email,
        p.emailstatus,
        p.token,
        p.language,
        'N',
        p.sent,
        p.remindersent,
        p.remindercount,
        p.completed,
        p.usesleft,
        p.phone,
        p.country,
        datetime(p.created),
        datetime(p.modified),
      ]),
    );
    await insertRows(
      conn,
      'lime_responses',
      ['id', 'sid', 'token', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'startdate', 'datestamp'],
      data.responses.map((r) => [
        r.id,
        r.sid,
        r.token,
        datetime(r.submitdate),
        r.lastpage,
        r.startlanguage,
        r.seed,
        datetime(r.startdate),
        datetime(r.datestamp),
      ]),
    );
    await insertRows(
      conn,
      'lime_response_answers',
      ['response_id', 'qid', 'value'],
      data.responses.flatMap((r) => r.answers.map((a) => [r.id, a.qid, a.value])),
    );
    await conn.commit();
    await analyzeMysql(conn);
  } catch (err) {
    await conn.rollback().catch(() => undefined);
    throw err;
  } finally {
    conn.release();
  }
  const result: SurveysLoadResult = {
    surveys: data.surveys.length,
    participants: data.participants.length,
    responses: data.responses.length,
    answers: data.responses.reduce((n, r) => n + r.answers.length, 0),
    ms: Date.now() - started,
  };
  log(
    `seed: surveys ${result.surveys} surveys, ${result.participants} participants, ` +
      `${result.responses} responses (${result.answers} answers) in ${result.ms} ms`,
  );
  return result;
}
