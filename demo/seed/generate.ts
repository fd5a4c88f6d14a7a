/**
 * Deterministic demo data for the CRM and web-shop source systems, together
 * with the ground truth of which records are the same person.
 *
 * Pure: no I/O and no clock. Every random choice comes from faker instances
 * seeded from `seed`, and every date is computed from `now`, so the same
 * options give a byte-identical dataset on every run and machine, and a ground
 * truth file written on one machine stays true to what a loader writes on
 * another.
 *
 * The silos are messy the way real ones are: people appear in one or both
 * systems, sometimes twice; emails are stored as typed (case, spaces) and
 * phones in national and international formats; a few records carry a typo'd
 * email that deliberately breaks the deterministic link to the person's other
 * records, which the probabilistic matcher is meant to recover.
 */
import { Faker, base, de, en, en_GB, en_US, es, fr, type LocaleDefinition } from '@faker-js/faker';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parsePhoneNumberWithMaxMetadata } from 'libphonenumber-js/max';
import type { DemoPerson } from './sources/contract';
import type {
  Country,
  GroundTruth,
  GroundTruthIdentifier,
  GroundTruthPerson,
  GroundTruthRecord,
  IdentifierKind,
} from './truth';

export type {
  Country,
  GroundTruth,
  GroundTruthIdentifier,
  GroundTruthPerson,
  GroundTruthRecord,
  IdentifierKind,
} from './truth';

export const DEFAULT_PEOPLE = 3000;
export const DEFAULT_SEED = 360;
export const DEFAULT_NOW = '2026-11-01T00:00:00.000Z';

/** Source systems of the base seed; further sources add their own names (see sources/contract.ts). */
export type SourceSystem = 'crm' | 'commerce';
export type OrderStatus = 'placed' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';
export type Currency = 'EUR' | 'GBP' | 'USD';

/** A row of the CRM `contacts` table; values as the sales rep typed them. */
export interface CrmContact {
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  emailPersonal: string | null;
  emailWork: string | null;
  phoneMobile: string | null;
  phoneWork: string | null;
  company: string | null;
  jobTitle: string | null;
  ownerName: string;
  street: string | null;
  city: string | null;
  postcode: string | null;
  country: Country;
  /** ISO 8601, UTC. */
  createdAt: string;
  updatedAt: string;
}

/** A row of the shop's `customer_account` table; values as typed at checkout. */
export interface ShopAccount {
  accountId: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  country: Country;
  createdAt: string;
  updatedAt: string;
}

export interface SalesOrderLine {
  lineNo: number;
  sku: string;
  productName: string;
  quantity: number;
  /** Decimal string with 2 places, exactly as stored in DECIMAL(12,2). */
  unitPrice: string;
}

export interface SalesOrder {
  orderId: number;
  orderNumber: string;
  accountId: number;
  status: OrderStatus;
  currency: Currency;
  /** Sum of quantity × unitPrice over the lines, computed in integer cents. */
  totalAmount: string;
  placedAt: string;
  lines: SalesOrderLine[];
}

/** A row of the shop's `product` table, with its `product_price` rows. */
export interface ShopProduct {
  productId: number;
  sku: string;
  name: string;
  category: string;
  brand: string;
  /** `disabled`: no longer sold, kept for the orders that reference it. */
  status: 'enabled' | 'disabled';
  /** One list price per currency, in currency order. */
  prices: Array<{ currency: Currency; listPrice: string }>;
  createdAt: string;
  updatedAt: string;
}

export type QuoteStatus = 'draft' | 'sent' | 'accepted' | 'declined' | 'expired';

export interface SalesQuoteLine {
  lineNo: number;
  productId: number;
  sku: string;
  productName: string;
  quantity: number;
  /** List price of one unit when quoted. */
  unitPrice: string;
  /** Two decimals, e.g. "12.50". */
  discountPercent: string;
  /** quantity × unitPrice less the discount, rounded to the cent. */
  rowTotal: string;
}

/** A row of the shop's `sales_quote` table with its lines: a B2B quote (devis). */
export interface SalesQuote {
  quoteId: number;
  quoteNumber: string;
  accountId: number;
  status: QuoteStatus;
  currency: Currency;
  /** Sum of the lines' row totals. */
  totalAmount: string;
  /** Last day of validity, YYYY-MM-DD. */
  validUntil: string;
  /** Null when the customer requested the quote online and the shop issued it. */
  salesRep: string | null;
  createdAt: string;
  updatedAt: string;
  lines: SalesQuoteLine[];
}

export interface CartItem {
  itemId: number;
  productId: number;
  sku: string;
  name: string;
  qty: number;
  /** Unit price when added. */
  price: string;
  rowTotal: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A row of the shop's `cart` table (after Magento's `quote`) with its items.
 * Checkout converts a cart into an order; an active cart with items left idle
 * is what the commerce subgraph reports as abandoned.
 */
export interface ShopCart {
  cartId: number;
  accountId: number;
  isActive: boolean;
  /** Distinct products. */
  itemsCount: number;
  /** Units. */
  itemsQty: number;
  currency: Currency;
  subtotal: string;
  /** Order number the cart became, once converted. */
  reservedOrderId: string | null;
  convertedAt: string | null;
  createdAt: string;
  updatedAt: string;
  items: CartItem[];
}

/** Figures describing a dataset; not written anywhere, for logs and tests. */
export interface DatasetStats {
  people: number;
  crmContacts: number;
  shopAccounts: number;
  orders: number;
  orderLines: number;
  peopleInBoth: number;
  peopleCrmOnly: number;
  peopleCommerceOnly: number;
  /** People with two CRM contacts. */
  crmDuplicates: number;
  /** People with two shop accounts. */
  secondShopAccounts: number;
  /** Second shop accounts that share no identifier with the first one. */
  unlinkedSecondShopAccounts: number;
  /** Records holding one email with a typo in its local part. */
  emailTypoRecords: number;
  /** Records holding a first or last name with a typo. */
  nameTypoRecords: number;
  /** CRM contacts entered again for someone with nothing deterministic in common (see HardCases). */
  matchingHardCases: number;
  /** Catalogue products. */
  products: number;
  quotes: number;
  quoteLines: number;
  /** Carts of every kind: converted into orders, abandoned, empty. */
  carts: number;
  cartItems: number;
  /** Active carts with items, idle for over a day at `now`. */
  abandonedCarts: number;
  /** Orders added so that every `everywhere` person has one (their accounts had none). */
  everywhereOrders: number;
}

export interface DemoDataset {
  seed: number;
  now: string;
  crm: { contacts: CrmContact[] };
  commerce: {
    accounts: ShopAccount[];
    orders: SalesOrder[];
    products: ShopProduct[];
    quotes: SalesQuote[];
    carts: ShopCart[];
  };
  groundTruth: GroundTruth;
  stats: DatasetStats;
  /** The people, as the further sources' seed modules see them. */
  people: DemoPerson[];
}

export interface GenerateOptions {
  /** @default 3000 */
  people?: number;
  /** @default 360 */
  seed?: number;
  /** Upper bound of every generated time. @default 2026-11-01T00:00:00Z */
  now?: Date;
  /** Hears how many people were drawn so far, every few thousand (generation is synchronous: a progress bar). */
  onPeople?: (drawn: number) => void;
}

/** Trim and lower-case: how the identity graph normalises emails. */
export function normaliseEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/**
 * E.164 of a phone typed in any format, using the record's country as the
 * region hint for national formats; null when it does not parse.
 */
export function normalisePhone(raw: string, country: Country): string | null {
  return parsePhoneNumberFromString(raw, country)?.number ?? null;
}

/** The ground truth file's content; stable, so that reruns leave git clean. */
export function groundTruthJson(truth: GroundTruth): string {
  return [...groundTruthPieces(truth)].join('');
}

/**
 * The ground truth file's content in pieces of a few hundred people, byte for byte
 * `JSON.stringify(truth, null, 2)` and a newline: a million people's truth (~1 GB) is more than
 * one string may hold, so it is written piece by piece.
 */
export function* groundTruthPieces(truth: GroundTruth): IterableIterator<string> {
  const indent = (json: string, by: string) => json.replace(/\n/g, `\n${by}`);
  const entries = Object.entries(truth);
  let piece = '{';
  for (const [k, [key, value]] of entries.entries()) {
    const last = k === entries.length - 1;
    piece += `\n  ${JSON.stringify(key)}: `;
    if (key === 'people' && Array.isArray(value) && value.length > 0) {
      piece += '[';
      for (let i = 0; i < value.length; i++) {
        piece += `\n    ${indent(JSON.stringify(value[i], null, 2), '    ')}${i < value.length - 1 ? ',' : ''}`;
        if (i % 500 === 499) {
          yield piece;
          piece = '';
        }
      }
      piece += '\n  ]';
    } else {
      piece += indent(JSON.stringify(value, null, 2), '  ');
    }
    if (!last) piece += ',';
  }
  yield `${piece}\n}\n`;
}

// ---------------------------------------------------------------------------
// Static reference data

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_MS = 3 * 365 * DAY_MS;

/** Chance that a record gets a typo in one of its emails (~4% of records). */
const TYPO_RATE = 0.045;

type Weighted<T> = ReadonlyArray<{ weight: number; value: T }>;

/** A phone number drawn for a person: E.164 plus its natural digit groups. */
interface DrawnPhone {
  e164: string;
  /** National significant number split as people group it (area, blocks). */
  parts: string[];
}

