/**
 * The demo help desk: which of the people contacted customer support, under
 * which help-desk users, and their tickets over the last two years.
 *
 * About 35 % of people contacted support, every `everywhere` person among them
 * (with two tickets or more, a phone call and a satisfaction rating). The
 * help desk is messy the way real ones are: people write in from a personal
 * and a work address and become two users; callers are known by their number
 * only ("Caller +33 6 …"); chat visitors leave no identifier at all; agents
 * type phone numbers the way they hear them. Complaints are tickets tagged
 * `complaint`, the help desk having no such ticket type.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Faker } from '@faker-js/faker';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { resolveHelpdeskDataFile, writeHelpdeskDataFileAsync } from '../../sources/helpdesk/data-file';
import type {
  HelpdeskChannel,
  HelpdeskData,
  HelpdeskPriority,
  HelpdeskSatisfactionScore,
  HelpdeskTicket,
  HelpdeskTicketMetric,
  HelpdeskTicketStatus,
  HelpdeskTicketType,
  HelpdeskUser,
} from '../../sources/helpdesk/types';
import { normaliseEmail, normalisePhone, type Country } from '../generate';
import { sourceFaker, type DemoPerson, type SourceSeedContext, type SourceTruthRecord } from './contract';

/** This source's random stream (see sourceFaker). */
export const SUPPORT_STREAM = 2003;
export const SUPPORT_SYSTEM = 'support';

/** Share of the people (other than `everywhere` ones) who contacted support. */
const CONTACT_RATE = 0.32;
const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_MS = 730 * DAY_MS;
/** Help desks close solved tickets after a few days without news. */
const AUTO_CLOSE_MS = 4 * DAY_MS;

export interface SupportSeedStats {
  people: number;
  peopleContacted: number;
  /** People known to the help desk as two users (two emails, or an email and an unknown caller). */
  peopleWithTwoUsers: number;
  endUsers: number;
  agents: number;
  /** End users known by a phone number only. */
  phoneOnlyUsers: number;
  /** End users with neither email nor phone (chat visitors). */
  usersWithoutIdentifier: number;
  tickets: number;
  phoneCalls: number;
  ratedTickets: number;
  complaints: number;
}

export interface SupportSeed {
  data: HelpdeskData;
  truth: SourceTruthRecord[];
  stats: SupportSeedStats;
}

type UserKind = 'personal-email' | 'work-email' | 'caller' | 'visitor';

/** A user before ids are handed out. */
interface UserDraft {
  person: DemoPerson;
  kind: UserKind;
  user: Omit<HelpdeskUser, 'id'>;
  tickets: TicketDraft[];
  id?: number;
}

interface TicketDraft {
  ticket: Omit<HelpdeskTicket, 'id' | 'requester_id' | 'submitter_id'>;
  solvedMs: number | null;
  replies: number;
  comments: number;
}

const TIME_ZONES: Record<Country, readonly string[]> = {
  FR: ['Paris'],
  GB: ['London'],
  DE: ['Berlin'],
  ES: ['Madrid'],
  US: ['Eastern Time (US & Canada)', 'Central Time (US & Canada)', 'Pacific Time (US & Canada)'],
};
const LOCALES: Record<Country, string> = { FR: 'fr', GB: 'en-GB', DE: 'de', ES: 'es', US: 'en-US' };

