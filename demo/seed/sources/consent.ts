/**
 * Demo consent register: the consents and preferences the demo people gave
 * or withdrew, as the collecting apps sent them to c360's own register
 * (subgraphs/consent): the web sign-up form and its cookie banner, the store
 * tablets, the call centre, the preference centre and the newsletters'
 * unsubscribe link.
 *
 * About 60 % of the people have consent records, every `everywhere` person
 * with a history (marketing email granted at sign-up, SMS granted in a store,
 * marketing email withdrawn later). A person is usually one consent subject
 * (an email, often with a mobile attached later); some are two: a subject
 * made by phone at the call centre, or by an email a cashier mistyped. The
 * identifiers are sent as people typed them (case, spaces, national phone
 * formats) and normalised by the register on the way in.
 *
 * Pure and deterministic (one seeded faker stream, times from `nowMs`); the
 * loader at the bottom records the captures through the register's own insert
 * path, the one the recordConsent mutation uses.
 */
import type { Faker } from '@faker-js/faker';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Pool } from 'pg';
import type { RecordConsentInput } from '@c360/subgraph-consent/__generated__/resolvers-types';
import { toConsentCommand, type ConsentCommand } from '@c360/subgraph-consent/commands';
import { ConsentRegister } from '@c360/subgraph-consent/sources/consent-register';
import { analyzePostgres } from '../analyze';
import { sourceFaker, type DemoPerson, type SourceSeedContext, type SourceTruthRecord } from './contract';

/** This source's random stream (see sourceFaker). */
export const CONSENT_STREAM = 2005;
export const CONSENT_SYSTEM = 'consent';

/** Share of the people with consent records. */
const CONSENT_SHARE = 0.6;
const SITE = 'https://shop.c360.example';
const SECOND_MS = 1000;
const HOUR_MS = 60 * 60 * SECOND_MS;
const DAY_MS = 24 * HOUR_MS;
/** How far back consent history goes. */
const HISTORY_MS = 3 * 365 * DAY_MS;
/** Wording and form versions changed on this date (the sign-up form's v3, the new cookie banner). */
const WORDING_CHANGE_MS = Date.parse('2025-03-01T00:00:00Z');

type Purpose = RecordConsentInput['purpose'];
type Channel = RecordConsentInput['channel'];
type Status = RecordConsentInput['status'];
type Identifier = NonNullable<RecordConsentInput['subject']['identifiers']>[number];
export type ConsentSource =
  'web-signup-form' | 'cookie-banner' | 'store-tablet' | 'call-centre' | 'preference-centre' | 'unsubscribe-link';

/**
 * One consent as a collecting app sent it: the recordConsent input, plus what
 * only an import of history sets (the id of the subject it creates, when the
 * register recorded it).
 */
export interface ConsentCapture {
  input: RecordConsentInput;
  /** The id the register gives the subject, if this capture creates it (the truth names it). */
  newSubjectId: string;
  /** When the register recorded it (ISO-8601): after occurredAt, by the app's sync delay. */
  recordedAt: string;
}

export interface ConsentData {
  /** In recording order. */
  captures: ConsentCapture[];
}

export interface ConsentStats {
  /** People with at least one consent subject. */
  people: number;
  everywherePeople: number;
  subjects: number;
  /** Subjects beside a person's first one (by phone at the call centre, or by a mistyped email). */
  secondSubjects: number;
  mistypedEmailSubjects: number;
  events: number;
  grants: number;
  withdrawals: number;
  bySource: Record<ConsentSource, number>;
}

export interface ConsentSeed {
  data: ConsentData;
  truth: SourceTruthRecord[];
  stats: ConsentStats;
}

interface Proof {
  wordingVersion: string;
  form: string;
  ipAddress?: string;
  userAgent?: string;
  collectedBy?: string;
  reference?: string;
}

/** A subject being built: its id, the identifiers its captures carried (normalised, for the truth). */
interface SubjectPlan {
  id: string;
  person: DemoPerson;
  /** What a capture that looks the subject up by identifier sends (its first identifier, as typed). */
  lookup: Identifier;
  truth: Map<string, { kind: 'EMAIL' | 'PHONE'; value: string }>;
  /** The subject's record in the ground truth, kept in step with `truth`. */
  record: SourceTruthRecord;
  /** Recording time of the subject's last capture: the next one comes after. */
  lastRecordedMs: number;
}