interface CountryProfile {
  code: Country;
  callingCode: string;
  locale: LocaleDefinition[];
  weight: number;
  currency: Currency;
  personalDomains: Weighted<string>;
  companyTld: string;
  /** Digit groups of a candidate mobile number (validated by the caller). */
  drawMobile(f: Faker): string[];
  drawLandline(f: Faker): string[];
  /** The ways people write a number of this country, from its digit groups. */
  formats: Weighted<(parts: string[]) => string>;
}

const digits = (f: Faker, length: number): string => f.string.numeric({ length, allowLeadingZeros: true });

const pick = <T>(f: Faker, list: readonly T[]): T => f.helpers.arrayElement(list);

/** Formats shared by countries with a 0 trunk prefix and 00 as IDD prefix. */
function trunkZeroFormats(cc: string): Weighted<(parts: string[]) => string> {
  const national = (parts: string[]) => [`0${parts[0] ?? ''}`, ...parts.slice(1)];
  return [
    { weight: 30, value: (p) => national(p).join(' ') },
    { weight: 18, value: (p) => national(p).join('') },
    { weight: 20, value: (p) => `+${cc} ${p.join(' ')}` },
    { weight: 10, value: (p) => `+${cc}${p.join('')}` },
    { weight: 5, value: (p) => `00${cc}${p.join('')}` },
  ];
}

const COUNTRIES: readonly CountryProfile[] = [
  {
    code: 'FR',
    callingCode: '33',
    locale: [fr, en, base],
    weight: 30,
    currency: 'EUR',
    personalDomains: [
      { weight: 35, value: 'gmail.com' },
      { weight: 15, value: 'orange.fr' },
      { weight: 10, value: 'free.fr' },
      { weight: 10, value: 'hotmail.fr' },
      { weight: 8, value: 'yahoo.fr' },
      { weight: 8, value: 'laposte.net' },
      { weight: 6, value: 'sfr.fr' },
      { weight: 8, value: 'outlook.fr' },
    ],
    companyTld: 'fr',
    drawMobile: (f) => [pick(f, ['6', '7']), digits(f, 2), digits(f, 2), digits(f, 2), digits(f, 2)],
    drawLandline: (f) => [
      pick(f, ['1', '2', '3', '4', '5', '9']),
      digits(f, 2),
      digits(f, 2),
      digits(f, 2),
      digits(f, 2),
    ],
    formats: [
      ...trunkZeroFormats('33'),
      // 06.12.34.56.78 is as common in France as the spaced form.
      { weight: 17, value: (p) => [`0${p[0] ?? ''}`, ...p.slice(1)].join('.') },
    ],
  },
  {
    code: 'GB',
    callingCode: '44',
    locale: [en_GB, en, base],
    weight: 20,
    currency: 'GBP',
    personalDomains: [
      { weight: 35, value: 'gmail.com' },
      { weight: 15, value: 'hotmail.co.uk' },
      { weight: 10, value: 'yahoo.co.uk' },
      { weight: 15, value: 'outlook.com' },
      { weight: 10, value: 'btinternet.com' },
      { weight: 8, value: 'sky.com' },
      { weight: 7, value: 'icloud.com' },
    ],
    companyTld: 'co.uk',
    drawMobile: (f) => [`7${pick(f, ['4', '5', '7', '8', '9'])}${digits(f, 2)}`, digits(f, 6)],
    drawLandline: (f) =>
      f.helpers.arrayElement([
        () => ['20', `${pick(f, ['3', '7', '8'])}${digits(f, 3)}`, digits(f, 4)],
        () => [pick(f, ['161', '121', '131', '141', '113', '117']), digits(f, 3), digits(f, 4)],
      ])(),
    formats: [
      ...trunkZeroFormats('44'),
      // 07700 900 123: mobiles only, landlines keep their area grouping.
      {
        weight: 12,
        value: (p) =>
          p.length === 2 ? `0${p.join('').replace(/^(\d{4})(\d{3})(\d{3})$/, '$1 $2 $3')}` : `0${p.join(' ')}`,
      },
    ],
  },
  {
    code: 'DE',
    callingCode: '49',
    locale: [de, en, base],
    weight: 20,
    currency: 'EUR',
    personalDomains: [
      { weight: 25, value: 'gmail.com' },
      { weight: 25, value: 'web.de' },
      { weight: 25, value: 'gmx.de' },
      { weight: 15, value: 't-online.de' },
      { weight: 10, value: 'outlook.de' },
    ],
    companyTld: 'de',
    drawMobile: (f) => {
      const prefix = pick(f, DE_MOBILE_PREFIXES);
      return [prefix, digits(f, pick(f, [7, 8]))];
    },
    drawLandline: (f) => {
      const [area, length] = pick(f, [
        ['30', 8],
        ['40', 8],
        ['89', 8],
        ['69', 8],
        ['221', 7],
        ['211', 7],
      ] as const);
      return [area, digits(f, length)];
    },
    formats: [
      ...trunkZeroFormats('49'),
      { weight: 8, value: (p) => `0${p[0] ?? ''}/${p.slice(1).join('')}` },
      { weight: 8, value: (p) => `0${p[0] ?? ''}-${p.slice(1).join('')}` },
    ],
  },
  {
    code: 'US',
    callingCode: '1',
    locale: [en_US, en, base],
    weight: 15,
    currency: 'USD',
    personalDomains: [
      { weight: 45, value: 'gmail.com' },
      { weight: 15, value: 'yahoo.com' },
      { weight: 10, value: 'outlook.com' },
      { weight: 10, value: 'hotmail.com' },
      { weight: 12, value: 'icloud.com' },
      { weight: 8, value: 'aol.com' },
    ],
    companyTld: 'com',
    // North American numbers do not tell mobiles from landlines.
    drawMobile: (f) => drawUsNumber(f),
    drawLandline: (f) => drawUsNumber(f),
    formats: [
      { weight: 30, value: ([a, b, c]) => `(${a}) ${b}-${c}` },
      { weight: 20, value: ([a, b, c]) => `${a}-${b}-${c}` },
      { weight: 15, value: ([a, b, c]) => `+1 ${a} ${b} ${c}` },
      { weight: 10, value: ([a, b, c]) => `${a}.${b}.${c}` },
      { weight: 10, value: (p) => p.join('') },
      { weight: 8, value: ([a, b, c]) => `+1 (${a}) ${b}-${c}` },
      { weight: 7, value: ([a, b, c]) => `1-${a}-${b}-${c}` },
    ],
  },
  {
    code: 'ES',
    callingCode: '34',
    locale: [es, en, base],
    weight: 15,
    currency: 'EUR',
    personalDomains: [
      { weight: 45, value: 'gmail.com' },
      { weight: 20, value: 'hotmail.es' },
      { weight: 10, value: 'yahoo.es' },
      { weight: 15, value: 'outlook.es' },
      { weight: 10, value: 'telefonica.net' },
    ],
    companyTld: 'es',
    drawMobile: (f) =>
      f.helpers.arrayElement([
        () => [`6${digits(f, 2)}`, digits(f, 2), digits(f, 2), digits(f, 2)],
        () => [`7${pick(f, ['1', '2', '3', '4'])}${digits(f, 1)}`, digits(f, 2), digits(f, 2), digits(f, 2)],
      ])(),
    drawLandline: (f) => [pick(f, ['91', '93', '96', '95']), digits(f, 3), digits(f, 2), digits(f, 2)],
    formats: [
      { weight: 30, value: (p) => p.join(' ') },
      { weight: 20, value: (p) => p.join('') },
      { weight: 15, value: (p) => `+34 ${p.join('')}` },
      { weight: 15, value: (p) => `+34 ${p.join(' ')}` },
      {
        weight: 12,
        value: (p) => p.join('').replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3'),
      },
      { weight: 8, value: (p) => `0034${p.join('')}` },
    ],
  },
];

const US_AREA_CODES = '206 212 213 303 305 312 404 415 503 512 617 646 702 718 720 773 818 917'.split(' ');

/** German mobile network prefixes; subscriber numbers have 7 or 8 digits. */
const DE_MOBILE_PREFIXES = '151 152 157 159 160 162 163 170 171 172 173 174 175 176 177 178 179'.split(' ');

function drawUsNumber(f: Faker): string[] {
  // Exchange codes start with 2-9 and N11 codes are reserved for services.
  let exchange = '';
  do exchange = `${f.number.int({ min: 2, max: 9 })}${digits(f, 2)}`;
  while (exchange.endsWith('11'));
  return [pick(f, US_AREA_CODES), exchange, digits(f, 4)];
}

/** The CRM's sales reps, each covering the countries they sell to. */
const SALES_REPS: ReadonlyArray<{
  name: string;
  countries: readonly Country[];
}> = [
  { name: 'Claire Fontaine', countries: ['FR'] },
  { name: 'Julien Marchand', countries: ['FR', 'ES'] },
  { name: 'Oliver Bennett', countries: ['GB'] },
  { name: 'Hannah Price', countries: ['GB', 'US'] },
  { name: 'Katrin Vogel', countries: ['DE'] },
  { name: 'Markus Brandt', countries: ['DE'] },
  { name: 'Megan Sullivan', countries: ['US'] },
  { name: 'Lucía Navarro', countries: ['ES'] },
];

/** Orders per shop account: most have a few, a handful are regulars. */
const ORDER_COUNT_WEIGHTS: Weighted<number> = [20, 20, 16, 13, 9, 7, 5, 3, 2, 2, 1, 1, 1].map((weight, value) => ({
  weight,
  value,
}));

