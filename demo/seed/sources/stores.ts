/**
 * Demo stores: the chain's 15 shops in five countries, their tills' end-of-day
 * exports and the loyalty programme's member exports, in the formats of
 * demo/sources/stores/README.md.
 *
 * About 40 % of the people hold a loyalty card (every `everywhere` person
 * does, with several receipts); some lost theirs and got a new number, the
 * old card marked REPLACED. Members enrol on paper or at the till, so many
 * give no email, phones are typed the local way, card numbers are written
 * with spaces or dashes and surnames often in capitals. Receipts span the
 * last two years and most of them are anonymous (no card scanned); a few
 * carry a card that was handed out but never registered, which belongs to
 * nobody known and so is not in the ground truth.
 *
 * Pure and deterministic (one seeded faker stream, times from `nowMs`; local
 * times come from the platform's time-zone data); `loadStores` at the bottom
 * writes the files.
 */
import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Faker } from '@faker-js/faker';
import { normaliseEmail, type Country } from '../generate';
import { sourceFaker, type DemoPerson, type SourceSeedContext, type SourceTruthRecord } from './contract';

/** This source's random stream (see sourceFaker). */
export const STORES_STREAM = 2001;
export const STORES_SYSTEM = 'stores';

/** Share of the people who hold a loyalty card, `everywhere` people included. */
const MEMBER_SHARE = 0.4;
/** Members whose card was lost and re-issued under a new number. */
const REISSUE_RATE = 0.08;
const EMAIL_RATE = 0.72;
const PHONE_RATE = 0.85;
/** Anonymous receipts per receipt with a card: most sales are anonymous. */
const ANONYMOUS_PER_MEMBER_RECEIPT = 1.6;
/** Anonymous-looking receipts that carry a card nobody registered. */
const UNREGISTERED_CARD_RATE = 0.03;
const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 730;
/** The member exports: one full export, then one delta per day up to yesterday. */
const MEMBER_DELTA_DAYS = 7;
/** Opening hours, local time. */
const OPENS_S = 9 * 3600;
const CLOSES_S = 20 * 3600;

export type PaymentMethod = 'CASH' | 'CARD' | 'CONTACTLESS' | 'MOBILE' | 'GIFT_CARD';
export type CardStatus = 'ACTIVE' | 'REPLACED';
export type Tier = 'BRONZE' | 'SILVER' | 'GOLD';

/** A row of the head office's store list. */
export interface SeedStore {
  code: string;
  name: string;
  city: string;
  country: Country;
  timezone: string;
  currency: 'EUR' | 'GBP' | 'USD';
  /** Tills numbered 01…tills. */
  tills: number;
  /** Operator ids of the store's cashiers. */
  cashiers: string[];
}

/** A row of a loyalty member export, values as the programme holds them. */
export interface SeedMemberRow {
  /** As written in the export: spaces, dashes, lower case. */
  cardNumber: string;
  status: CardStatus;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  country: Country;
  enrolmentStore: string;
  /** ISO-8601 UTC. */
  enrolledAt: string;
  updatedAt: string;
  tier: Tier;
  pointsBalance: number;
}

/** One member export file: the first is a full export, the next ones hold the rows changed that day. */
export interface SeedMemberExport {
  /** YYYYMMDD. */
  date: string;
  rows: SeedMemberRow[];
}

export interface SeedReceiptLine {
  lineNumber: number;
  sku: string;
  description: string;
  quantity: number;
  /** Minor units (cents). */
  unitPrice: number;
  discount: number;
  lineTotal: number;
}

export interface SeedReceipt {
  receiptNumber: string;
  storeCode: string;
  /** Two digits, e.g. 02. */
  tillNumber: string;
  cashier: string;
  /** Store-local time with its offset, e.g. 2026-10-31T17:42:05+01:00. */
  purchasedAt: string;
  /** YYYYMMDD, the store's local day: the till file the receipt is in. */
  businessDate: string;
  /** The card as the till got it (scanned or keyed), empty for an anonymous sale. */
  loyaltyCard: string;
  currency: SeedStore['currency'];
  paymentMethod: PaymentMethod;
  lines: SeedReceiptLine[];
}

export interface StoresData {
  stores: SeedStore[];
  memberExports: SeedMemberExport[];
  /** Ordered by store, business day, till and time. */
  receipts: SeedReceipt[];
}

export interface StoresStats {
  stores: number;
  /** People with at least one card. */
  members: number;
  cards: number;
  reissuedCards: number;
  cardsWithoutEmail: number;
  cardsWithoutPhone: number;
  receipts: number;
  receiptsWithCard: number;
  anonymousReceipts: number;
  unregisteredCardReceipts: number;
  lines: number;
  tillFiles: number;
}

export interface StoresSeed {
  data: StoresData;
  truth: SourceTruthRecord[];
  stats: StoresStats;
}

// ---------------------------------------------------------------------------
// Reference data

type Language = 'en' | 'fr' | 'de' | 'es';

const LANGUAGE: Record<Country, Language> = { FR: 'fr', GB: 'en', DE: 'de', US: 'en', ES: 'es' };