class ConsentGenerator {
  private readonly f: Faker;
  private readonly captures: ConsentCapture[] = [];
  private readonly truth: SourceTruthRecord[] = [];
  /** Every email a person owns, so that a mistyped one never is someone's real address. */
  private readonly knownEmails: Set<string>;
  private readonly stats: ConsentStats = {
    people: 0,
    everywherePeople: 0,
    subjects: 0,
    secondSubjects: 0,
    mistypedEmailSubjects: 0,
    events: 0,
    grants: 0,
    withdrawals: 0,
    bySource: {
      'web-signup-form': 0,
      'cookie-banner': 0,
      'store-tablet': 0,
      'call-centre': 0,
      'preference-centre': 0,
      'unsubscribe-link': 0,
    },
  };

  constructor(private readonly ctx: SourceSeedContext) {
    this.f = sourceFaker(ctx.seed, CONSENT_STREAM);
    this.knownEmails = new Set(
      ctx.people.flatMap((p) => [p.personalEmail, p.workEmail].filter((e): e is string => !!e).map(lower)),
    );
  }

  run(): ConsentSeed {
    for (const person of this.ctx.people) {
      // Drawn for everyone, so that one person's fate does not reshuffle the others'.
      const included = this.chance(CONSENT_SHARE);
      if (!person.everywhere && !included) continue;
      this.stats.people += 1;
      if (person.everywhere) this.stats.everywherePeople += 1;
      this.addPerson(person);
    }
    // Recording order across subjects; within a subject, captures are already in order.
    const order = this.captures.map((c, i) => ({ c, i }));
    order.sort((a, b) => a.c.recordedAt.localeCompare(b.c.recordedAt) || a.i - b.i);
    return { data: { captures: order.map((o) => o.c) }, truth: this.truth, stats: this.stats };
  }

  private chance(p: number): boolean {
    return this.f.datatype.boolean({ probability: p });
  }