/** Words that do not make a company's domain name. */
const COMPANY_NAME_NOISE = new Set(
  'and et und y e the co fils hijos asociados group sa sas sarl scop eurl snc gmbh mbh ag kg ug ohg gbr v ltd plc llc inc sl slu'.split(
    ' ',
  ),
);

// ---------------------------------------------------------------------------
// Generation

interface Person {
  id: string;
  profile: CountryProfile;
  firstName: string;
  lastName: string;
  personalEmail: string;
  workEmail: string | null;
  company: string | null;
  jobTitle: string | null;
  mobile: DrawnPhone;
  workPhone: DrawnPhone | null;
  street: string;
  city: string;
  postcode: string;
}

/** A record before ids are assigned, its identifiers still canonical. */
interface CrmDraft {
  person: Person;
  emailPersonal: string | null;
  emailWork: string | null;
  phoneMobile: DrawnPhone | null;
  phoneWork: DrawnPhone | null;
  createdMs: number;
  row: Omit<CrmContact, 'contactId' | 'emailPersonal' | 'emailWork' | 'phoneMobile' | 'phoneWork'>;
  contactId?: string;
  /** Which hard case of probabilistic matching the contact is, if one (see HardCases). */
  hardCase?: HardCaseKind;
}

interface ShopDraft {
  person: Person;
  email: string;
  phone: DrawnPhone | null;
  createdMs: number;
  row: Omit<ShopAccount, 'accountId' | 'email' | 'phone'>;
  accountId?: number;
}

interface CatalogueItem {
  sku: string;
  name: string;
  cents: Record<Currency, number>;
}

/**
 * Every normalised identifier handed out so far. Each value is drawn once: a
 * value already taken, even by the same person, is refused, so that no two
 * people share one and a typo never lands back on a real address.
 */
class IdentifierRegistry {
  private readonly taken = new Set<string>();

  claim(kind: IdentifierKind, value: string): boolean {
    const key = `${kind}:${value}`;
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
}

class Generator {
  private readonly rng: Faker;
  private readonly orderRng: Faker;
  private readonly fakers = new Map<Country, Faker>();
  private readonly registry = new IdentifierRegistry();
  private readonly companies = new Map<Country, Array<{ name: string; domain: string }>>();
  private readonly people: Person[] = [];
  private readonly crm: CrmDraft[] = [];
  private readonly shop: ShopDraft[] = [];
  private readonly typoRecords = new Set<CrmDraft | ShopDraft>();
  private catalogue: CatalogueItem[] = [];
  private nameTypos = 0;
  private secondAccounts = 0;
  private unlinkedSecondAccounts = 0;
  private crmDuplicates = 0;

  constructor(
    private readonly count: number,
    private readonly seed: number,
    private readonly nowMs: number,
    private readonly onPeople?: (drawn: number) => void,
  ) {
    this.rng = new Faker({ locale: [en, base] });
    this.rng.seed(seed);
    // Separate streams, so that tuning one part does not reshuffle the others.
    this.orderRng = new Faker({ locale: [en, base] });
    this.orderRng.seed([seed, 1000]);
    COUNTRIES.forEach((profile, i) => {
      const f = new Faker({ locale: profile.locale });
      f.seed([seed, i + 1]);
      this.fakers.set(profile.code, f);
    });
  }

  run(): DemoDataset {
    this.buildCompanies();
    for (let i = 0; i < this.count; i++) {
      this.addPerson(i);
      if ((i + 1) % 5000 === 0 || i + 1 === this.count) this.onPeople?.(i + 1);
    }
    const contacts = this.assignCrmIds();
    contacts.push(...new HardCases(this.seed, this.nowMs, this.registry).run(this.crm));
    const accounts = this.assignShopIds();
    const baseOrders = this.buildOrders();
    const groundTruth = this.buildGroundTruth(contacts, accounts);
    const people = this.demoPeople(groundTruth);
    // Catalogue details, quotes and carts come last, from a stream of their own:
    // they change nothing above, and the ground truth does not depend on them.
    const everywhere = new Set(people.filter((p) => p.everywhere).map((p) => p.id));
    const activity = new ShopActivity(this.seed, this.nowMs, this.catalogue, this.shop, everywhere).run(baseOrders);
    const orders = [...baseOrders, ...activity.orders];
    const stats = {
      ...this.buildStats(groundTruth, contacts.length, accounts.length, orders),
      ...activity.stats,
    };
    return {
      seed: this.seed,
      now: new Date(this.nowMs).toISOString(),
      crm: { contacts },
      commerce: { accounts, orders, products: activity.products, quotes: activity.quotes, carts: activity.carts },
      groundTruth,
      stats,
      people,
    };
  }

  /**
   * The people for the further sources. Every fifth person present in both the
   * CRM and the shop is marked `everywhere`: each source gives them a record,
   * so that the demo always has people found in every silo.
   */
  private demoPeople(truth: GroundTruth): DemoPerson[] {
    const systems = new Map(truth.people.map((p) => [p.id, [...new Set(p.records.map((r) => r.system))]]));
    let both = 0;
    return this.people.map((person) => {
      const own = (systems.get(person.id) ?? []) as Array<'crm' | 'commerce'>;
      const inBoth = own.includes('crm') && own.includes('commerce');
      const everywhere = inBoth && both++ % 5 === 0;
      return {
        id: person.id,
        country: person.profile.code,
        firstName: person.firstName,
        lastName: person.lastName,
        personalEmail: person.personalEmail,
        workEmail: person.workEmail,
        mobile: person.mobile.e164,
        mobileAsTyped: person.profile.formats[0]!.value(person.mobile.parts),
        city: person.city,
        postcode: person.postcode,
        street: person.street,
        company: person.company,
        systems: own,
        everywhere,
      };
    });
  }

  private fakerFor(country: Country): Faker {
    const f = this.fakers.get(country);
    if (!f) throw new Error(`No faker for country ${country}`);
    return f;
  }

  private chance(p: number): boolean {
    return this.rng.datatype.boolean({ probability: p });
  }

  /** A pool of employers per country, so that colleagues share a domain. */
  private buildCompanies(): void {
    const perCountry = Math.max(8, Math.ceil(this.count / 25));
    for (const profile of COUNTRIES) {
      const f = this.fakerFor(profile.code);
      const pool: Array<{ name: string; domain: string }> = [];
      const domains = new Set<string>();
      for (let i = 0; i < perCountry; i++) {
        const name = f.company.name();
        let domain = `${companySlug(name) || 'company'}.${profile.companyTld}`;
        for (let n = 2; domains.has(domain); n++)
          domain = `${companySlug(name) || 'company'}${n}.${profile.companyTld}`;
        domains.add(domain);
        pool.push({ name, domain });
      }
      this.companies.set(profile.code, pool);
    }
  }

  private addPerson(index: number): void {
    const profile = this.rng.helpers.weightedArrayElement(COUNTRIES.map((c) => ({ weight: c.weight, value: c })));
    const f = this.fakerFor(profile.code);
    const id = `P-${String(index + 1).padStart(5, '0')}`;
    const sex = pick(this.rng, ['female', 'male'] as const);
    const firstName = f.person.firstName(sex);
    const lastName = f.person.lastName(sex);

    const employer = this.chance(0.4) ? pick(this.rng, this.companies.get(profile.code) ?? []) : undefined;
    const person: Person = {
      id,
      profile,
      firstName,
      lastName,
      personalEmail: '',
      workEmail: null,
      company: employer?.name ?? null,
      jobTitle: employer ? f.person.jobTitle() : null,
      mobile: this.drawPhone(profile, 'mobile'),
      workPhone: null,
      street: f.location.streetAddress(),
      city: f.location.city(),
      postcode: f.location.zipCode(),
    };
    person.personalEmail = this.personalEmail(person);
    if (employer) {
      person.workEmail = this.workEmail(person, employer.domain);
      if (this.chance(0.55)) person.workPhone = this.drawPhone(profile, 'landline');
    }
    this.people.push(person);

    // Silo membership: 23% both, 32% CRM only, 45% shop only → ~55% CRM, ~68% shop.
    const r = this.rng.number.float();
    const inCrm = r < 0.55;
    const inShop = r < 0.23 || r >= 0.55;
    if (inCrm) {
      const first = this.addCrmContact(person, null);
      if (this.chance(0.035)) {
        this.addCrmContact(person, first);
        this.crmDuplicates++;
      }
    }
    if (inShop) {
      const first = this.addShopAccount(person);
      if (this.chance(0.045)) this.addSecondShopAccount(person, first);
    }
  }

  private drawPhone(profile: CountryProfile, kind: 'mobile' | 'landline'): DrawnPhone {
    const f = this.fakerFor(profile.code);
    for (let attempt = 0; attempt < 1000; attempt++) {
      const parts = kind === 'mobile' ? profile.drawMobile(f) : profile.drawLandline(f);
      const e164 = `+${profile.callingCode}${parts.join('')}`;
      // Valid with both metadata sets, whichever one a consumer loads.
      if (!parsePhoneNumberFromString(e164)?.isValid()) continue;
      if (!parsePhoneNumberWithMaxMetadata(e164)?.isValid()) continue;
      if (!this.registry.claim('PHONE', e164)) continue;
      return { e164, parts };
    }
    throw new Error(`Could not draw a valid, unused ${profile.code} ${kind} number in 1000 attempts`);
  }