/** What people write in about; complaints are the same topics gone wrong. */
const TOPICS: ReadonlyArray<{
  weight: number;
  tags: string[];
  types: HelpdeskTicketType[];
  complaintRate: number;
  subjects: string[];
  description: string;
}> = [
  {
    weight: 26,
    tags: ['delivery'],
    types: ['question', 'incident'],
    complaintRate: 0.2,
    subjects: ['Where is my order?', 'Parcel not delivered', 'Delivery is late', 'Tracking number does not work'],
    description: 'I placed an order and it has not arrived yet. Can you tell me where it is?',
  },
  {
    weight: 20,
    tags: ['returns', 'refund'],
    types: ['question', 'task'],
    complaintRate: 0.2,
    subjects: ['Return request', 'How do I return an item?', 'Refund not received yet', 'Exchange for another size'],
    description: 'I would like to send back an item from my order and get a refund.',
  },
  {
    weight: 18,
    tags: ['product_info'],
    types: ['question'],
    complaintRate: 0.02,
    subjects: ['Question about sizing', 'Is this item back in stock?', 'Product information', 'Care instructions'],
    description: 'Could you give me more details about one of your products?',
  },
  {
    weight: 12,
    tags: ['account'],
    types: ['question', 'incident'],
    complaintRate: 0.05,
    subjects: ['Cannot log in', 'Reset my password', 'Change my email address', 'Delete my account'],
    description: 'I have a problem with my customer account.',
  },
  {
    weight: 12,
    tags: ['billing'],
    types: ['incident', 'question', 'task'],
    complaintRate: 0.15,
    subjects: ['Charged twice', 'Invoice request', 'Payment failed', 'Discount code not applied'],
    description: 'There is something wrong with my payment or invoice.',
  },
  {
    weight: 8,
    tags: ['damaged'],
    types: ['incident', 'problem'],
    complaintRate: 0.6,
    subjects: ['Item arrived damaged', 'Broken on arrival', 'Missing parts in my parcel'],
    description: 'The item I received is damaged.',
  },
  {
    weight: 4,
    tags: ['store', 'loyalty'],
    types: ['question', 'incident'],
    complaintRate: 0.35,
    subjects: ['Loyalty points missing', 'Unfriendly staff in store', 'Store refused my return'],
    description: 'I was in one of your stores and something went wrong.',
  },
];

const GOOD_COMMENTS = [
  'Quick and helpful, thank you!',
  'Great service',
  'Problem solved in one call',
  'Very kind agent',
];
const BAD_COMMENTS = [
  'Still waiting for my refund',
  'Nobody answered my emails',
  'Had to call three times',
  'The agent did not understand my problem',
];

const AGENT_NAMES = [
  'Camille Laurent',
  'Thomas Wright',
  'Lena Hoffmann',
  'Sofía Romero',
  'Emily Carter',
  'Nicolas Girard',
  'Jonas Becker',
  'Grace Miller',
];

/** A weighted pick; a zero weight rules its value out. */
const weighted = <T>(f: Faker, items: ReadonlyArray<{ weight: number; value: T }>): T =>
  f.helpers.weightedArrayElement(items.filter((item) => item.weight > 0));

/** The ways an agent writes down a number heard on the phone (or the telephony's E.164). */
function typedPhone(f: Faker, person: DemoPerson): string {
  const phone = parsePhoneNumberFromString(person.mobile);
  if (!phone) throw new Error(`Person ${person.id} has an unparseable mobile ${person.mobile}`);
  const national = phone.formatNational();
  const international = phone.formatInternational();
  const raw = weighted(f, [
    { weight: 30, value: national },
    { weight: 20, value: national.replace(/[^\d+]/g, '') },
    { weight: 20, value: international },
    { weight: 10, value: person.mobile },
    { weight: 10, value: national.replace(/\s+/g, '-') },
    { weight: 10, value: person.mobileAsTyped },
  ]);
  // What the agent typed must still be the person's number, read with their country.
  return normalisePhone(raw, person.country) === person.mobile ? raw : person.mobile;
}

