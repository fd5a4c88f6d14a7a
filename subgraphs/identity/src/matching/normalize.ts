import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { blockListMatcher, DEFAULT_BLOCK_LIST } from '../block-list';
import type { Attribute, IdentifierAttribute, InputRecord } from './attributes';
import { normalizeCountry } from './countries';
import { parseDate, type CalendarDate, type DateOrder } from './dates';
import { nicknameGroups } from './nicknames';
import { phoneticCodes } from './phonetic';
import { foldText, present, words } from './text';

/** A name ready to compare: folded text, its words, spaces dropped, phonetic codes. */
export interface NameValue {
  text: string;
  words: readonly string[];
  compact: string;
  codes: readonly [string, string];
  /** Nickname groups of the first word (given names only). */
  groups: readonly number[];
}

export interface EmailValue {
  value: string;
  /** Local part without a `+tag`: the mailbox a person would type again. */
  local: string;
  domain: string;
}

export interface NormalizedRecord {
  /** Position in the input list; pairs refer to records by it. */
  index: number;
  source: number;
  id: string;
  given: NameValue | null;
  family: NameValue | null;
  /** `full_name` as given, else built from given and family name. */
  full: NameValue | null;
  /** Whether `full` was built from given and family name rather than given. */
  fullDerived: boolean;
  dob: CalendarDate | null;
  /**
   * A date of birth that does not parse (`19310175`), kept as its digits (or
   * folded text) and compared as a string, never dropped; null when `dob` is set or none was given.
   */
  dobText: string | null;
  email: EmailValue | null;
  /**
   * An email that does not parse (`jane.doe at mail`), kept as lower-cased text without spaces and compared as a
   * string; null when `email` is set or none was given. Placeholders are still dropped.
   */
  emailText: string | null;
  /** E.164 when the number could be read, else null. */
  phone: string | null;
  /** A phone that does not parse (`n/a 555 12`), kept as its digits (or folded text) and compared as a string. */
  phoneText: string | null;
  street: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  identifiers: Record<IdentifierAttribute, string | null>;
}

export interface NormalizeOptions {
  /** Region for national-format phone numbers of records without a country. @default 'FR' */
  defaultRegion?: string;
  /** How to read an ambiguous numeric date such as 03/04/1980. @default 'DMY' */
  dateOrder?: DateOrder;
}

/**
 * Something wrong with one value of a record. A fatal issue makes the record
 * unusable (a date of birth that is not a date: matching on a guess would be
 * worse than not matching); any other issue only drops that value.
 */
export interface ValueIssue {
  attribute: Attribute;
  fatal: boolean;
  message: string;
}

const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'mme',
  'mlle',
  'herr',
  'frau',
  'sr',
  'sra',
  'srta',
  'dona',
]);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md']);

const NO_CODES = ['', ''] as const;

function nameValue(raw: string | null, kind: 'given' | 'family' | 'full'): NameValue | null {
  if (raw === null) return null;
  let parts = words(foldText(raw));
  if (kind !== 'family') {
    while (parts.length > 1 && TITLES.has(parts[0]!)) parts = parts.slice(1);
  }
  if (kind !== 'given') {
    while (parts.length > 1 && SUFFIXES.has(parts[parts.length - 1]!)) parts = parts.slice(0, -1);
  }
  if (parts.length === 0) return null;
  const text = parts.join(' ');
  const compact = parts.join('');
  return {
    text,
    words: parts,
    compact,
    // A full name is compared word by word (see comparisons.ts), never by the code of the whole.
    codes: kind === 'full' ? NO_CODES : phoneticCodes(compact),
    groups: kind === 'given' ? nicknameGroups(parts[0]!) : [],
  };
}

const STREET_WORDS: Record<string, string> = {
  st: 'street',
  str: 'strasse',
  rd: 'road',
  ave: 'avenue',
  av: 'avenue',
  avda: 'avenida',
  blvd: 'boulevard',
  bd: 'boulevard',
  bvd: 'boulevard',
  dr: 'drive',
  ln: 'lane',
  ct: 'court',
  pl: 'place',
  sq: 'square',
  hwy: 'highway',
  pkwy: 'parkway',
  ter: 'terrace',
  cres: 'crescent',
  ch: 'chemin',
  imp: 'impasse',
  pza: 'plaza',
  pso: 'paseo',
  apt: 'apartment',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
};

/** Street folded with the usual abbreviations spelt out: "12 Baker St." and "12 baker street" are one. */
export function normalizeStreet(raw: string): string | null {
  const parts = words(foldText(raw)).map((w, i) => {
    if (i === 0 && w === 'c') return 'calle'; // Spanish "C/ Mayor"
    if (STREET_WORDS[w]) return STREET_WORDS[w]!;
    if (w.length > 4 && w.endsWith('str')) return `${w}asse`; // German "Hauptstr."
    return w;
  });
  return parts.length > 0 ? parts.join(' ') : null;
}

const CITY_WORDS: Record<string, string> = { st: 'saint', ste: 'sainte', mt: 'mount', ft: 'fort' };

export function normalizeCity(raw: string): string | null {
  const parts = words(foldText(raw)).map((w) => CITY_WORDS[w] ?? w);
  return parts.length > 0 ? parts.join(' ') : null;
}

/** Postcode upper-cased without spaces or dashes; a US ZIP+4 keeps its five-digit ZIP. */
export function normalizePostcode(raw: string): string | null {
  const code = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (/^\d{9}$/.test(code) && /^\d{5}-\d{4}$/.test(raw.trim())) return code.slice(0, 5);
  return code === '' ? null : code;
}

const isBlocked = blockListMatcher({ blockList: DEFAULT_BLOCK_LIST });