  private personalEmail(person: Person, avoidDomain?: string): string {
    const first = asciiSlug(person.firstName);
    const last = emailSurname(person);
    const rng = this.rng;
    const year = () => String(rng.number.int({ min: 1955, max: 2005 }));
    const patterns: Weighted<() => string> = [
      { weight: 30, value: () => `${first}.${last}` },
      { weight: 10, value: () => `${first}${last}` },
      { weight: 10, value: () => `${first[0]}.${last}` },
      { weight: 8, value: () => `${first[0]}${last}` },
      { weight: 6, value: () => `${first}_${last}` },
      {
        weight: 12,
        value: () => `${first}.${last}${rng.number.int({ min: 1, max: 99 })}`,
      },
      {
        weight: 8,
        value: () => `${first}${last[0]}${rng.number.int({ min: 1, max: 999 })}`,
      },
      { weight: 6, value: () => `${last}.${first}` },
      { weight: 10, value: () => `${first}${year()}` },
    ];
    const domains = person.profile.personalDomains.filter((d) => d.value !== avoidDomain);
    return this.uniqueEmail(
      () => `${rng.helpers.weightedArrayElement(patterns)()}@${rng.helpers.weightedArrayElement(domains)}`,
    );
  }

  private workEmail(person: Person, domain: string): string {
    const first = asciiSlug(person.firstName);
    const last = emailSurname(person);
    const patterns: Weighted<() => string> = [
      { weight: 60, value: () => `${first}.${last}` },
      { weight: 20, value: () => `${first[0]}.${last}` },
      { weight: 10, value: () => `${first[0]}${last}` },
      { weight: 5, value: () => `${first}` },
      { weight: 5, value: () => `${first}${last[0]}` },
    ];
    return this.uniqueEmail(() => `${this.rng.helpers.weightedArrayElement(patterns)()}@${domain}`);
  }

  /** Namesakes are common: fall back to numbered variants until one is free. */
  private uniqueEmail(draw: () => string): string {
    for (let attempt = 0; attempt < 20; attempt++) {
      const email = draw();
      if (this.registry.claim('EMAIL', email)) return email;
    }
    for (let n = 2; ; n++) {
      const [local, domain] = draw().split('@');
      const email = `${local}${n}@${domain}`;
      if (this.registry.claim('EMAIL', email)) return email;
    }
  }

  private timeSpan(fromMs: number): { createdMs: number; updatedMs: number } {
    const createdMs = this.rng.number.int({ min: fromMs, max: this.nowMs });
    // A third of records were never edited after creation.
    const updatedMs = this.chance(0.35) ? createdMs : this.rng.number.int({ min: createdMs, max: this.nowMs });
    return { createdMs, updatedMs };
  }

  private addCrmContact(person: Person, original: CrmDraft | null): CrmDraft {
    const { createdMs, updatedMs } = this.timeSpan(original ? original.createdMs : this.nowMs - HISTORY_MS);
    const draft: CrmDraft = {
      person,
      emailPersonal: this.chance(person.workEmail ? 0.8 : 0.9) ? person.personalEmail : null,
      emailWork: person.workEmail && this.chance(0.9) ? person.workEmail : null,
      phoneMobile: this.chance(0.8) ? person.mobile : null,
      phoneWork: person.workPhone && this.chance(0.85) ? person.workPhone : null,
      createdMs,
      row: {
        firstName: this.typedName(person.firstName, 'crm', false),
        lastName: this.typedName(person.lastName, 'crm', person.profile.code === 'FR'),
        company: null,
        jobTitle: null,
        ownerName: pick(
          this.rng,
          SALES_REPS.filter((r) => r.countries.includes(person.profile.code)),
        ).name,
        street: null,
        city: null,
        postcode: null,
        country: person.profile.code,
        createdAt: iso(createdMs),
        updatedAt: iso(updatedMs),
      },
    };
    // A contact without any identifier could never be matched; reps always take one.
    if (!draft.emailPersonal && !draft.emailWork && !draft.phoneMobile && !draft.phoneWork)
      draft.emailPersonal = person.personalEmail;
    if (draft.emailWork) {
      draft.row.company = person.company;
      draft.row.jobTitle = person.jobTitle;
    }
    if (this.chance(0.7)) {
      draft.row.street = person.street;
      draft.row.city = person.city;
      draft.row.postcode = person.postcode;
    }
    this.maybeNameTypo(draft.row);
    const emailFields = (['emailPersonal', 'emailWork'] as const).filter((k) => draft[k] !== null);
    if (emailFields.length > 0 && this.chance(TYPO_RATE)) {
      const field = pick(this.rng, emailFields);
      const typo = this.typoEmail(draft[field] ?? '');
      if (typo) {
        draft[field] = typo;
        this.typoRecords.add(draft);
      }
    }
    this.crm.push(draft);
    return draft;
  }

  private newShopDraft(person: Person, email: string, phone: DrawnPhone | null, fromMs: number): ShopDraft {
    const { createdMs, updatedMs } = this.timeSpan(fromMs);
    const row = {
      firstName: this.typedName(person.firstName, 'commerce', false),
      lastName: this.typedName(person.lastName, 'commerce', false),
      country: person.profile.code,
      createdAt: iso(createdMs),
      updatedAt: iso(updatedMs),
    };
    this.maybeNameTypo(row);
    const draft: ShopDraft = { person, email, phone, createdMs, row };
    if (this.chance(TYPO_RATE)) {
      const typo = this.typoEmail(email);
      if (typo) {
        draft.email = typo;
        this.typoRecords.add(draft);
      }
    }
    return draft;
  }

  private addShopAccount(person: Person): ShopDraft {
    const email = person.workEmail && this.chance(0.12) ? person.workEmail : person.personalEmail;
    let phone: DrawnPhone | null = null;
    if (this.chance(0.7)) phone = person.workPhone && this.chance(0.1) ? person.workPhone : person.mobile;
    const draft = this.newShopDraft(person, email, phone, this.nowMs - HISTORY_MS);
    this.shop.push(draft);
    return draft;
  }

  /**
   * A second account opened later with another email (work, or a new personal
   * address). Most share the first account's phone, which is what links them;
   * the rest share nothing and only a probabilistic match on the name can.
   */
  private addSecondShopAccount(person: Person, first: ShopDraft): void {
    const firstUsedPersonal = first.email === person.personalEmail;
    const email =
      firstUsedPersonal && person.workEmail && this.chance(0.5)
        ? person.workEmail
        : firstUsedPersonal
          ? this.personalEmail(person, person.personalEmail.split('@')[1])
          : person.personalEmail;
    const linked = this.chance(0.8);
    let phone: DrawnPhone | null = null;
    if (linked) {
      first.phone ??= person.mobile;
      phone = first.phone;
    }
    const second = this.newShopDraft(person, email, phone, first.createdMs);
    this.shop.push(second);
    this.secondAccounts++;
    if (!linked) this.unlinkedSecondAccounts++;
  }

  /**
   * Swap two adjacent letters or drop one, in the local part only, so that
   * the domain still looks right. The result must belong to nobody, this
   * person included, or the record would not be cut off as intended.
   */
  private typoEmail(email: string): string | null {
    const at = email.indexOf('@');
    const local = email.slice(0, at);
    const domain = email.slice(at);
    const isLetter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
    for (let attempt = 0; attempt < 10; attempt++) {
      let candidate: string | null = null;
      if (this.chance(0.5)) {
        const swaps = [...local]
          .map((_, i) => i)
          .filter((i) => isLetter(local[i]) && isLetter(local[i + 1]) && local[i] !== local[i + 1]);
        if (swaps.length > 0) {
          const i = pick(this.rng, swaps);
          candidate = `${local.slice(0, i)}${local[i + 1]}${local[i]}${local.slice(i + 2)}`;
        }
      } else {
        const drops = [...local]
          .map((_, i) => i)
          .filter((i) => isLetter(local[i]) && isLetter(local[i - 1]) && isLetter(local[i + 1]));
        if (drops.length > 0) {
          const i = pick(this.rng, drops);
          candidate = `${local.slice(0, i)}${local.slice(i + 1)}`;
        }
      }
      if (candidate === null || candidate === local) continue;
      const typo = `${candidate}${domain}`;
      if (this.registry.claim('EMAIL', typo)) return typo;
    }
    return null;
  }

  /** Names as people type them: French reps shout surnames, shoppers skip accents and capitals. */
  private typedName(name: string, system: SourceSystem, surnameInCaps: boolean): string {
    if (system === 'crm') return surnameInCaps && this.chance(0.3) ? name.toUpperCase() : name;
    const r = this.rng.number.float();
    if (r < 0.06) return name.toLowerCase();
    if (r < 0.09) return name.toUpperCase();
    if (r < 0.2) return stripAccents(name);
    return name;
  }

  private maybeNameTypo(row: { firstName: string | null; lastName: string | null }): void {
    if (!this.chance(0.02)) return;
    const field = this.chance(0.5) ? 'firstName' : 'lastName';
    const name = row[field];
    if (!name || name.length < 4) return;
    // Never touch the first letter: blocking keys usually start there.
    const i = this.rng.number.int({ min: 1, max: name.length - 2 });
    const typo = this.chance(0.5)
      ? `${name.slice(0, i)}${name[i + 1]}${name[i]}${name.slice(i + 2)}`
      : `${name.slice(0, i)}${name.slice(i + 1)}`;
    if (typo === name) return;
    row[field] = typo;
    this.nameTypos++;
  }