  private addPerson(person: DemoPerson): void {
    const latestStart = this.ctx.nowMs - (person.everywhere ? 200 : 30) * DAY_MS;
    const start = this.f.number.int({ min: this.ctx.nowMs - HISTORY_MS, max: latestStart });
    // Everywhere people always use their personal email and never get a second subject: the demo finds
    // them by that email and shows every one of their records on one customer.
    const useWorkEmail = this.chance(0.1) && !person.everywhere;
    const email = person.workEmail && useWorkEmail ? person.workEmail : person.personalEmail;
    const how = person.everywhere
      ? 'web-signup-form'
      : this.f.helpers.weightedArrayElement<'web-signup-form' | 'store-tablet' | 'call-centre'>([
          { weight: 60, value: 'web-signup-form' },
          { weight: 25, value: 'store-tablet' },
          { weight: 15, value: 'call-centre' },
        ]);
    const subject = this.newSubject(
      person,
      how === 'call-centre' ? this.phoneAsTyped(person) : this.emailAsTyped(email),
    );
    const hasPhone = how === 'call-centre' || person.everywhere || this.chance(0.45);
    let t = start;

    if (how === 'web-signup-form') {
      const web = this.webVisit();
      const marketing = person.everywhere || this.chance(0.7);
      this.capture(subject, 'web-signup-form', t, 'MARKETING', 'EMAIL', marketing, this.signupProof(t, web));
      if (person.everywhere || this.chance(0.75)) {
        const analytics = person.everywhere || this.chance(0.75);
        this.capture(
          subject,
          'cookie-banner',
          t + 2 * SECOND_MS,
          'ANALYTICS',
          'WEB',
          analytics,
          this.bannerProof(t, web),
        );
        if (analytics && this.chance(0.5)) {
          this.capture(
            subject,
            'cookie-banner',
            t + 2 * SECOND_MS,
            'PROFILING',
            'WEB',
            this.chance(0.6),
            this.bannerProof(t, web),
          );
        }
      }
    } else {
      const channel: Channel = how === 'call-centre' ? 'PHONE' : 'EMAIL';
      this.capture(subject, how, t, 'MARKETING', channel, this.chance(0.75), this.staffProof(how, t));
    }

    // A store visit where the cashier adds the mobile and asks about texts; everywhere people always say yes.
    if (hasPhone && how !== 'call-centre') {
      t = this.later(t, 5, 400);
      const phone = this.phoneAsTyped(person);
      this.capture(
        subject,
        'store-tablet',
        t,
        'MARKETING',
        'SMS',
        person.everywhere || this.chance(0.6),
        this.staffProof('store-tablet', t),
        [phone],
      );
    }
    // Marketing email (for subjects that have one): unsubscribed from a newsletter, or changed in the preference centre.
    if (how !== 'call-centre' && (person.everywhere || this.chance(0.3))) {
      t = this.later(t, 10, 300);
      if (this.chance(0.6))
        this.capture(subject, 'unsubscribe-link', t, 'MARKETING', 'EMAIL', false, this.unsubscribeProof(t));
      else this.capture(subject, 'preference-centre', t, 'MARKETING', 'EMAIL', false, this.preferenceProof());
      if (!person.everywhere && this.chance(0.15)) {
        t = this.later(t, 30, 200);
        this.capture(subject, 'preference-centre', t, 'MARKETING', 'EMAIL', true, this.preferenceProof());
      }
    }
    if (this.chance(0.25)) {
      t = this.later(t, 5, 200);
      const proof = this.preferenceProof();
      this.capture(subject, 'preference-centre', t, 'MARKETING', 'POST', this.chance(0.5), proof);
      const contact: Channel = how === 'call-centre' ? 'PHONE' : 'EMAIL';
      this.capture(subject, 'preference-centre', t, 'THIRD_PARTY_SHARING', contact, this.chance(0.2), proof);
    }

    if (this.chance(0.12) && !person.everywhere) this.addSecondSubject(person, hasPhone, email, start);
  }

  /**
   * A second subject of the same person, which the register cannot tell is
   * the same person: the call centre taking a consent by phone from someone
   * whose subject holds no phone (the identity graph joins them through the
   * phone the CRM or the shop holds), or a store tablet where the cashier
   * mistyped the email (which no deterministic rule can join).
   */
  private addSecondSubject(person: DemoPerson, firstHasPhone: boolean, email: string, start: number): void {
    const t = this.later(start, 20, 500);
    if (!firstHasPhone) {
      const subject = this.newSubject(person, this.phoneAsTyped(person));
      this.capture(
        subject,
        'call-centre',
        t,
        'MARKETING',
        'PHONE',
        this.chance(0.5),
        this.staffProof('call-centre', t),
      );
    } else {
      const typo = this.mistype(email);
      if (typo === null) return;
      this.stats.mistypedEmailSubjects += 1;
      const subject = this.newSubject(person, { kind: 'EMAIL', value: typo });
      this.capture(subject, 'store-tablet', t, 'MARKETING', 'EMAIL', true, this.staffProof('store-tablet', t));
    }
    this.stats.secondSubjects += 1;
  }

  private newSubject(person: DemoPerson, lookup: Identifier): SubjectPlan {
    this.stats.subjects += 1;
    const id = this.f.string.uuid();
    const record: SourceTruthRecord = { personId: person.id, system: CONSENT_SYSTEM, localId: id, identifiers: [] };
    this.truth.push(record);
    return { id, person, lookup, truth: new Map(), record, lastRecordedMs: 0 };
  }