export function normalizeEmail(raw: string): EmailValue | null {
  const value = raw.replace(/\s+/g, '').toLowerCase();
  const at = value.lastIndexOf('@');
  if (at <= 0 || at === value.length - 1) return null;
  const domain = value.slice(at + 1);
  const local = value.slice(0, at).replace(/\+.*$/, '');
  return { value, local: local === '' ? value.slice(0, at) : local, domain };
}

export function normalizePhone(raw: string, region: string): string | null {
  let phone = parsePhoneNumberFromString(raw, region as CountryCode);
  // 00 is the international prefix of most of the world but not of the US or
  // Canada (011): "0034 605…" from a record said to be in the US is Spanish.
  if (!phone?.isPossible() && /^\s*00[1-9]/.test(raw))
    phone = parsePhoneNumberFromString(raw.trim().replace(/^00/, '+'));
  // Possible, not necessarily valid: matching needs one spelling per number,
  // not a number the carrier would route. So the small metadata is enough
  // (same E.164 as the identity graph's `max` for every number valid there),
  // and it parses a third faster.
  return phone && phone.isPossible() ? phone.number : null;
}

const IDENTIFIER_NORMALIZERS: Record<IdentifierAttribute, (raw: string) => string> = {
  loyalty_card: (raw) => raw.replace(/[\s-]/g, '').toUpperCase(),
  device: (raw) => raw.toLowerCase(),
  cookie: (raw) => raw,
};

/**
 * Normalises the raw values of one record: names folded (case, accents,
 * punctuation, titles), dates parsed, emails lower-cased, phones to E.164
 * (national numbers read in the record's country, else the default region),
 * addresses with abbreviations spelt out, countries to ISO codes.
 * Placeholders on the identity block list (test@test.com, 0000000000) count
 * as unknown values.
 */
export function normalizeRecord(
  input: InputRecord,
  index: number,
  options: NormalizeOptions = {},
): { record: NormalizedRecord; issues: ValueIssue[] } {
  const issues: ValueIssue[] = [];
  const raw = (attribute: Attribute) => present(input.values[attribute]);
  const drop = (attribute: Attribute, message: string) => {
    issues.push({ attribute, fatal: false, message });
    return null;
  };

  const given = nameValue(raw('given_name'), 'given');
  const family = nameValue(raw('family_name'), 'family');
  let full = nameValue(raw('full_name'), 'full');
  let fullDerived = false;
  if (!full && (given || family)) {
    full = nameValue([given?.text, family?.text].filter(Boolean).join(' '), 'full');
    fullDerived = true;
  }

  let dob: CalendarDate | null = null;
  let dobText: string | null = null;
  const rawDob = raw('date_of_birth');
  if (rawDob !== null) {
    dob = parseDate(rawDob, options.dateOrder ?? 'DMY');
    if (!dob) {
      const digits = rawDob.replace(/\D/g, '');
      dobText = digits.length >= 4 ? digits : foldText(rawDob) || null;
      issues.push({
        attribute: 'date_of_birth',
        fatal: false,
        message: `expected a date such as 1980-03-12, 12/03/1980, 19800312 or 12 March 1980, received "${rawDob}"; kept as text`,
      });
    }
  }

  const rawCountry = raw('country');
  const country = rawCountry === null ? null : normalizeCountry(rawCountry);
  if (rawCountry !== null && country === null) drop('country', `unknown country "${rawCountry}"`);

  // An email or phone that does not parse is kept as text and compared as a string, as a date is.
  const keep = (attribute: Attribute, message: string, text: string | null) => {
    issues.push({ attribute, fatal: false, message: `${message}; kept as text` });
    return text || null;
  };
  let email: EmailValue | null = null;
  let emailText: string | null = null;
  const rawEmail = raw('email');
  if (rawEmail !== null) {
    email = normalizeEmail(rawEmail);
    if (!email) {
      emailText = keep(
        'email',
        `expected an email address, received "${rawEmail}"`,
        rawEmail.toLowerCase().replace(/\s+/g, ''),
      );
    } else if (isBlocked({ kind: 'EMAIL', value: email.value })) email = drop('email', 'placeholder email');
  }

  let phone: string | null = null;
  let phoneText: string | null = null;
  const rawPhone = raw('phone');
  if (rawPhone !== null) {
    const region = country ?? options.defaultRegion ?? 'FR';
    phone = normalizePhone(rawPhone, region);
    if (!phone) {
      const digits = rawPhone.replace(/\D/g, '');
      phoneText = keep(
        'phone',
        `expected a phone number (national numbers read in ${region}), received "${rawPhone}"`,
        digits.length >= 4 ? digits : foldText(rawPhone),
      );
    } else if (isBlocked({ kind: 'PHONE', value: phone })) phone = drop('phone', 'placeholder phone');
  }

  const rawStreet = raw('street');
  const rawCity = raw('city');
  const rawPostcode = raw('postcode');
  const identifiers = {} as Record<IdentifierAttribute, string | null>;
  for (const attribute of Object.keys(IDENTIFIER_NORMALIZERS) as IdentifierAttribute[]) {
    const value = raw(attribute);
    identifiers[attribute] = value === null ? null : IDENTIFIER_NORMALIZERS[attribute](value);
  }

  return {
    record: {
      index,
      source: input.source,
      id: input.id,
      given,
      family,
      full,
      fullDerived,
      dob,
      dobText,
      email,
      emailText,
      phone,
      phoneText,
      street: rawStreet === null ? null : normalizeStreet(rawStreet),
      city: rawCity === null ? null : normalizeCity(rawCity),
      postcode: rawPostcode === null ? null : normalizePostcode(rawPostcode),
      country,
      identifiers,
    },
    issues,
  };
}