  /** Writes an email as a person would type it; normalising gives it back. */
  private typedEmail(email: string): string {
    const r = this.rng.number.float();
    let typed = email;
    if (r < 0.12) {
      // Jean.Dupont@Gmail.com: each name capitalised, and the provider too.
      const at = email.indexOf('@');
      const capitalise = (s: string) =>
        s.replace(/(^|[._-])([a-z])/g, (_, sep: string, c: string) => `${sep}${c.toUpperCase()}`);
      typed = `${capitalise(email.slice(0, at))}@${capitalise(email.slice(at + 1, at + 2))}${email.slice(at + 2)}`;
    } else if (r < 0.16) typed = email.toUpperCase();
    if (this.chance(0.1))
      typed = `${' '.repeat(this.rng.number.int({ min: 0, max: 2 }))}${typed}${' '.repeat(this.rng.number.int({ min: 1, max: 2 }))}`;
    return typed;
  }

  private typedPhone(phone: DrawnPhone, profile: CountryProfile): string {
    const raw = this.rng.helpers.weightedArrayElement(profile.formats)(phone.parts);
    if (normalisePhone(raw, profile.code) !== phone.e164) {
      throw new Error(`Phone format bug: ${JSON.stringify(raw)} (${profile.code}) does not normalise to ${phone.e164}`);
    }
    return raw;
  }

  /** Ids are handed out in shuffled order so that they do not follow person ids. */
  private assignCrmIds(): CrmContact[] {
    const shuffled = this.rng.helpers.shuffle(this.crm);
    shuffled.forEach((d, i) => (d.contactId = `CRM-${String(i + 1).padStart(6, '0')}`));
    return shuffled.map((d) => {
      const p = d.person.profile;
      return {
        contactId: d.contactId ?? '',
        firstName: d.row.firstName,
        lastName: d.row.lastName,
        emailPersonal: d.emailPersonal && this.typedEmail(d.emailPersonal),
        emailWork: d.emailWork && this.typedEmail(d.emailWork),
        phoneMobile: d.phoneMobile && this.typedPhone(d.phoneMobile, p),
        phoneWork: d.phoneWork && this.typedPhone(d.phoneWork, p),
        company: d.row.company,
        jobTitle: d.row.jobTitle,
        ownerName: d.row.ownerName,
        street: d.row.street,
        city: d.row.city,
        postcode: d.row.postcode,
        country: d.row.country,
        createdAt: d.row.createdAt,
        updatedAt: d.row.updatedAt,
      };
    });
  }

  private assignShopIds(): ShopAccount[] {
    const shuffled = this.rng.helpers.shuffle(this.shop);
    shuffled.forEach((d, i) => (d.accountId = 100001 + i));
    return shuffled.map((d) => ({
      accountId: d.accountId ?? 0,
      email: this.typedEmail(d.email),
      firstName: d.row.firstName,
      lastName: d.row.lastName,
      phone: d.phone && this.typedPhone(d.phone, d.person.profile),
      country: d.row.country,
      createdAt: d.row.createdAt,
      updatedAt: d.row.updatedAt,
    }));
  }

  private buildCatalogue(): CatalogueItem[] {
    const f = this.orderRng;
    const names = new Set<string>();
    const skus = new Set<string>();
    const items: CatalogueItem[] = [];
    while (items.length < 60) {
      const name = f.commerce.productName();
      const sku = `SKU-${f.number.int({ min: 10000, max: 99999 })}`;
      if (names.has(name) || skus.has(sku)) continue;
      names.add(name);
      skus.add(sku);
      // Shop prices end in .99; the local price lists follow the euro one.
      const euros = f.number.int({ min: 4, max: 249 });
      items.push({
        sku,
        name,
        cents: {
          EUR: euros * 100 + 99,
          GBP: Math.floor(euros * 0.86) * 100 + 99,
          USD: Math.floor(euros * 1.1) * 100 + 99,
        },
      });
    }
    return items;
  }

  private buildOrders(): SalesOrder[] {
    const f = this.orderRng;
    const catalogue = this.buildCatalogue();
    this.catalogue = catalogue;
    const drafts: Array<{
      placedMs: number;
      seq: number;
      order: Omit<SalesOrder, 'orderId' | 'orderNumber'>;
    }> = [];
    for (const account of this.shop) {
      const currency = account.person.profile.currency;
      const room = this.nowMs - account.createdMs;
      const count = room > 60_000 ? f.helpers.weightedArrayElement(ORDER_COUNT_WEIGHTS) : 0;
      for (let n = 0; n < count; n++) {
        const placedMs = f.number.int({
          min: account.createdMs + 60_000,
          max: this.nowMs - 1,
        });
        const products = f.helpers.arrayElements(
          catalogue,
          f.helpers.weightedArrayElement([
            { weight: 50, value: 1 },
            { weight: 30, value: 2 },
            { weight: 15, value: 3 },
            { weight: 5, value: 4 },
          ]),
        );
        let totalCents = 0;
        const lines = products.map((item, i): SalesOrderLine => {
          const quantity = f.helpers.weightedArrayElement([
            { weight: 75, value: 1 },
            { weight: 18, value: 2 },
            { weight: 5, value: 3 },
            { weight: 2, value: f.number.int({ min: 4, max: 6 }) },
          ]);
          totalCents += item.cents[currency] * quantity;
          return {
            lineNo: i + 1,
            sku: item.sku,
            productName: item.name,
            quantity,
            unitPrice: money(item.cents[currency]),
          };
        });
        drafts.push({
          placedMs,
          seq: drafts.length,
          order: {
            accountId: account.accountId ?? 0,
            status: this.orderStatus(this.nowMs - placedMs),
            currency,
            totalAmount: money(totalCents),
            placedAt: iso(placedMs),
            lines,
          },
        });
      }
    }
    // Order numbers grow with time, as a shop's sequence would.
    drafts.sort((a, b) => a.placedMs - b.placedMs || a.seq - b.seq);
    return drafts.map((d, i) => ({
      orderId: 100001 + i,
      orderNumber: `WEB-${100001 + i}`,
      ...d.order,
    }));
  }

  private orderStatus(ageMs: number): OrderStatus {
    return drawOrderStatus(this.orderRng, ageMs);
  }

  /**
   * Ground truth from the rows as written, normalised the way the identity
   * graph will normalise them, then checked: a stored value that normalised to
   * another person's identifier would make the ground truth lie.
   */
  private buildGroundTruth(contacts: CrmContact[], accounts: ShopAccount[]): GroundTruth {
    const owners = new Map<string, Person>();
    for (const d of this.crm) owners.set(`crm:${d.contactId ?? ''}`, d.person);
    for (const d of this.shop) owners.set(`commerce:${d.accountId ?? 0}`, d.person);
    const byPerson = new Map<
      string,
      { records: GroundTruthRecord[]; identifiers: Map<string, GroundTruthIdentifier> }
    >();
    for (const person of this.people) byPerson.set(person.id, { records: [], identifiers: new Map() });

    const collect = (
      system: SourceSystem,
      localId: string,
      country: Country,
      emails: Array<string | null>,
      phones: Array<string | null>,
    ) => {
      const person = owners.get(`${system}:${localId}`);
      const entry = person && byPerson.get(person.id);
      if (!entry) throw new Error(`Record ${system}:${localId} belongs to no person`);
      entry.records.push({ system, localId });
      for (const raw of emails) {
        if (raw === null) continue;
        const value = normaliseEmail(raw);
        entry.identifiers.set(`EMAIL:${value}`, { kind: 'EMAIL', value });
      }
      for (const raw of phones) {
        if (raw === null) continue;
        const value = normalisePhone(raw, country);
        if (value === null) throw new Error(`Record ${system}:${localId} has a phone that does not parse: ${raw}`);
        entry.identifiers.set(`PHONE:${value}`, { kind: 'PHONE', value });
      }
    };
    for (const c of contacts) {
      collect('crm', c.contactId, c.country, [c.emailPersonal, c.emailWork], [c.phoneMobile, c.phoneWork]);
    }
    for (const a of accounts) collect('commerce', String(a.accountId), a.country, [a.email], [a.phone]);

    const identifierOwners = new Map<string, string>();
    const people: GroundTruthPerson[] = [];
    for (const person of this.people) {
      const e = byPerson.get(person.id);
      if (!e || e.records.length === 0) throw new Error(`Person ${person.id} has no source record`);
      for (const key of e.identifiers.keys()) {
        const owner = identifierOwners.get(key);
        if (owner !== undefined) throw new Error(`Identifier ${key} belongs to both ${owner} and ${person.id}`);
        identifierOwners.set(key, person.id);
      }
      people.push({
        id: person.id,
        records: e.records.sort((a, b) => compare(a.system, b.system) || compare(a.localId, b.localId)),
        identifiers: [...e.identifiers.values()].sort((a, b) => compare(a.kind, b.kind) || compare(a.value, b.value)),
      });
    }
    people.sort((a, b) => compare(a.id, b.id));
    return { generatedBy: 'demo/seed', seed: this.seed, people };
  }