/** Till locales: French, German and Spanish tills write decimal commas. */
const DECIMAL_COMMA: Record<Country, boolean> = { FR: true, GB: false, DE: true, US: false, ES: true };

const STORES: ReadonlyArray<Omit<SeedStore, 'cashiers' | 'currency'> & { weight: number }> = [
  { code: 'PAR01', name: 'Paris Rivoli', city: 'Paris', country: 'FR', timezone: 'Europe/Paris', weight: 5, tills: 4 },
  {
    code: 'PAR02',
    name: 'Paris La Défense',
    city: 'Puteaux',
    country: 'FR',
    timezone: 'Europe/Paris',
    weight: 3,
    tills: 3,
  },
  { code: 'LYO01', name: 'Lyon Part-Dieu', city: 'Lyon', country: 'FR', timezone: 'Europe/Paris', weight: 3, tills: 3 },
  {
    code: 'BOR01',
    name: 'Bordeaux Sainte-Catherine',
    city: 'Bordeaux',
    country: 'FR',
    timezone: 'Europe/Paris',
    weight: 2,
    tills: 2,
  },
  {
    code: 'LON01',
    name: 'London Oxford Street',
    city: 'London',
    country: 'GB',
    timezone: 'Europe/London',
    weight: 5,
    tills: 4,
  },
  {
    code: 'MAN01',
    name: 'Manchester Arndale',
    city: 'Manchester',
    country: 'GB',
    timezone: 'Europe/London',
    weight: 3,
    tills: 3,
  },
  {
    code: 'EDI01',
    name: 'Edinburgh Princes Street',
    city: 'Edinburgh',
    country: 'GB',
    timezone: 'Europe/London',
    weight: 2,
    tills: 2,
  },
  {
    code: 'BER01',
    name: 'Berlin Alexanderplatz',
    city: 'Berlin',
    country: 'DE',
    timezone: 'Europe/Berlin',
    weight: 4,
    tills: 3,
  },
  {
    code: 'MUC01',
    name: 'München Kaufingerstraße',
    city: 'München',
    country: 'DE',
    timezone: 'Europe/Berlin',
    weight: 3,
    tills: 3,
  },
  {
    code: 'HAM01',
    name: 'Hamburg Mönckebergstraße',
    city: 'Hamburg',
    country: 'DE',
    timezone: 'Europe/Berlin',
    weight: 3,
    tills: 2,
  },
  {
    code: 'NYC01',
    name: 'New York SoHo',
    city: 'New York',
    country: 'US',
    timezone: 'America/New_York',
    weight: 4,
    tills: 4,
  },
  {
    code: 'CHI01',
    name: 'Chicago Michigan Avenue',
    city: 'Chicago',
    country: 'US',
    timezone: 'America/Chicago',
    weight: 3,
    tills: 3,
  },
  {
    code: 'SFO01',
    name: 'San Francisco Union Square',
    city: 'San Francisco',
    country: 'US',
    timezone: 'America/Los_Angeles',
    weight: 3,
    tills: 3,
  },
  {
    code: 'MAD01',
    name: 'Madrid Gran Vía',
    city: 'Madrid',
    country: 'ES',
    timezone: 'Europe/Madrid',
    weight: 4,
    tills: 3,
  },
  {
    code: 'BCN01',
    name: 'Barcelona Passeig de Gràcia',
    city: 'Barcelona',
    country: 'ES',
    timezone: 'Europe/Madrid',
    weight: 3,
    tills: 3,
  },
];

const CURRENCY: Record<Country, SeedStore['currency']> = { FR: 'EUR', GB: 'GBP', DE: 'EUR', US: 'USD', ES: 'EUR' };