/** Emails as the help desk stores them: mostly as the mail client sent them, sometimes capitalised. */
function typedEmail(f: Faker, email: string): string {
  const r = f.number.float();
  if (r < 0.1) return email.replace(/(^|[._-])([a-z])/g, (_m, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
  if (r < 0.13) return email.toUpperCase();
  return email;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

class SupportGenerator {
  private readonly f: Faker;
  private readonly drafts: UserDraft[] = [];
  private visitorNumber = 1000;

  constructor(private readonly ctx: SourceSeedContext) {
    this.f = sourceFaker(ctx.seed, SUPPORT_STREAM);
  }

  private chance(p: number): boolean {
    return this.f.datatype.boolean({ probability: p });
  }

  run(): SupportSeed {
    for (const person of this.ctx.people) {
      if (person.everywhere || this.chance(CONTACT_RATE)) this.addPerson(person);
    }
    return this.finish();
  }

  private addPerson(person: DemoPerson): void {
    const f = this.f;
    const users: UserDraft[] = [];
    // Everywhere people must be found by their email, and call in at least once: an email user with a phone.
    const primaryKind: UserKind = person.everywhere
      ? 'personal-email'
      : weighted<UserKind>(f, [
          { weight: 80, value: 'personal-email' },
          { weight: person.workEmail ? 10 : 0, value: 'work-email' },
          { weight: 7, value: 'caller' },
          { weight: 3, value: 'visitor' },
        ]);
    const primary = this.user(person, primaryKind, person.everywhere || this.chance(0.35));
    users.push(primary);
    const emailKind = primaryKind === 'personal-email' || primaryKind === 'work-email';
    if (emailKind && person.workEmail && this.chance(person.everywhere ? 0.4 : 0.25)) {
      users.push(this.user(person, primaryKind === 'work-email' ? 'personal-email' : 'work-email', false));
    } else if (emailKind && !primary.user.phone && this.chance(0.12)) {
      // A call from a number the help desk does not know makes a new "Caller" user.
      users.push(this.user(person, 'caller', true));
    }

    const count = Math.max(
      users.length,
      person.everywhere ? 2 : 1,
      weighted(f, [
        { weight: 45, value: 1 },
        { weight: 25, value: 2 },
        { weight: 14, value: 3 },
        { weight: 8, value: 4 },
        { weight: 5, value: 5 },
        { weight: 3, value: 6 },
      ]),
    );
    const times = Array.from({ length: count }, () =>
      f.number.int({ min: this.ctx.nowMs - HISTORY_MS, max: this.ctx.nowMs - 2 * 60 * 60 * 1000 }),
    ).sort((a, b) => a - b);
    // Every user opened a ticket (that is how they came to be); the rest go to any of them.
    times.forEach((createdMs, i) => {
      const owner = i < users.length ? users[i]! : f.helpers.arrayElement(users);
      owner.tickets.push(this.ticket(owner, createdMs));
    });
    if (person.everywhere) this.makeShowcase(primary);
    for (const draft of users) {
      const first = Math.min(...draft.tickets.map((t) => Date.parse(t.ticket.created_at)));
      const createdMs = first - f.number.int({ min: 0, max: 10 * 60 * 1000 });
      const updatedMs = this.chance(0.3) ? f.number.int({ min: createdMs, max: this.ctx.nowMs }) : createdMs;
      draft.user.created_at = iso(createdMs);
      draft.user.updated_at = iso(updatedMs);
      this.drafts.push(draft);
    }
  }

  private user(person: DemoPerson, kind: UserKind, withPhone: boolean): UserDraft {
    const f = this.f;
    const realName = `${person.firstName} ${person.lastName}`;
    let name = realName;
    let email: string | null = null;
    let phone: string | null = null;
    if (kind === 'personal-email' || kind === 'work-email') {
      const address = kind === 'work-email' && person.workEmail ? person.workEmail : person.personalEmail;
      email = typedEmail(f, address);
      // Names come from the sender's mail client: sometimes the first name only, or in lower case.
      name = weighted(f, [
        { weight: 80, value: realName },
        { weight: 10, value: person.firstName },
        { weight: 10, value: realName.toLowerCase() },
      ]);
      if (withPhone) phone = typedPhone(f, person);
    } else if (kind === 'caller') {
      // The telephony gives the caller's number in E.164; the agent may rename the user once they know.
      phone = person.mobile;
      const formatted = parsePhoneNumberFromString(person.mobile)?.formatInternational() ?? person.mobile;
      name = this.chance(0.6) ? `Caller ${formatted}` : realName;
    } else {
      name = `Visitor ${this.visitorNumber++}`;
    }
    return {
      person,
      kind,
      tickets: [],
      user: {
        name,
        email,
        phone,
        role: 'end-user',
        time_zone: f.helpers.arrayElement(TIME_ZONES[person.country]),
        locale: LOCALES[person.country],
        verified: email !== null,
        active: true,
        tags: [],
        created_at: '',
        updated_at: '',
      },
    };
  }

  private channelFor(draft: UserDraft): HelpdeskChannel {
    if (draft.kind === 'caller') return 'voice';
    if (draft.kind === 'visitor') return 'chat';
    return weighted<HelpdeskChannel>(this.f, [
      { weight: 45, value: 'email' },
      { weight: 25, value: 'web' },
      { weight: 15, value: 'chat' },
      // Agents only attach a call to a known user when the number is on file.
      { weight: draft.user.phone ? 15 : 0, value: 'voice' },
    ]);
  }

  private ticket(draft: UserDraft, createdMs: number): TicketDraft {
    const f = this.f;
    const now = this.ctx.nowMs;
    const topic = weighted(
      f,
      TOPICS.map((t) => ({ weight: t.weight, value: t })),
    );
    const channel = this.channelFor(draft);
    const complaint = this.chance(topic.complaintRate);
    const age = now - createdMs;
    const status: HelpdeskTicketStatus =
      age > 14 * DAY_MS
        ? weighted(f, [
            { weight: 70, value: 'closed' as const },
            { weight: 25, value: 'solved' as const },
            { weight: 3, value: 'hold' as const },
            { weight: 2, value: 'pending' as const },
          ])
        : age > 3 * DAY_MS
          ? weighted(f, [
              { weight: 45, value: 'solved' as const },
              { weight: 15, value: 'closed' as const },
              { weight: 15, value: 'pending' as const },
              { weight: 15, value: 'open' as const },
              { weight: 10, value: 'hold' as const },
            ])
          : weighted(f, [
              { weight: 25, value: 'new' as const },
              { weight: 35, value: 'open' as const },
              { weight: 20, value: 'pending' as const },
              { weight: 20, value: 'solved' as const },
            ]);
    const solved = status === 'solved' || status === 'closed';
    const solvedMs = solved ? Math.min(now, createdMs + f.number.int({ min: 10 * 60 * 1000, max: 6 * DAY_MS })) : null;
    const updatedMs =
      status === 'closed' && solvedMs !== null
        ? Math.min(now, solvedMs + AUTO_CLOSE_MS)
        : (solvedMs ?? f.number.int({ min: createdMs, max: now }));
    const replies = status === 'new' ? 0 : f.number.int({ min: 1, max: 4 });
    const priority: HelpdeskPriority | null = complaint
      ? weighted(f, [
          { weight: 50, value: 'high' as const },
          { weight: 35, value: 'normal' as const },
          { weight: 15, value: 'urgent' as const },
        ])
      : weighted<HelpdeskPriority | null>(f, [
          { weight: 15, value: null },
          { weight: 15, value: 'low' },
          { weight: 55, value: 'normal' },
          { weight: 12, value: 'high' },
          { weight: 3, value: 'urgent' },
        ]);
    const phone = draft.user.phone;
    const subject =
      channel === 'voice' && this.chance(0.4)
        ? `Call from ${phone ?? 'unknown number'}`
        : f.helpers.arrayElement(topic.subjects);
    const tags = [...topic.tags, ...(complaint ? ['complaint'] : []), ...(this.chance(0.03) ? ['vip'] : [])];
    return {
      solvedMs,
      replies,
      comments: 1 + replies + (replies > 0 ? f.number.int({ min: 0, max: replies }) : 0),
      ticket: {
        subject,
        description: topic.description,
        status,
        type: this.chance(0.1) ? null : f.helpers.arrayElement(topic.types),
        priority,
        via: {
          channel,
          source: {
            from:
              channel === 'email'
                ? { address: draft.user.email, name: draft.user.name }
                : channel === 'voice'
                  ? { phone, formatted_phone: phone }
                  : {},
            to: {},
            rel: null,
          },
        },
        assignee_id: null,
        tags,
        satisfaction_rating: solved ? this.rating(complaint) : { score: 'unoffered' },
        created_at: iso(createdMs),
        updated_at: iso(updatedMs),
      },
    };
  }

  private rating(complaint: boolean): HelpdeskTicket['satisfaction_rating'] {
    const score = weighted<HelpdeskSatisfactionScore>(this.f, [
      { weight: 25, value: 'unoffered' },
      { weight: 40, value: 'offered' },
      { weight: complaint ? 10 : 27, value: 'good' },
      { weight: complaint ? 25 : 8, value: 'bad' },
    ]);
    if (score === 'good' && this.chance(0.4)) return { score, comment: this.f.helpers.arrayElement(GOOD_COMMENTS) };
    if (score === 'bad' && this.chance(0.7)) return { score, comment: this.f.helpers.arrayElement(BAD_COMMENTS) };
    return { score, comment: null };
  }

  /**
   * The demo's showcase people called at least once and rated the support:
   * the primary user (who has a phone) gets a call, and their oldest ticket is
   * solved and rated.
   */
  private makeShowcase(primary: UserDraft): void {
    const tickets = primary.tickets;
    const call = tickets[tickets.length - 1]!;
    if (!tickets.some((t) => t.ticket.via.channel === 'voice')) {
      call.ticket.via = { channel: 'voice', source: { from: { phone: primary.user.phone }, to: {}, rel: null } };
    }
    if (tickets.some((t) => ['good', 'bad'].includes(t.ticket.satisfaction_rating.score))) return;
    const oldest = tickets[0]!;
    const createdMs = Date.parse(oldest.ticket.created_at);
    const solvedMs = Math.min(this.ctx.nowMs, createdMs + 2 * 60 * 60 * 1000);
    const closed = this.ctx.nowMs - solvedMs > AUTO_CLOSE_MS;
    oldest.solvedMs = solvedMs;
    oldest.replies = Math.max(1, oldest.replies);
    oldest.comments = Math.max(2, oldest.comments);
    oldest.ticket.status = closed ? 'closed' : 'solved';
    oldest.ticket.updated_at = iso(closed ? solvedMs + AUTO_CLOSE_MS : solvedMs);
    oldest.ticket.satisfaction_rating = this.chance(0.75)
      ? { score: 'good', comment: this.f.helpers.arrayElement(GOOD_COMMENTS) }
      : { score: 'bad', comment: this.f.helpers.arrayElement(BAD_COMMENTS) };
  }

  private finish(): SupportSeed {
    const f = this.f;
    const agents: HelpdeskUser[] = AGENT_NAMES.map((name, i) => {
      const created = iso(this.ctx.nowMs - HISTORY_MS - (i + 1) * 30 * DAY_MS);
      return {
        id: 360_000_000_100 + i,
        name,
        email: `${name
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/\s+/g, '.')}@support.example.com`,
        phone: null,
        role: 'agent',
        time_zone: 'Paris',
        locale: 'en-US',
        verified: true,
        active: true,
        tags: [],
        created_at: created,
        updated_at: created,
      };
    });
    // Ids in an order unrelated to the people's, with gaps, as a help desk's ids look.
    const shuffled = f.helpers.shuffle([...this.drafts]);
    shuffled.forEach((draft, i) => (draft.id = 361_000_000_000 + i * 17 + f.number.int({ min: 0, max: 16 })));
    // Ticket numbers follow the order tickets were opened in.
    const all = this.drafts.flatMap((draft) => draft.tickets.map((t) => ({ draft, t })));
    all.sort((a, b) => Date.parse(a.t.ticket.created_at) - Date.parse(b.t.ticket.created_at));
    const tickets: HelpdeskTicket[] = [];
    const metrics: HelpdeskTicketMetric[] = [];
    const commentCounts: Record<string, number> = {};
    all.forEach(({ draft, t }, i) => {
      const id = 10_001 + i;
      const requester = draft.id!;
      tickets.push({
        id,
        ...t.ticket,
        requester_id: requester,
        submitter_id: requester,
        assignee_id: t.ticket.status === 'new' ? null : f.helpers.arrayElement(agents).id,
      });
      metrics.push({
        id: 50_000 + i,
        ticket_id: id,
        solved_at: t.solvedMs === null ? null : iso(t.solvedMs),
        replies: t.replies,
        reopens: 0,
        created_at: t.ticket.created_at,
        updated_at: t.ticket.updated_at,
      });
      commentCounts[String(id)] = t.comments;
    });
    const users: HelpdeskUser[] = [
      ...agents,
      ...shuffled.map((draft) => ({ id: draft.id!, ...draft.user })).sort((a, b) => a.id - b.id),
    ];
    const truth = this.drafts
      .map((draft) => this.truthOf(draft))
      .sort((a, b) => (a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0));

    const perPerson = new Map<string, number>();
    for (const draft of this.drafts) perPerson.set(draft.person.id, (perPerson.get(draft.person.id) ?? 0) + 1);
    return {
      data: { users, tickets, ticket_metrics: metrics, comment_counts: commentCounts },
      truth,
      stats: {
        people: this.ctx.people.length,
        peopleContacted: perPerson.size,
        peopleWithTwoUsers: [...perPerson.values()].filter((n) => n > 1).length,
        endUsers: this.drafts.length,
        agents: agents.length,
        phoneOnlyUsers: this.drafts.filter((d) => !d.user.email && d.user.phone).length,
        usersWithoutIdentifier: this.drafts.filter((d) => !d.user.email && !d.user.phone).length,
        tickets: tickets.length,
        phoneCalls: tickets.filter((t) => t.via.channel === 'voice').length,
        ratedTickets: tickets.filter((t) => ['good', 'bad'].includes(t.satisfaction_rating.score)).length,
        complaints: tickets.filter((t) => t.tags.includes('complaint')).length,
      },
    };
  }

  /** The record's identifiers, normalised as the identity graph will (phones read with the user's country). */
  private truthOf(draft: UserDraft): SourceTruthRecord {
    const identifiers: SourceTruthRecord['identifiers'] = [];
    const { email, phone } = draft.user;
    if (email) identifiers.push({ kind: 'EMAIL', value: normaliseEmail(email) });
    if (phone) {
      const e164 = normalisePhone(phone, draft.person.country);
      if (e164 !== draft.person.mobile) {
        throw new Error(`Help-desk phone ${JSON.stringify(phone)} of ${draft.person.id} does not read back as theirs`);
      }
      identifiers.push({ kind: 'PHONE', value: e164 });
    }
    return { personId: draft.person.id, system: SUPPORT_SYSTEM, localId: String(draft.id), identifiers };
  }
}

/**
 * The demo help desk's records for these people, with the ground truth of
 * every end user. Pure and deterministic: same context, same output.
 */
export function generateSupport(ctx: SourceSeedContext): SupportSeed {
  return new SupportGenerator(ctx).run();
}

export interface SupportTarget {
  /** The simulator's data file; relative paths are taken from the repository root. */
  file: string;
  /** Progress messages. @default no output */
  log?: (msg: string) => void;
}

/**
 * Writes the help desk's data file, replacing the previous one whole: written
 * beside it and renamed over it, so that a simulator reading it never sees
 * half a file. Returns the absolute path written.
 */
export async function loadSupport(data: HelpdeskData, target: SupportTarget): Promise<string> {
  const started = Date.now();
  const file = resolveHelpdeskDataFile(target.file);
  await mkdir(path.dirname(file), { recursive: true });
  await writeHelpdeskDataFileAsync(file, data);
  const endUsers = data.users.filter((u) => u.role === 'end-user').length;
  target.log?.(
    `seed: support ${endUsers} help-desk users, ${data.tickets.length} tickets written to ${path.relative(process.cwd(), file) || file} in ${Date.now() - started} ms`,
  );
  return file;
}