  private buildStats(
    truth: GroundTruth,
    crmContacts: number,
    shopAccounts: number,
    orders: SalesOrder[],
  ): Omit<DatasetStats, keyof ShopActivityResult['stats']> {
    let both = 0;
    let crmOnly = 0;
    let commerceOnly = 0;
    for (const p of truth.people) {
      const crm = p.records.some((r) => r.system === 'crm');
      const shop = p.records.some((r) => r.system === 'commerce');
      if (crm && shop) both++;
      else if (crm) crmOnly++;
      else commerceOnly++;
    }
    return {
      people: truth.people.length,
      crmContacts,
      shopAccounts,
      orders: orders.length,
      orderLines: orders.reduce((n, o) => n + o.lines.length, 0),
      peopleInBoth: both,
      peopleCrmOnly: crmOnly,
      peopleCommerceOnly: commerceOnly,
      crmDuplicates: this.crmDuplicates,
      secondShopAccounts: this.secondAccounts,
      unlinkedSecondShopAccounts: this.unlinkedSecondAccounts,
      emailTypoRecords: this.typoRecords.size,
      nameTypoRecords: this.nameTypos,
      matchingHardCases: crmContacts - this.crm.filter((d) => !d.hardCase).length,
    };
  }
}

type HardCaseKind = 'name-typo+new-email' | 'swapped-names' | 'moved-house+email-typo' | 'phone-typo+new-email';

const HARD_CASE_KINDS: readonly HardCaseKind[] = [
  'name-typo+new-email',
  'swapped-names',
  'moved-house+email-typo',
  'phone-typo+new-email',
];

/**
 * The hard cases of identity resolution, which only the probabilistic
 * matcher can join: a person entered again in the CRM (by another sales rep)
 * sharing no identifier with their first contact — a typo'd name and a new
 * email, given and family names swapped, a move to a new address with a
 * typo'd email, a phone written in another format with a digit wrong and a
 * new email. One per 20 people of the CRM, from a random stream of their own and with
 * the CRM ids after every other contact, so that adding them changes nothing
 * else in the dataset.
 */
class HardCases {
  private readonly rng: Faker;

  constructor(
    seed: number,
    private readonly nowMs: number,
    private readonly registry: IdentifierRegistry,
  ) {
    this.rng = new Faker({ locale: [en, base] });
    this.rng.seed([seed, 2000]);
  }

  /** Appends the hard-case drafts to `crm` and returns them as contacts, numbered after the others. */
  run(crm: CrmDraft[]): CrmContact[] {
    const originals = crm.filter((d) => d.row.street !== null && d.row.lastName && d.row.lastName.length >= 5);
    const wanted = Math.floor(new Set(crm.map((d) => d.person.id)).size / 20);
    const chosen = this.rng.helpers.arrayElements(originals, Math.min(wanted, originals.length));
    const contacts: CrmContact[] = [];
    chosen.forEach((original, i) => {
      const draft = this.draft(original, HARD_CASE_KINDS[i % HARD_CASE_KINDS.length]!);
      if (!draft) return;
      draft.contactId = `CRM-${String(crm.length + 1).padStart(6, '0')}`;
      crm.push(draft);
      const p = draft.person.profile;
      contacts.push({
        contactId: draft.contactId,
        firstName: draft.row.firstName,
        lastName: draft.row.lastName,
        emailPersonal: draft.emailPersonal,
        emailWork: null,
        phoneMobile: draft.phoneMobile && this.rng.helpers.weightedArrayElement(p.formats)(draft.phoneMobile.parts),
        phoneWork: null,
        company: null,
        jobTitle: null,
        ownerName: draft.row.ownerName,
        street: draft.row.street,
        city: draft.row.city,
        postcode: draft.row.postcode,
        country: draft.row.country,
        createdAt: draft.row.createdAt,
        updatedAt: draft.row.updatedAt,
      });
    });
    return contacts;
  }

  private draft(original: CrmDraft, kind: HardCaseKind): CrmDraft | null {
    const person = original.person;
    const createdMs = this.rng.number.int({ min: original.createdMs, max: this.nowMs });
    const row = {
      ...original.row,
      ownerName: pick(
        this.rng,
        SALES_REPS.filter((r) => r.countries.includes(person.profile.code)),
      ).name,
      company: null,
      jobTitle: null,
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
    };
    const draft: CrmDraft = {
      person,
      emailPersonal: null,
      emailWork: null,
      phoneMobile: null,
      phoneWork: null,
      createdMs,
      row,
      hardCase: kind,
    };
    switch (kind) {
      case 'name-typo+new-email': {
        const name = row.lastName!;
        // Two letters swapped after the first: blocking keys usually start there.
        const i = this.rng.number.int({ min: 1, max: name.length - 2 });
        if (name[i] === name[i + 1]) return null;
        row.lastName = `${name.slice(0, i)}${name[i + 1]}${name[i]}${name.slice(i + 2)}`;
        draft.emailPersonal = this.newEmail(person);
        break;
      }
      case 'swapped-names':
        [row.firstName, row.lastName] = [row.lastName, row.firstName];
        draft.emailPersonal = this.newEmail(person);
        break;
      case 'moved-house+email-typo': {
        const f = new Faker({ locale: person.profile.locale });
        f.seed([this.rng.number.int(1_000_000)]);
        row.street = f.location.streetAddress();
        row.city = f.location.city();
        row.postcode = f.location.zipCode();
        draft.emailPersonal = this.typoEmail(person.personalEmail);
        if (!draft.emailPersonal) return null;
        break;
      }
      case 'phone-typo+new-email': {
        draft.phoneMobile = this.phoneTypo(person.mobile);
        if (!draft.phoneMobile) return null;
        draft.emailPersonal = this.newEmail(person);
        row.street = null;
        row.city = null;
        row.postcode = null;
        break;
      }
    }
    return draft;
  }

  /** A new personal address at another provider, that nobody holds. */
  private newEmail(person: Person): string {
    const domains = person.profile.personalDomains.filter((d) => !person.personalEmail.endsWith(`@${d.value}`));
    for (;;) {
      const email = `${asciiSlug(person.firstName)}${asciiSlug(person.lastName).slice(0, 3)}${this.rng.number.int({ min: 10, max: 9999 })}@${this.rng.helpers.weightedArrayElement(domains)}`;
      if (this.registry.claim('EMAIL', email)) return email;
    }
  }

  /** Two adjacent letters of the local part swapped (after the first), an address nobody holds. */
  private typoEmail(email: string): string | null {
    const at = email.indexOf('@');
    for (let attempt = 0; attempt < 10; attempt++) {
      const i = this.rng.number.int({ min: 1, max: at - 2 });
      if (!/[a-z]{2}/.test(email.slice(i, i + 2)) || email[i] === email[i + 1]) continue;
      const typo = `${email.slice(0, i)}${email[i + 1]}${email[i]}${email.slice(i + 2)}`;
      if (this.registry.claim('EMAIL', typo)) return typo;
    }
    return null;
  }

  /** The mobile with one digit of its last block wrong, a number nobody holds. */
  private phoneTypo(phone: DrawnPhone): DrawnPhone | null {
    for (let attempt = 0; attempt < 10; attempt++) {
      const parts = [...phone.parts];
      const last = parts[parts.length - 1]!;
      const i = this.rng.number.int({ min: 0, max: last.length - 1 });
      const digit = String((Number(last[i]) + this.rng.number.int({ min: 1, max: 9 })) % 10);
      parts[parts.length - 1] = `${last.slice(0, i)}${digit}${last.slice(i + 1)}`;
      const e164 = `${phone.e164.slice(0, phone.e164.length - parts.join('').length)}${parts.join('')}`;
      if (!parsePhoneNumberFromString(e164)?.isValid()) continue;
      if (this.registry.claim('PHONE', e164)) return { e164, parts };
    }
    return null;
  }
}

/**
 * Generates the demo dataset. Same options, same output, byte for byte.
 * Throws if the generated data breaks its own invariants (an identifier shared
 * by two people, a phone that does not normalise back to its E.164).
 */
export function generateDataset(opts: GenerateOptions = {}): DemoDataset {
  const people = opts.people ?? DEFAULT_PEOPLE;
  const seed = opts.seed ?? DEFAULT_SEED;
  const nowMs = (opts.now ?? new Date(DEFAULT_NOW)).getTime();
  if (!Number.isInteger(people) || people < 1) {
    throw new RangeError(`generateDataset: expected people to be a positive integer, received ${String(people)}`);
  }
  if (!Number.isInteger(seed))
    throw new RangeError(`generateDataset: expected seed to be an integer, received ${String(seed)}`);
  if (!Number.isFinite(nowMs))
    throw new RangeError('generateDataset: expected now to be a valid Date, received an invalid Date');
  return new Generator(people, seed, nowMs, opts.onPeople).run();
}

// ---------------------------------------------------------------------------
// Shop activity beyond accounts and orders: catalogue details, quotes, carts

/**
 * The random stream of the shop's catalogue details, quotes and carts. They
 * were added after accounts and orders, on a stream of their own, so that the
 * accounts, orders and ground truth of a seed stayed exactly what they were.
 */
const SHOP_ACTIVITY_STREAM = 1001;

const HOUR_MS = 60 * 60 * 1000;

/** The commerce subgraph's default: an active cart with items idle for longer is abandoned. */
const CART_ABANDONED_AFTER_MS = 24 * HOUR_MS;

const CURRENCIES: readonly Currency[] = ['EUR', 'GBP', 'USD'];

/** Catalogue category of a product, from the noun its (faker) name ends with. */
const CATEGORY_BY_NOUN: Readonly<Record<string, string>> = {
  Chair: 'Furniture',
  Table: 'Furniture',
  Computer: 'Electronics',
  Keyboard: 'Electronics',
  Mouse: 'Electronics',
  Car: 'Toys & Models',
  Bike: 'Sports & Outdoors',
  Ball: 'Sports & Outdoors',
  Gloves: 'Clothing',
  Pants: 'Clothing',
  Shirt: 'Clothing',
  Shoes: 'Clothing',
  Hat: 'Clothing',
  Towels: 'Home & Bath',
  Soap: 'Home & Bath',
};

/** Brands of the demo shop: invented names. */
const BRANDS = [
  'Norrland',
  'Atelier Vauclair',
  'Brightline',
  'Kessler & Sohn',
  'Alba Casa',
  'Peak Motion',
  'Orbit Labs',
  'Maison Lune',
  'Tidewater',
  'Hartwell & Co',
] as const;

/** Catalogue category of a product name; food and the rest fall in Grocery and General. */
function categoryOf(name: string): string {
  const noun = name.split(' ').pop() ?? '';
  if (CATEGORY_BY_NOUN[noun]) return CATEGORY_BY_NOUN[noun];
  return /^(Tuna|Chicken|Fish|Cheese|Bacon|Pizza|Salad|Sausages|Chips)$/.test(noun) ? 'Grocery' : 'General';
}

/** Units of a B2B quote line: companies buy by the box. */
const B2B_QUANTITY: Weighted<readonly [number, number]> = [
  { weight: 40, value: [5, 19] },
  { weight: 35, value: [20, 59] },
  { weight: 25, value: [60, 200] },
];

/** Volume discount of a quote line, in hundredths of a percent. */
const volumeDiscount = (quantity: number): number =>
  quantity >= 100 ? 1500 : quantity >= 50 ? 1000 : quantity >= 20 ? 500 : 0;

const startOfUtcDay = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS;

/** Products in an abandoned cart: usually one or two. */
const ITEMS_PER_CART: Weighted<number> = [
  { weight: 50, value: 1 },
  { weight: 30, value: 2 },
  { weight: 15, value: 3 },
  { weight: 5, value: 4 },
];

/** Units of one product in an abandoned cart. */
const UNITS_PER_CART_ITEM: Weighted<number> = [
  { weight: 80, value: 1 },
  { weight: 15, value: 2 },
  { weight: 5, value: 3 },
];

/** A cart before ids are handed out in creation order. */
type CartDraft = Omit<ShopCart, 'cartId' | 'items'> & { createdMs: number; items: Omit<CartItem, 'itemId'>[] };

interface ShopActivityResult {
  products: ShopProduct[];
  /** Orders added for `everywhere` people whose accounts had none; ids follow the existing ones. */
  orders: SalesOrder[];
  quotes: SalesQuote[];
  carts: ShopCart[];
  stats: Pick<
    DatasetStats,
    'products' | 'quotes' | 'quoteLines' | 'carts' | 'cartItems' | 'abandonedCarts' | 'everywhereOrders'
  >;
}

/**
 * What the shop database holds besides accounts and orders: the catalogue's
 * categories, brands and price lists; B2B quotes, more of them for people who
 * work for a company; and carts, one converted cart behind every order plus
 * abandoned carts for about 15 % of accounts (`everywhere` people included)
 * and a few empty ones. People marked `everywhere` get an order when their
 * accounts had none, and most of them a quote and an abandoned cart, so that
 * the demo shows all three.
 */
class ShopActivity {
  private readonly f: Faker;
  private readonly products: ShopProduct[];
  /** Catalogue items the shop still sells: the only ones put in carts and quotes. */
  private readonly onSale: Array<{ item: CatalogueItem; productId: number }>;
  private readonly accountsByPerson = new Map<string, ShopDraft[]>();
  private readonly accountsById = new Map<number, ShopDraft>();