/** The chain's catalogue: a home and lifestyle store. Prices in cents per currency. */
const CATALOGUE: ReadonlyArray<{
  sku: string;
  names: Record<Language, string>;
  prices: Record<SeedStore['currency'], number>;
}> = [
  p('HL-10021', ['Stoneware mug', 'Mug en grès', 'Steingutbecher', 'Taza de gres'], [890, 790, 950]),
  p('HL-10034', ['Linen tea towel', 'Torchon en lin', 'Leinen-Geschirrtuch', 'Paño de lino'], [1290, 1100, 1400]),
  p(
    'HL-10102',
    ['Scented candle fig', 'Bougie parfumée figue', 'Duftkerze Feige', 'Vela aromática higo'],
    [1990, 1750, 2200],
  ),
  p('HL-10115', ['Glass carafe 1L', 'Carafe en verre 1L', 'Glaskaraffe 1L', 'Jarra de vidrio 1L'], [2490, 2200, 2700]),
  p(
    'HL-10230',
    ['Cotton cushion cover', 'Housse de coussin coton', 'Kissenbezug Baumwolle', 'Funda de cojín algodón'],
    [1590, 1400, 1750],
  ),
  p('HL-10244', ['Wool throw', 'Plaid en laine', 'Wolldecke', 'Manta de lana'], [5990, 5200, 6500]),
  p(
    'HL-10310',
    ['Photo frame 13x18', 'Cadre photo 13x18', 'Bilderrahmen 13x18', 'Marco de fotos 13x18'],
    [990, 890, 1100],
  ),
  p('HL-10322', ['Ceramic vase', 'Vase en céramique', 'Keramikvase', 'Jarrón de cerámica'], [3490, 2990, 3800]),
  p('HL-10405', ['Bath towel', 'Drap de bain', 'Badetuch', 'Toalla de baño'], [2290, 1990, 2500]),
  p(
    'HL-10418',
    ['Bamboo soap dish', 'Porte-savon bambou', 'Seifenschale Bambus', 'Jabonera de bambú'],
    [690, 600, 750],
  ),
  p('HL-10520', ['Desk lamp', 'Lampe de bureau', 'Schreibtischlampe', 'Lámpara de escritorio'], [4990, 4400, 5500]),
  p('HL-10533', ['LED bulb E27', 'Ampoule LED E27', 'LED-Lampe E27', 'Bombilla LED E27'], [590, 500, 650]),
  p('HL-10610', ['Notebook A5', 'Carnet A5', 'Notizbuch A5', 'Cuaderno A5'], [790, 690, 850]),
  p('HL-10624', ['Greeting card', 'Carte de vœux', 'Grußkarte', 'Tarjeta de felicitación'], [350, 300, 400]),
  p(
    'HL-10701',
    ['Olive wood board', "Planche en bois d'olivier", 'Schneidebrett Olivenholz', 'Tabla de madera de olivo'],
    [2990, 2600, 3300],
  ),
  p(
    'HL-10715',
    ['Espresso cups (2)', 'Tasses expresso (x2)', 'Espressotassen (2 Stk.)', 'Tazas de espresso (2)'],
    [1490, 1300, 1600],
  ),
  p(
    'HL-10802',
    ['Storage basket', 'Panier de rangement', 'Aufbewahrungskorb', 'Cesta de almacenaje'],
    [2490, 2200, 2700],
  ),
  p(
    'HL-10816',
    ['Reusable tote bag', 'Sac cabas réutilisable', 'Mehrweg-Tragetasche', 'Bolsa reutilizable'],
    [250, 200, 300],
  ),
  p('HL-10903', ['Table runner', 'Chemin de table', 'Tischläufer', 'Camino de mesa'], [1890, 1650, 2000]),
  p('HL-10917', ['Gift card', 'Carte cadeau', 'Geschenkkarte', 'Tarjeta regalo'], [2500, 2500, 2500]),
];

function p(sku: string, [en, fr, de, es]: string[], [eur, gbp, usd]: number[]) {
  return {
    sku,
    names: { en: en!, fr: fr!, de: de!, es: es! },
    prices: { EUR: eur!, GBP: gbp!, USD: usd! },
  };
}

const PAYMENT_WEIGHTS: Record<Country, Array<{ weight: number; value: PaymentMethod }>> = {
  FR: w({ CARD: 45, CONTACTLESS: 30, CASH: 12, MOBILE: 10, GIFT_CARD: 3 }),
  GB: w({ CONTACTLESS: 50, CARD: 20, CASH: 10, MOBILE: 17, GIFT_CARD: 3 }),
  DE: w({ CASH: 40, CARD: 35, CONTACTLESS: 17, MOBILE: 6, GIFT_CARD: 2 }),
  US: w({ CARD: 55, CONTACTLESS: 15, CASH: 15, MOBILE: 12, GIFT_CARD: 3 }),
  ES: w({ CARD: 40, CONTACTLESS: 30, CASH: 20, MOBILE: 8, GIFT_CARD: 2 }),
};

function w<T extends string>(weights: Record<T, number>): Array<{ weight: number; value: T }> {
  return (Object.entries(weights) as Array<[T, number]>).map(([value, weight]) => ({ value, weight }));
}

/** Receipts per card over two years: most members come a few times, some are regulars. */
const RECEIPTS_PER_MEMBER = [8, 16, 16, 14, 11, 9, 7, 6, 4, 3, 2, 2, 1, 1].map((weight, value) => ({ weight, value }));
const LINES_PER_RECEIPT = [40, 28, 16, 10, 6].map((weight, i) => ({ weight, value: i + 1 }));