  /**
   * Adds one capture. The subject's first capture creates it with its lookup
   * identifier; web forms and store tablets look it up by identifier again
   * (adding `extra` identifiers), the preference centre and unsubscribe links
   * carry the subject id.
   */
  private capture(
    subject: SubjectPlan,
    source: ConsentSource,
    occurredMs: number,
    purpose: Purpose,
    channel: Channel,
    granted: boolean,
    proof: Proof,
    extra: Identifier[] = [],
  ): void {
    const byId = subject.lastRecordedMs > 0 && (source === 'preference-centre' || source === 'unsubscribe-link');
    const identifiers = byId ? [] : [subject.lookup, ...extra];
    for (const identifier of identifiers) {
      const value = normalised(identifier, subject.person);
      subject.truth.set(`${identifier.kind}:${value}`, { kind: identifier.kind, value });
    }
    const delay = this.syncDelay(source);
    const recordedMs = Math.max(occurredMs + delay, subject.lastRecordedMs + SECOND_MS);
    subject.lastRecordedMs = recordedMs;
    const status: Status = granted ? 'GRANTED' : 'WITHDRAWN';
    this.captures.push({
      input: {
        subject: byId ? { id: subject.id } : { identifiers },
        purpose,
        channel,
        status,
        source,
        occurredAt: new Date(occurredMs).toISOString(),
        proof,
      },
      newSubjectId: subject.id,
      recordedAt: new Date(recordedMs).toISOString(),
    });
    subject.record.identifiers = [...subject.truth.values()];
    this.stats.events += 1;
    this.stats.bySource[source] += 1;
    if (granted) this.stats.grants += 1;
    else this.stats.withdrawals += 1;
  }

  /** A time `minDays` to `maxDays` after `t`, never later than a day before now. */
  private later(t: number, minDays: number, maxDays: number): number {
    const next = t + this.f.number.int({ min: minDays * DAY_MS, max: maxDays * DAY_MS });
    return Math.min(next, Math.max(t + HOUR_MS, this.ctx.nowMs - DAY_MS));
  }

  /** How long each app takes to send what it collected to the register. */
  private syncDelay(source: ConsentSource): number {
    switch (source) {
      case 'store-tablet':
        return this.f.number.int({ min: 5 * 60 * SECOND_MS, max: 6 * HOUR_MS });
      case 'call-centre':
        return this.f.number.int({ min: 30 * SECOND_MS, max: 30 * 60 * SECOND_MS });
      default:
        return this.f.number.int({ min: 200, max: 5 * SECOND_MS });
    }
  }