  constructor(
    seed: number,
    private readonly nowMs: number,
    private readonly catalogue: readonly CatalogueItem[],
    private readonly accounts: readonly ShopDraft[],
    private readonly everywhere: ReadonlySet<string>,
  ) {
    this.f = new Faker({ locale: [en, base] });
    this.f.seed([seed, SHOP_ACTIVITY_STREAM]);
    for (const account of accounts) {
      this.accountsById.set(account.accountId ?? 0, account);
      const own = this.accountsByPerson.get(account.person.id) ?? [];
      own.push(account);
      this.accountsByPerson.set(account.person.id, own);
    }
    this.products = this.buildProducts();
    this.onSale = this.products.flatMap((p, i) =>
      p.status === 'enabled' ? [{ item: this.catalogue[i]!, productId: p.productId }] : [],
    );
  }

  run(orders: readonly SalesOrder[]): ShopActivityResult {
    const added = this.everywhereOrders(orders);
    const quotes = this.buildQuotes();
    const carts = this.buildCarts([...orders, ...added]);
    const idleBefore = this.nowMs - CART_ABANDONED_AFTER_MS;
    return {
      products: this.products,
      orders: added,
      quotes,
      carts,
      stats: {
        products: this.products.length,
        quotes: quotes.length,
        quoteLines: quotes.reduce((n, q) => n + q.lines.length, 0),
        carts: carts.length,
        cartItems: carts.reduce((n, c) => n + c.items.length, 0),
        abandonedCarts: carts.filter((c) => c.isActive && c.itemsCount > 0 && Date.parse(c.updatedAt) < idleBefore)
          .length,
        everywhereOrders: added.length,
      },
    };
  }

  private chance(p: number): boolean {
    return this.f.datatype.boolean({ probability: p });
  }

  /** A time in [min, max], or null when the range is empty. */
  private timeIn(min: number, max: number): number | null {
    return min > max ? null : this.f.number.int({ min, max });
  }

  /** The account a person opened first: where the demo puts what the person must have. */
  private primaryAccount(account: ShopDraft): boolean {
    return this.accountsByPerson.get(account.person.id)?.[0] === account;
  }

  private buildProducts(): ShopProduct[] {
    const f = this.f;
    const retired = new Set(f.helpers.arrayElements(this.catalogue, Math.ceil(this.catalogue.length / 15)));
    return this.catalogue.map((item, i) => {
      // Listed before the shop's history starts, so before any order.
      const createdMs = f.number.int({ min: this.nowMs - HISTORY_MS - 365 * DAY_MS, max: this.nowMs - HISTORY_MS });
      return {
        productId: i + 1,
        sku: item.sku,
        name: item.name,
        category: categoryOf(item.name),
        brand: pick(f, BRANDS),
        status: retired.has(item) ? 'disabled' : 'enabled',
        prices: CURRENCIES.map((currency) => ({ currency, listPrice: money(item.cents[currency]) })),
        createdAt: iso(createdMs),
        updatedAt: iso(f.number.int({ min: createdMs, max: this.nowMs })),
      };
    });
  }

  /**
   * One order for each `everywhere` person none of whose accounts ordered,
   * on their first account. Placed after every existing order, so that order
   * numbers still grow with time while the existing ones stay as they were.
   */
  private everywhereOrders(orders: readonly SalesOrder[]): SalesOrder[] {
    const f = this.f;
    const ordered = new Set(orders.map((o) => o.accountId));
    const lastPlacedMs = orders.reduce((max, o) => Math.max(max, Date.parse(o.placedAt)), 0);
    const drafts: Array<{ placedMs: number; order: Omit<SalesOrder, 'orderId' | 'orderNumber'> }> = [];
    for (const [personId, accounts] of this.accountsByPerson) {
      if (!this.everywhere.has(personId) || accounts.some((a) => ordered.has(a.accountId ?? 0))) continue;
      const account = accounts[0]!;
      const placedMs = this.timeIn(Math.max(lastPlacedMs, account.createdMs + 60_000) + 1, this.nowMs - 1);
      if (placedMs === null) continue;
      const currency = account.person.profile.currency;
      const lines = f.helpers
        .arrayElements(this.onSale, f.number.int({ min: 1, max: 3 }))
        .map(({ item }, i): SalesOrderLine => {
          const quantity = f.number.int({ min: 1, max: 2 });
          return {
            lineNo: i + 1,
            sku: item.sku,
            productName: item.name,
            quantity,
            unitPrice: money(item.cents[currency]),
          };
        });
      drafts.push({
        placedMs,
        order: {
          accountId: account.accountId ?? 0,
          status: drawOrderStatus(f, this.nowMs - placedMs),
          currency,
          totalAmount: money(lines.reduce((sum, l) => sum + cents(l.unitPrice) * l.quantity, 0)),
          placedAt: iso(placedMs),
          lines,
        },
      });
    }
    drafts.sort((a, b) => a.placedMs - b.placedMs);
    return drafts.map((d, i) => {
      const orderId = 100001 + orders.length + i;
      return { orderId, orderNumber: `WEB-${orderId}`, ...d.order };
    });
  }

  private buildQuotes(): SalesQuote[] {
    const drafts: Array<{ createdMs: number; quote: Omit<SalesQuote, 'quoteId' | 'quoteNumber'> }> = [];
    for (const account of this.accounts) {
      const b2b = account.person.company !== null;
      let count = 0;
      if (this.chance(b2b ? 0.3 : 0.04)) count = b2b ? this.f.number.int({ min: 1, max: 4 }) : 1;
      if (count === 0 && this.everywhere.has(account.person.id) && this.primaryAccount(account)) {
        if (b2b || this.chance(0.5)) count = 1;
      }
      for (let n = 0; n < count; n++) {
        const quote = this.quoteFor(account, b2b);
        if (quote) drafts.push(quote);
      }
    }
    // Quote numbers grow with time, like order numbers.
    drafts.sort((a, b) => a.createdMs - b.createdMs);
    return drafts.map((d, i) => ({ quoteId: 100001 + i, quoteNumber: `QT-${100001 + i}`, ...d.quote }));
  }