// ---------------------------------------------------------------------------
// Time zones

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** Offsets by zone and quarter hour: a zone's offset changes on a quarter-hour boundary at the finest. */
const QUARTER_MS = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** Offset of `timezone` from UTC at instant `ms`, in minutes (e.g. 60 for Paris in winter). */
function offsetMinutes(ms: number, timezone: string): number {
  const key = `${timezone}@${Math.floor(ms / QUARTER_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = zoneOffsetMinutes(ms, timezone);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

function zoneOffsetMinutes(ms: number, timezone: string): number {
  let format = zoneFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    zoneFormats.set(timezone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((part) => [part.type, part.value]));
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * A store-local wall time (as if it were UTC) to its instant and its ISO-8601
 * text with offset. Shops open 9:00–20:00, never in a DST gap or overlap.
 */
function zoned(wallMs: number, timezone: string): { ms: number; local: string } {
  const ms = wallMs - offsetMinutes(wallMs - offsetMinutes(wallMs, timezone) * 60_000, timezone) * 60_000;
  const offset = offsetMinutes(ms, timezone);
  const abs = Math.abs(offset);
  const sign = offset < 0 ? '-' : '+';
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { ms, local: `${new Date(wallMs).toISOString().slice(0, 19)}${sign}${hhmm}` };
}

const yyyymmdd = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const iso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------------------
// Generation

/** A card through time; `rowAt` gives its export row at any moment. */
interface CardDraft {
  person: DemoPerson;
  /** Normalised (the record's local id), also what a till scanner reads. */
  number: string;
  /** As the member export writes it. */
  printed: string;
  store: SeedStore;
  enrolledMs: number;
  /** When the card was replaced by a new one; null while in use. */
  replacedMs: number | null;
  /** Points carried over from the card this one replaced. */
  carriedPoints: number;
  contact: { firstName: string | null; lastName: string | null; email: string | null; phone: string | null };
  /** An email the member gave after enrolling, and when. */
  laterEmail: { ms: number; email: string } | null;
  receipts: Array<{ ms: number; points: number }>;
}

class StoresGenerator {
  private readonly f: Faker;
  private readonly takenCards = new Set<string>();
  private readonly stores: SeedStore[];
  private readonly cards: CardDraft[] = [];
  private readonly receipts: Array<SeedReceipt & { ms: number }> = [];
  /** Days (start of UTC day) each store has sold on, for anonymous sales to join. */
  private readonly storeDays = new Map<string, number[]>();
  private readonly historyStart: number;
  /** The last business day with receipts: today's till files are not exported yet. */
  private readonly lastDay: number;

  constructor(private readonly ctx: SourceSeedContext) {
    this.f = sourceFaker(ctx.seed, STORES_STREAM);
    // Two days back: a Californian sale at 8 pm is already the next day in UTC, and must not pass `nowMs`.
    this.lastDay = startOfDay(ctx.nowMs) - 2 * DAY_MS;
    this.historyStart = this.lastDay - (HISTORY_DAYS - 1) * DAY_MS;
    this.stores = STORES.map(({ weight: _weight, ...store }) => ({
      ...store,
      currency: CURRENCY[store.country],
      // Operator ids as the tills know them: four digits.
      cashiers: Array.from({ length: store.tills + 3 }, () => String(this.f.number.int({ min: 1000, max: 9999 }))),
    }));
  }

  run(): StoresSeed {
    const everywhereShare = this.ctx.people.filter((p) => p.everywhere).length / Math.max(1, this.ctx.people.length);
    const otherShare = Math.max(0, (MEMBER_SHARE - everywhereShare) / Math.max(1e-9, 1 - everywhereShare));
    for (const person of this.ctx.people) {
      // `everywhere` people are members whatever the draw; drawing for them too keeps the stream simple.
      const joins = this.chance(otherShare);
      if (person.everywhere || joins) this.addMember(person);
    }
    const memberReceipts = this.receipts.length;
    this.addAnonymousReceipts(Math.round(memberReceipts * ANONYMOUS_PER_MEMBER_RECEIPT));
    const receipts = this.numberReceipts();
    const memberExports = this.memberExports();
    const truth = this.truth();
    const tillFiles = new Set(receipts.map((r) => `${r.storeCode}_${r.businessDate}`)).size;
    const lastRows = this.cards.map((card) => this.rowAt(card, this.ctx.nowMs)!);
    return {
      data: { stores: this.stores, memberExports, receipts },
      truth,
      stats: {
        stores: this.stores.length,
        members: new Set(this.cards.map((c) => c.person.id)).size,
        cards: this.cards.length,
        reissuedCards: this.cards.filter((c) => c.replacedMs !== null).length,
        cardsWithoutEmail: lastRows.filter((r) => r.email === null).length,
        cardsWithoutPhone: lastRows.filter((r) => r.phone === null).length,
        receipts: receipts.length,
        receiptsWithCard: memberReceipts,
        anonymousReceipts: receipts.filter((r) => r.loyaltyCard === '').length,
        unregisteredCardReceipts:
          receipts.length - memberReceipts - receipts.filter((r) => r.loyaltyCard === '').length,
        lines: receipts.reduce((n, r) => n + r.lines.length, 0),
        tillFiles,
      },
    };
  }

  private chance(probability: number): boolean {
    return this.f.datatype.boolean({ probability });
  }

  private weighted<T>(items: ReadonlyArray<{ weight: number; value: T }>): T {
    return this.f.helpers.weightedArrayElement(items as Array<{ weight: number; value: T }>);
  }

  private homeStore(country: Country): SeedStore {
    const local = STORES.filter((s) => s.country === country);
    const code = this.weighted(local.map((s) => ({ weight: s.weight, value: s.code })));
    return this.stores.find((s) => s.code === code)!;
  }

  private addMember(person: DemoPerson): void {
    const everywhere = person.everywhere;
    const store = this.homeStore(person.country);
    // Members enrolled up to four years ago; `everywhere` people early enough to have a history.
    const enrolledMs = this.moment(this.ctx.nowMs - 4 * 365 * DAY_MS, this.ctx.nowMs - (everywhere ? 200 : 3) * DAY_MS);
    const contact = {
      firstName: this.chance(0.97) ? person.firstName : null,
      lastName: this.chance(person.country === 'FR' ? 0.35 : 0.12) ? person.lastName.toUpperCase() : person.lastName,
      email: everywhere || this.chance(EMAIL_RATE) ? this.typedEmail(person) : null,
      phone: everywhere || this.chance(PHONE_RATE) ? this.typedPhone(person) : null,
    };
    // Some members who gave no email at enrolment give one later, at a till.
    const laterEmail =
      contact.email === null && this.chance(0.15)
        ? {
            ms: this.moment(enrolledMs, this.ctx.nowMs - 1000),
            email: this.typedEmail(person),
          }
        : null;
    const replacedMs =
      this.ctx.nowMs - enrolledMs > 90 * DAY_MS && this.chance(REISSUE_RATE)
        ? this.moment(enrolledMs + 60 * DAY_MS, this.ctx.nowMs - 3 * DAY_MS)
        : null;

    const first = this.newCard(person, store, enrolledMs, contact, laterEmail);
    let second: CardDraft | null = null;
    if (replacedMs !== null) {
      first.replacedMs = replacedMs;
      // The new card is issued at the member's store, with the member's details as they are then.
      const emailBefore = laterEmail !== null && laterEmail.ms <= replacedMs;
      if (!emailBefore) first.laterEmail = null;
      second = this.newCard(
        person,
        store,
        replacedMs,
        { ...contact, email: emailBefore ? laterEmail.email : contact.email },
        emailBefore ? null : laterEmail,
      );
    }

    const visits = everywhere
      ? this.f.number.int({ min: 3, max: 9 })
      : this.weighted(RECEIPTS_PER_MEMBER) + (second ? 1 : 0);
    const from = Math.max(startOfDay(enrolledMs) + DAY_MS, this.historyStart);
    const days = from > this.lastDay ? [] : Array.from({ length: visits }, () => this.day(from, this.lastDay));
    if (everywhere && days.length === 0) throw new Error(`stores seed: ${person.id} has no purchase history`);
    const replacedDay = replacedMs === null ? null : startOfDay(replacedMs);
    for (const drawn of days.sort((a, b) => a - b)) {
      // No sale on the day of the replacement, so that each receipt clearly falls before or after it.
      const day = drawn === replacedDay ? drawn + DAY_MS : drawn;
      const card = second && replacedDay !== null && day > replacedDay ? second : first;
      const shop = this.chance(0.8) ? store : this.chance(0.9) ? this.homeStore(person.country) : this.anyStore();
      // Usually scanned; now and then keyed by hand from the printed card.
      const keyed = this.chance(0.08) ? card.printed : card.number;
      const receipt = this.addReceipt(shop, day, keyed, true);
      card.receipts.push({ ms: receipt.ms, points: Math.floor(total(receipt) / 100) });
    }
    if (second) second.carriedPoints = first.receipts.reduce((n, r) => n + r.points, 0);
  }

  /** A time between two others, to the second: the loyalty platform keeps no milliseconds. */
  private moment(from: number, to: number): number {
    return Math.floor(this.f.number.int({ min: from, max: to }) / 1000) * 1000;
  }

  private anyStore(): SeedStore {
    return this.f.helpers.arrayElement(this.stores);
  }

  private newCard(
    person: DemoPerson,
    store: SeedStore,
    enrolledMs: number,
    contact: CardDraft['contact'],
    laterEmail: CardDraft['laterEmail'],
  ): CardDraft {
    // Cards older than three years come from the former programme.
    const number = this.cardNumber(enrolledMs < this.ctx.nowMs - 3 * 365 * DAY_MS ? person.country : null);
    const card: CardDraft = {
      person,
      number,
      printed: this.printed(number),
      store,
      enrolledMs,
      replacedMs: null,
      carriedPoints: 0,
      contact,
      laterEmail,
      receipts: [],
    };
    this.cards.push(card);
    return card;
  }

  /**
   * A new card number: an EAN-13 in the in-store range (29…, with its check
   * digit), or for cards of the former programme (before the EAN cards) the
   * country and eight digits.
   */
  private cardNumber(legacyCountry: Country | null): string {
    for (;;) {
      const number = legacyCountry
        ? `${legacyCountry}${this.f.string.numeric({ length: 8, allowLeadingZeros: true })}`
        : ean13(`29${this.f.string.numeric({ length: 10, allowLeadingZeros: true })}`);
      if (!this.takenCards.has(number)) {
        this.takenCards.add(number);
        return number;
      }
    }
  }

  /** The card number as the member export writes it: as printed on the card, or as staff typed it. */
  private printed(number: string): string {
    if (!/^\d{13}$/.test(number)) {
      // Legacy cards: FR-1234-5678, often typed in lower case.
      const typed = `${number.slice(0, 2)}-${number.slice(2, 6)}-${number.slice(6)}`;
      return this.chance(0.4) ? typed.toLowerCase() : typed;
    }
    return this.weighted([
      { weight: 40, value: number },
      { weight: 35, value: `${number[0]} ${number.slice(1, 7)} ${number.slice(7)}` },
      { weight: 15, value: `${number.slice(0, 4)}-${number.slice(4, 8)}-${number.slice(8, 12)}-${number.slice(12)}` },
      { weight: 10, value: `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8, 12)} ${number.slice(12)}` },
    ]);
  }

  private typedEmail(person: DemoPerson): string {
    const email = person.workEmail && this.chance(0.1) ? person.workEmail : person.personalEmail;
    return this.weighted([
      { weight: 70, value: email },
      { weight: 15, value: email.charAt(0).toUpperCase() + email.slice(1) },
      { weight: 5, value: email.toUpperCase() },
      { weight: 10, value: `${email} ` },
    ]);
  }

  /** The mobile as typed on a paper form or at a till. */
  private typedPhone(person: DemoPerson): string {
    return this.weighted([
      { weight: 60, value: person.mobileAsTyped },
      { weight: 25, value: person.mobileAsTyped.replace(/[\s.()-]/g, '') },
      { weight: 15, value: person.mobile },
    ]);
  }

  /** A day (start of UTC day) between two days, inclusive. */
  private day(from: number, to: number): number {
    return from + this.f.number.int({ min: 0, max: Math.round((to - from) / DAY_MS) }) * DAY_MS;
  }

  private addReceipt(store: SeedStore, day: number, card: string, member: boolean): SeedReceipt & { ms: number } {
    const secondOfDay = this.f.number.int({ min: OPENS_S, max: CLOSES_S - 60 });
    const time = zoned(day + secondOfDay * 1000, store.timezone);
    const language = LANGUAGE[store.country];
    const lineCount = this.weighted(LINES_PER_RECEIPT);
    const products = this.f.helpers.arrayElements(CATALOGUE, lineCount);
    const lines = products.map((product, i): SeedReceiptLine => {
      const quantity = this.weighted([
        { weight: 80, value: 1 },
        { weight: 15, value: 2 },
        { weight: 5, value: 3 },
      ]);
      const unitPrice = product.prices[store.currency];
      // Members get the odd loyalty offer (10 %), everyone the odd promotion (20 %); gift cards never.
      const percent = product.sku === 'HL-10917' ? 0 : member && this.chance(0.15) ? 10 : this.chance(0.06) ? 20 : 0;
      const discount = Math.floor((unitPrice * quantity * percent) / 100);
      return {
        lineNumber: i + 1,
        sku: product.sku,
        description: product.names[language],
        quantity,
        unitPrice,
        discount,
        lineTotal: unitPrice * quantity - discount,
      };
    });
    const days = this.storeDays.get(store.code) ?? [];
    if (days[days.length - 1] !== day) days.push(day);
    this.storeDays.set(store.code, days);
    const receipt = {
      receiptNumber: '',
      storeCode: store.code,
      tillNumber: String(this.f.number.int({ min: 1, max: store.tills })).padStart(2, '0'),
      cashier: this.f.helpers.arrayElement(store.cashiers),
      purchasedAt: time.local,
      businessDate: yyyymmdd(day),
      loyaltyCard: card,
      currency: store.currency,
      paymentMethod: this.weighted(PAYMENT_WEIGHTS[store.country]),
      lines,
      ms: time.ms,
    };
    this.receipts.push(receipt);
    return receipt;
  }

  /** Sales without a card, mostly on days the store already sold on, so that a day's file holds several. */
  private addAnonymousReceipts(count: number): void {
    const unregistered: string[] = [];
    for (let i = 0; i < count; i++) {
      const store = this.weighted(STORES.map((s, k) => ({ weight: s.weight, value: this.stores[k]! })));
      const known = this.storeDays.get(store.code) ?? [];
      const day =
        known.length > 0 && this.chance(0.85)
          ? this.f.helpers.arrayElement(known)
          : this.day(this.historyStart, this.lastDay);
      let card = '';
      if (this.chance(UNREGISTERED_CARD_RATE)) {
        // A card handed out but never registered: sometimes seen again.
        card =
          unregistered.length > 0 && this.chance(0.3)
            ? this.f.helpers.arrayElement(unregistered)
            : this.cardNumber(null);
        unregistered.push(card);
      }
      this.addReceipt(store, day, card, false);
    }
  }

  /** Receipt numbers: store, till, business day and the till's sequence that day. */
  private numberReceipts(): SeedReceipt[] {
    const ordered = this.receipts.sort(
      (a, b) =>
        compare(a.storeCode, b.storeCode) ||
        compare(a.businessDate, b.businessDate) ||
        compare(a.tillNumber, b.tillNumber) ||
        a.ms - b.ms,
    );
    let key = '';
    let sequence = 0;
    return ordered.map(({ ms: _ms, ...receipt }) => {
      const till = `${receipt.storeCode}-${receipt.tillNumber}-${receipt.businessDate}`;
      sequence = till === key ? sequence + 1 : 1;
      key = till;
      return { ...receipt, receiptNumber: `${till}-${String(sequence).padStart(4, '0')}` };
    });
  }

  /** The card's export row as the programme held it at `atMs`; null before the card existed. */
  private rowAt(card: CardDraft, atMs: number): SeedMemberRow | null {
    if (card.enrolledMs > atMs) return null;
    const replaced = card.replacedMs !== null && card.replacedMs <= atMs;
    const receipts = card.receipts.filter((r) => r.ms <= atMs);
    const laterEmail = card.laterEmail !== null && card.laterEmail.ms <= atMs ? card.laterEmail : null;
    const changes = [card.enrolledMs, ...receipts.map((r) => r.ms)];
    if (replaced) changes.push(card.replacedMs!);
    if (laterEmail) changes.push(laterEmail.ms);
    const earned = receipts.reduce((n, r) => n + r.points, 0);
    const lifetime = card.carriedPoints + earned;
    return {
      cardNumber: card.printed,
      status: replaced ? 'REPLACED' : 'ACTIVE',
      firstName: card.contact.firstName,
      lastName: card.contact.lastName,
      email: laterEmail ? laterEmail.email : card.contact.email,
      phone: card.contact.phone,
      country: card.person.country,
      enrolmentStore: card.store.code,
      enrolledAt: iso(card.enrolledMs),
      updatedAt: iso(Math.max(...changes)),
      tier: lifetime >= 600 ? 'GOLD' : lifetime >= 250 ? 'SILVER' : 'BRONZE',
      // A replaced card's points moved to the new card.
      pointsBalance: replaced ? 0 : lifetime,
    };
  }

  /** A full export eight days ago, then each day's changed rows up to yesterday. */
  private memberExports(): SeedMemberExport[] {
    const exports: SeedMemberExport[] = [];
    const fullDay = startOfDay(this.ctx.nowMs) - (MEMBER_DELTA_DAYS + 1) * DAY_MS;
    const cutOff = (day: number) => Math.min(day + DAY_MS - 1, this.ctx.nowMs);
    const ordered = [...this.cards].sort((a, b) => a.enrolledMs - b.enrolledMs || compare(a.number, b.number));
    exports.push({
      date: yyyymmdd(fullDay),
      rows: ordered.map((card) => this.rowAt(card, cutOff(fullDay))).filter((r): r is SeedMemberRow => r !== null),
    });
    for (let k = 1; k <= MEMBER_DELTA_DAYS; k++) {
      const day = fullDay + k * DAY_MS;
      const rows = ordered
        .map((card) => this.rowAt(card, cutOff(day)))
        .filter((r): r is SeedMemberRow => r !== null && Date.parse(r.updatedAt) > cutOff(day - DAY_MS))
        .sort((a, b) => compare(a.updatedAt, b.updatedAt));
      exports.push({ date: yyyymmdd(day), rows });
    }
    return exports;
  }

  private truth(): SourceTruthRecord[] {
    return this.cards.map((card) => {
      const row = this.rowAt(card, this.ctx.nowMs)!;
      const identifiers: SourceTruthRecord['identifiers'] = [{ kind: 'LOYALTY_CARD', value: card.number }];
      if (row.email !== null) identifiers.push({ kind: 'EMAIL', value: normaliseEmail(row.email) });
      // Every phone written is the person's own mobile, in one format or another.
      if (row.phone !== null) identifiers.push({ kind: 'PHONE', value: card.person.mobile });
      return { personId: card.person.id, system: STORES_SYSTEM, localId: card.number, identifiers };
    });
  }
}

function total(receipt: SeedReceipt): number {
  return receipt.lines.reduce((n, line) => n + line.lineTotal, 0);
}

/** Appends the EAN-13 check digit to 12 digits. */
function ean13(twelve: string): string {
  const sum = [...twelve].reduce((n, digit, i) => n + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The stores' demo data: stores, member exports and receipts, with the ground
 * truth of the loyalty cards (one record per card). Same context, same output.
 */
export function generateStores(ctx: SourceSeedContext): StoresSeed {
  return new StoresGenerator(ctx).run();
}

// ---------------------------------------------------------------------------
// Export files

export interface ExportFileContent {
  name: string;
  content: string;
}

/** A CSV field: quoted only when it holds the separator, a quote or a line break. */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvLine = (values: ReadonlyArray<string | number | null>) => values.map(field).join(';');

function amount(minor: number, comma: boolean): string {
  const text = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  return comma ? text.replace('.', ',') : text;
}

/**
 * The files the tills, the loyalty platform and the head office would have
 * written: one till file per store and business day (Windows tills: BOM, CRLF,
 * the locale's decimal mark), the member exports and the store list.
 */
export function renderStoresExports(data: StoresData): ExportFileContent[] {
  const files: ExportFileContent[] = [];
  const listDate = data.memberExports[0]?.date ?? '19700101';
  files.push({
    name: `STORES_${listDate}.csv`,
    content:
      [
        'STORE_CODE;STORE_NAME;CITY;COUNTRY;TIMEZONE;CURRENCY',
        ...data.stores.map((s) => csvLine([s.code, s.name, s.city, s.country, s.timezone, s.currency])),
      ].join('\n') + '\n',
  });
  for (const file of data.memberExports) {
    files.push({
      name: `LOYALTY_MEMBERS_${file.date}.csv`,
      content:
        [
          'CARD_NUMBER;CARD_STATUS;FIRST_NAME;LAST_NAME;EMAIL;PHONE;COUNTRY;ENROLMENT_STORE;ENROLLED_AT;UPDATED_AT;TIER;POINTS_BALANCE',
          ...file.rows.map((m) =>
            csvLine([
              m.cardNumber,
              m.status,
              m.firstName,
              m.lastName,
              m.email,
              m.phone,
              m.country,
              m.enrolmentStore,
              m.enrolledAt,
              m.updatedAt,
              m.tier,
              m.pointsBalance,
            ]),
          ),
        ].join('\n') + '\n',
    });
  }
  const country = new Map(data.stores.map((s) => [s.code, s.country]));
  const byFile = new Map<string, SeedReceipt[]>();
  for (const receipt of data.receipts) {
    const name = `TILL_${receipt.storeCode}_${receipt.businessDate}.csv`;
    const list = byFile.get(name);
    if (list) list.push(receipt);
    else byFile.set(name, [receipt]);
  }
  const header =
    'STORE_CODE;TILL_NO;RECEIPT_NO;TXN_TIMESTAMP;CASHIER_ID;LOYALTY_CARD_NO;LINE_NO;SKU;DESCRIPTION;QTY;UNIT_PRICE;LINE_DISCOUNT;LINE_TOTAL;CURRENCY;PAYMENT_METHOD';
  for (const [name, receipts] of byFile) {
    const comma = DECIMAL_COMMA[country.get(receipts[0]!.storeCode) ?? 'GB'];
    const lines = receipts.flatMap((r) =>
      r.lines.map((l) =>
        csvLine([
          r.storeCode,
          r.tillNumber,
          r.receiptNumber,
          r.purchasedAt,
          r.cashier,
          r.loyaltyCard,
          l.lineNumber,
          l.sku,
          l.description,
          l.quantity,
          amount(l.unitPrice, comma),
          amount(l.discount, comma),
          amount(l.lineTotal, comma),
          r.currency,
          r.paymentMethod,
        ]),
      ),
    );
    files.push({ name, content: `\ufeff${[header, ...lines].join('\r\n')}\r\n` });
  }
  return files;
}

// ---------------------------------------------------------------------------
// Loading

export interface StoresSeedTarget {
  /** The till export folder (STORES_EXPORT_DIR); created when missing. */
  dir: string;
  /** Progress messages. @default no output */
  log?: (msg: string) => void;
}

export interface StoresLoadResult {
  files: number;
  /** Export files of an earlier run that this one did not write, removed. */
  removed: number;
  receipts: number;
  cards: number;
  ms: number;
}

/** Names of the files this demo writes: other files in the folder are left alone. */
const EXPORT_NAME = /^(TILL_[A-Za-z0-9]+_\d{8}|LOYALTY_MEMBERS_\d{8}|STORES_\d{8})\.csv$/i;

/**
 * Writes the export files into the folder, replacing the demo exports of an
 * earlier run (so that reseeding leaves exactly this run's files). Each file
 * is written under a temporary name and renamed, so that a running stores
 * subgraph never reads one half-written.
 */
export async function loadStores(data: StoresData, target: StoresSeedTarget): Promise<StoresLoadResult> {
  const started = process.hrtime.bigint();
  const log = target.log ?? (() => undefined);
  await mkdir(target.dir, { recursive: true });
  const files = renderStoresExports(data);
  const wanted = new Set(files.map((f) => f.name));
  const stale = (await readdir(target.dir)).filter((name) => EXPORT_NAME.test(name) && !wanted.has(name));
  for (const name of stale) await unlink(path.join(target.dir, name));
  for (let i = 0; i < files.length; i += 32) {
    await Promise.all(
      files.slice(i, i + 32).map(async (file) => {
        const tmp = path.join(target.dir, `.${file.name}.tmp`);
        await writeFile(tmp, file.content);
        await rename(tmp, path.join(target.dir, file.name));
      }),
    );
  }
  const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
  const cards = new Set(data.memberExports.flatMap((e) => e.rows.map((r) => r.cardNumber))).size;
  log(
    `seed: stores ${files.length} export files (${data.receipts.length} receipts, ${cards} loyalty cards) ` +
      `in ${target.dir} in ${ms} ms`,
  );
  return { files: files.length, removed: stale.length, receipts: data.receipts.length, cards, ms };
}