  private emailAsTyped(email: string): Identifier {
    const typed = this.f.helpers.weightedArrayElement<(e: string) => string>([
      { weight: 50, value: (e) => e },
      {
        weight: 25,
        value: (e) => e.replace(/(^|[._@-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase()),
      },
      { weight: 15, value: (e) => `${e} ` },
      { weight: 10, value: (e) => e.toUpperCase() },
    ])(email);
    return { kind: 'EMAIL', value: typed };
  }

  private phoneAsTyped(person: DemoPerson): Identifier {
    const international = parsePhoneNumberFromString(person.mobile)?.formatInternational() ?? person.mobile;
    return this.f.helpers.weightedArrayElement<Identifier>([
      { weight: 55, value: { kind: 'PHONE', value: person.mobileAsTyped, region: person.country } },
      { weight: 25, value: { kind: 'PHONE', value: international } },
      { weight: 20, value: { kind: 'PHONE', value: person.mobile } },
    ]);
  }

  /** The email with two neighbouring letters of its local part swapped; null when that changes nothing or hits a real address. */
  private mistype(email: string): string | null {
    const [local = '', domain = ''] = lower(email).split('@');
    const letters = [...local].flatMap((c, i) => (i + 1 < local.length && c !== local[i + 1] ? [i] : []));
    if (letters.length === 0) return null;
    const i = this.f.helpers.arrayElement(letters);
    const typo = `${local.slice(0, i)}${local[i + 1]}${local[i]}${local.slice(i + 2)}@${domain}`;
    if (this.knownEmails.has(typo) || /^[._-]|[._-]$|\.\./.test(typo.split('@')[0]!)) return null;
    this.knownEmails.add(typo);
    return typo;
  }

  private webVisit() {
    const ipAddress = this.chance(0.85) ? this.f.internet.ipv4() : this.f.internet.ipv6();
    // Faker's user agents include crawlers, which do not fill in forms.
    let userAgent = this.f.internet.userAgent();
    for (let i = 0; i < 5 && /bot|crawl|spider|slurp/i.test(userAgent); i++) userAgent = this.f.internet.userAgent();
    return { ipAddress, userAgent };
  }

  private signupProof(t: number, web: { ipAddress: string; userAgent: string }): Proof {
    return {
      wordingVersion: t < WORDING_CHANGE_MS ? 'signup-optin-v2' : 'signup-optin-v3',
      form: `${SITE}/account/register`,
      ...web,
      reference: `WSF-${this.f.string.alphanumeric({ length: 10, casing: 'upper' })}`,
    };
  }

  private bannerProof(t: number, web: { ipAddress: string; userAgent: string }): Proof {
    return {
      wordingVersion: t < WORDING_CHANGE_MS ? 'cookie-banner-2024-06' : 'cookie-banner-2025-03',
      form: `${SITE}/`,
      ...web,
      reference: `CB-${this.f.string.uuid()}`,
    };
  }

  private staffProof(source: 'store-tablet' | 'call-centre', t: number): Proof {
    const day = new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
    return source === 'store-tablet'
      ? {
          wordingVersion: 'store-optin-v2',
          form: 'store-tablet/loyalty-signup',
          collectedBy: `store-${this.f.string.numeric(3)}/till-${this.f.string.numeric(2)}`,
          reference: `SIG-${day}-${this.f.string.numeric(6)}`,
        }
      : {
          wordingVersion: 'call-script-2024-09',
          form: 'call-centre/consent-script',
          collectedBy: `agent-${this.f.string.numeric(4)}`,
          reference: `CALL-${day}-${this.f.string.numeric(6)}`,
        };
  }

  private preferenceProof(): Proof {
    return { wordingVersion: 'preference-centre-v4', form: `${SITE}/account/preferences`, ...this.webVisit() };
  }

  private unsubscribeProof(t: number): Proof {
    const month = new Date(t).toISOString().slice(0, 7);
    return {
      wordingVersion: 'unsubscribe-v1',
      form: `${SITE}/unsubscribe`,
      ...this.webVisit(),
      reference: `CMP-${month}-${this.f.string.numeric(3)}`,
    };
  }
}

const lower = (email: string) => email.trim().toLowerCase();

/** The identifier as the register will store it: the person's canonical value (emails trimmed and lower-cased, phones E.164). */
function normalised(identifier: Identifier, person: DemoPerson): string {
  return identifier.kind === 'EMAIL' ? lower(identifier.value) : person.mobile;
}

export function generateConsent(ctx: SourceSeedContext): ConsentSeed {
  return new ConsentGenerator(ctx).run();
}

// ---------------------------------------------------------------------------
// Loader

export interface ConsentSeedTarget {
  /** Pool on the consent register's database (CONSENT_DATABASE_URL), connected as the owner of its tables. */
  pool: Pool;
  /**
   * Replace a register that already holds events. Without it such a register
   * is left alone: consent history is never thrown away by accident.
   * @default false
   */
  force?: boolean;
  /** Region for national phone numbers given without one. @default 'FR' */
  defaultPhoneRegion?: string;
  /** Progress messages. @default no output */
  log?: (msg: string) => void;
  /**
   * Captures per transaction. The register takes a transaction-scoped advisory lock per
   * identifier (one entry of PostgreSQL's shared lock table each, held to the commit): one
   * transaction for every capture ran out of shared memory (max_locks_per_transaction) at
   * 20,000 people, on a server other sessions share. The table is the server's, shared by every
   * session (64 × 100 entries by default): 500 captures hold about 1,500, room for the seed's
   * other connections and the product's. @default 500
   */
  capturesPerTransaction?: number;
  /** Captures recorded so far, after each statement. @default none */
  progress?: (recorded: number) => void;
}

export interface ConsentLoadResult {
  /** False when the register already held events and `force` was not set. */
  seeded: boolean;
  subjects: number;
  events: number;
  ms: number;
}

/** Captures per statement: each is one call of the insert path, a few hundred make one round trip. */
const CHUNK = 500;

/**
 * The tables' TRUNCATE guards, lifted for a forced demo reseed only (see
 * `loadConsent`). Row triggers (UPDATE/DELETE) stay on: TRUNCATE never fires them.
 */
const TRUNCATE_GUARDS = [
  ['consent_event', 'consent_event_no_truncate'],
  ['consent_subject_identifier', 'consent_subject_identifier_no_truncate'],
  ['consent_subject', 'consent_subject_no_truncate'],
] as const;

/**
 * Records the captures into the consent register, in transactions of
 * `capturesPerTransaction` captures (one for a demo-sized seed; see that
 * option for why not one for a million people), through the register's insert path (`consent_record_event`, after the same
 * validation as the recordConsent mutation): no row is ever updated. Applies
 * the register's migrations first, since the seed runs before the subgraph.
 *
 * The register is append-only and the database refuses to empty it. On a
 * forced reseed — DEMO ONLY — the loader, connected as the tables' owner,
 * disables the TRUNCATE guards inside its transaction, empties the three
 * tables and enables the guards again before anything is recorded; the first
 * transaction makes that invisible to other sessions, and all-or-nothing up to
 * `capturesPerTransaction` captures (beyond, a failure leaves the register
 * partly seeded, and says so: seed again with `--force`).
 * Without `force`, a register that holds events is left as it is.
 */
export async function loadConsent(data: ConsentData, target: ConsentSeedTarget): Promise<ConsentLoadResult> {
  const { pool, force = false, log = () => undefined } = target;
  const started = Date.now();
  const register = new ConsentRegister(pool);
  await register.migrate();
  const now = new Date();
  const commands: ConsentCommand[] = data.captures.map((capture) => ({
    ...toConsentCommand(capture.input, {
      now,
      defaultPhoneRegion: target.defaultPhoneRegion ?? 'FR',
      recordedBy: null,
    }),
    newSubjectId: capture.newSubjectId,
    recordedAt: capture.recordedAt,
  }));
  const client = await pool.connect();
  let failed = false;
  let seeded = true;
  /** Captures committed by earlier transactions of this load. */
  let committed = 0;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM consent_event) AS present');
    if (rows[0]?.present && !force) {
      seeded = false;
      await client.query('ROLLBACK');
    } else {
      if (rows[0]?.present) {
        // DEMO ONLY: lifting the append-only guard to replace demo history. Never do this to a real register.
        for (const [table, trigger] of TRUNCATE_GUARDS) {
          await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
        }
        // The erasure log (migration 0002) references the subjects: it goes with them.
        const tables = [...TRUNCATE_GUARDS.map(([table]) => table), 'consent_erasure'];
        await client.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY`);
        for (const [table, trigger] of TRUNCATE_GUARDS) {
          await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
        }
        log('seed: consent register emptied for a forced reseed (demo only)');
      }
      const perTransaction = Math.max(1, target.capturesPerTransaction ?? 500);
      let inTransaction = 0;
      for (let i = 0; i < commands.length;) {
        if (inTransaction >= perTransaction) {
          await client.query('COMMIT');
          committed = i;
          await client.query('BEGIN');
          inTransaction = 0;
        }
        const chunk = commands.slice(i, i + Math.min(CHUNK, perTransaction - inTransaction));
        await register.record(chunk, client);
        inTransaction += chunk.length;
        i += chunk.length;
        target.progress?.(i);
      }
      await client.query('COMMIT');
      await analyzePostgres(client);
    }
  } catch (err) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    if (committed > 0) {
      log(
        `seed: consent register partly seeded (${committed} of ${commands.length} captures committed): ` +
          'seed again with --force to replace it',
      );
    }
    throw err;
  } finally {
    // A client that failed mid-transaction is discarded rather than reused.
    client.release(failed);
  }
  const subjects = new Set(commands.map((c) => c.newSubjectId)).size;
  const result: ConsentLoadResult = {
    seeded,
    subjects: seeded ? subjects : 0,
    events: seeded ? commands.length : 0,
    ms: Date.now() - started,
  };
  log(
    seeded
      ? `seed: consent ${result.subjects} subjects, ${result.events} events in ${result.ms} ms`
      : 'seed: consent register already holds events, leaving it as it is (force to reseed)',
  );
  return result;
}