  private quoteFor(
    account: ShopDraft,
    b2b: boolean,
  ): { createdMs: number; quote: Omit<SalesQuote, 'quoteId' | 'quoteNumber'> } | null {
    const f = this.f;
    const createdMs = this.timeIn(account.createdMs + HOUR_MS, this.nowMs - HOUR_MS);
    if (createdMs === null) return null;
    const profile = account.person.profile;
    const validityDays = f.helpers.weightedArrayElement([
      { weight: 70, value: 30 },
      { weight: 15, value: 15 },
      { weight: 15, value: 60 },
    ]);
    const validUntilMs = startOfUtcDay(createdMs) + validityDays * DAY_MS;
    // The quote can be accepted until the end of its last day.
    const expiresMs = validUntilMs + DAY_MS;
    const salesRep = this.chance(b2b ? 0.75 : 0.2)
      ? pick(
          f,
          SALES_REPS.filter((r) => r.countries.includes(profile.code)),
        ).name
      : null;

    let status: QuoteStatus;
    let updatedMs: number;
    if (this.nowMs - createdMs < 3 * DAY_MS && this.chance(0.35)) {
      status = 'draft';
      updatedMs = Math.min(this.nowMs, createdMs + f.number.int({ min: 0, max: 4 * HOUR_MS }));
    } else {
      const sentMs = Math.min(this.nowMs, createdMs + f.number.int({ min: 10 * 60_000, max: 2 * DAY_MS }));
      status =
        this.nowMs < expiresMs
          ? f.helpers.weightedArrayElement<QuoteStatus>([
              { weight: 55, value: 'sent' },
              { weight: 30, value: 'accepted' },
              { weight: 15, value: 'declined' },
            ])
          : f.helpers.weightedArrayElement<QuoteStatus>([
              { weight: 35, value: 'accepted' },
              { weight: 15, value: 'declined' },
              { weight: 50, value: 'expired' },
            ]);
      if (status === 'sent') updatedMs = sentMs;
      else if (status === 'expired')
        updatedMs = Math.min(this.nowMs, expiresMs + f.number.int({ min: 0, max: 2 * HOUR_MS }));
      else updatedMs = f.number.int({ min: sentMs, max: Math.min(this.nowMs, expiresMs - 1) });
    }

    const currency = profile.currency;
    const products = f.helpers.arrayElements(this.onSale, f.number.int({ min: 1, max: b2b ? 5 : 3 }));
    let totalCents = 0;
    const lines = products.map(({ item, productId }, i): SalesQuoteLine => {
      const [min, max] = b2b ? f.helpers.weightedArrayElement(B2B_QUANTITY) : [1, 10];
      const quantity = f.number.int({ min, max });
      // Reps grant a little more on top of the volume discount now and then.
      const discount = volumeDiscount(quantity) + (salesRep && this.chance(0.3) ? 250 : 0);
      const unitCents = item.cents[currency];
      const rowCents = Math.round((quantity * unitCents * (10_000 - discount)) / 10_000);
      totalCents += rowCents;
      return {
        lineNo: i + 1,
        productId,
        sku: item.sku,
        productName: item.name,
        quantity,
        unitPrice: money(unitCents),
        discountPercent: (discount / 100).toFixed(2),
        rowTotal: money(rowCents),
      };
    });
    return {
      createdMs,
      quote: {
        accountId: account.accountId ?? 0,
        status,
        currency,
        totalAmount: money(totalCents),
        validUntil: iso(validUntilMs).slice(0, 10),
        salesRep,
        createdAt: iso(createdMs),
        updatedAt: iso(updatedMs),
        lines,
      },
    };
  }

  /**
   * Every order comes out of a cart that checkout converted; about 15 % of
   * accounts also left a cart with products (a few of them two), and some
   * carts were opened and never filled.
   */
  private buildCarts(orders: readonly SalesOrder[]): ShopCart[] {
    const f = this.f;
    const drafts: CartDraft[] = [];
    const latestIdle = this.nowMs - CART_ABANDONED_AFTER_MS - HOUR_MS;
    for (const account of this.accounts) {
      let count = this.chance(0.13) ? (this.chance(0.1) ? 2 : 1) : 0;
      if (count === 0 && this.everywhere.has(account.person.id) && this.primaryAccount(account) && this.chance(0.5)) {
        count = 1;
      }
      // Newest first: an older cart was left before the newer one was started.
      let before = latestIdle;
      for (let n = 0; n < count; n++) {
        const updatedMs = this.timeIn(account.createdMs + HOUR_MS, before);
        if (updatedMs === null) break;
        const createdMs = Math.max(account.createdMs, updatedMs - f.number.int({ min: 60_000, max: 2 * DAY_MS }));
        const currency = account.person.profile.currency;
        const picked = f.helpers.arrayElements(this.onSale, f.helpers.weightedArrayElement(ITEMS_PER_CART));
        const items = picked.map(({ item, productId }, i) => {
          // The last product added is the cart's last change.
          const addedMs = i === picked.length - 1 ? updatedMs : f.number.int({ min: createdMs, max: updatedMs });
          const qty = f.helpers.weightedArrayElement(UNITS_PER_CART_ITEM);
          return this.cartItem(productId, item.sku, item.name, qty, item.cents[currency], addedMs);
        });
        drafts.push(this.cart(account, currency, createdMs, updatedMs, items, null));
        before = createdMs - HOUR_MS;
      }
      if (this.chance(0.03)) {
        const createdMs = this.timeIn(account.createdMs, this.nowMs);
        if (createdMs !== null)
          drafts.push(this.cart(account, account.person.profile.currency, createdMs, createdMs, [], null));
      }
    }
    const productIds = new Map(this.products.map((p) => [p.sku, p.productId]));
    for (const order of orders) {
      const account = this.accountsById.get(order.accountId);
      if (!account) continue;
      const placedMs = Date.parse(order.placedAt);
      const createdMs = Math.max(account.createdMs, placedMs - f.number.int({ min: 5 * 60_000, max: 3 * DAY_MS }));
      const items = order.lines.map((line) =>
        this.cartItem(
          productIds.get(line.sku) ?? 0,
          line.sku,
          line.productName,
          line.quantity,
          cents(line.unitPrice),
          f.number.int({ min: createdMs, max: placedMs }),
        ),
      );
      drafts.push(this.cart(account, order.currency, createdMs, placedMs, items, order));
    }
    // Cart ids grow with creation time, item ids with the carts and the order items were added in.
    drafts.sort((a, b) => a.createdMs - b.createdMs);
    let itemId = 1;
    return drafts.map(({ createdMs: _createdMs, items, ...cart }, i) => ({
      cartId: 100001 + i,
      ...cart,
      items: [...items]
        .sort((a, b) => compare(a.createdAt, b.createdAt))
        .map((item) => ({ itemId: itemId++, ...item })),
    }));
  }

  private cartItem(
    productId: number,
    sku: string,
    name: string,
    qty: number,
    unitCents: number,
    addedMs: number,
  ): Omit<CartItem, 'itemId'> {
    return {
      productId,
      sku,
      name,
      qty,
      price: money(unitCents),
      rowTotal: money(unitCents * qty),
      createdAt: iso(addedMs),
      updatedAt: iso(addedMs),
    };
  }

  private cart(
    account: ShopDraft,
    currency: Currency,
    createdMs: number,
    updatedMs: number,
    items: Omit<CartItem, 'itemId'>[],
    convertedTo: SalesOrder | null,
  ): CartDraft {
    return {
      createdMs,
      accountId: account.accountId ?? 0,
      isActive: convertedTo === null,
      itemsCount: items.length,
      itemsQty: items.reduce((n, i) => n + i.qty, 0),
      currency,
      subtotal: money(items.reduce((sum, i) => sum + cents(i.rowTotal), 0)),
      reservedOrderId: convertedTo?.orderNumber ?? null,
      convertedAt: convertedTo ? iso(updatedMs) : null,
      createdAt: iso(createdMs),
      updatedAt: iso(updatedMs),
      items,
    };
  }
}

// ---------------------------------------------------------------------------
// Helpers

/** Code-point order: locale-independent, so output does not vary with ICU. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** A name reduced to the a–z letters an email address would use. */
function asciiSlug(name: string): string {
  const folded = stripAccents(name)
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/[^a-z]/g, '');
  return folded || 'client';
}

/** Spaniards carry two surnames but put only the first in an address. */
function emailSurname(person: Person): string {
  const surname = person.profile.code === 'ES' ? (person.lastName.split(' ')[0] ?? person.lastName) : person.lastName;
  return asciiSlug(surname);
}

function companySlug(name: string): string {
  const words = stripAccents(name)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !COMPANY_NAME_NOISE.has(w));
  return words.slice(0, 2).join('-');
}

/** An order's status as its age makes likely: recent orders are still on their way. */
function drawOrderStatus(f: Faker, ageMs: number): OrderStatus {
  if (ageMs < 2 * DAY_MS) {
    return f.helpers.weightedArrayElement<OrderStatus>([
      { weight: 70, value: 'placed' },
      { weight: 20, value: 'shipped' },
      { weight: 10, value: 'cancelled' },
    ]);
  }
  if (ageMs < 8 * DAY_MS) {
    return f.helpers.weightedArrayElement<OrderStatus>([
      { weight: 55, value: 'shipped' },
      { weight: 35, value: 'delivered' },
      { weight: 10, value: 'cancelled' },
    ]);
  }
  return f.helpers.weightedArrayElement<OrderStatus>([
    { weight: 87, value: 'delivered' },
    { weight: 6, value: 'cancelled' },
    { weight: 7, value: 'refunded' },
  ]);
}

/** Integer cents of a 2-decimal amount string. */
function cents(amount: string): number {
  const [units = '0', fraction = '0'] = amount.split('.');
  return Number(units) * 100 + Number(fraction.padEnd(2, '0'));
}
