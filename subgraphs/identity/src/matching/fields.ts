import { normalizeCountry } from './countries';
import { parseDate, type DateOrder } from './dates';
import { nicknameGroups, shareGroup } from './nicknames';
import { normalizeCity, normalizeEmail, normalizePhone, normalizePostcode, normalizeStreet } from './normalize';
import { phoneticCodes } from './phonetic';
import { jaroWinkler, osaDistance } from './similarity';
import { foldText } from './text';

/**
 * The attribute model of the matcher: every compared column is a field with a
 * comparison type. Known attributes have a built-in type (and, for names, a
 * role used to spot given and family names written in each other's column);
 * any other attribute is declared with its type (`member_no=memberid:identifier`).
 *
 * A value that does not parse as its type (a date `19310175`, a phone
 * `n/a 555`) is never dropped: it is kept as its folded raw string and compared
 * as a string (edit distance), so the record still takes part in blocking and
 * scoring. Only an empty value is missing, and missing weighs nothing.
 */
export const FIELD_TYPES = [
  'name',
  'date',
  'identifier',
  'email',
  'phone',
  'postcode',
  'address',
  'text',
  'number',
  'country',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const isFieldType = (t: string): t is FieldType => (FIELD_TYPES as readonly string[]).includes(t);

export type NameRole = 'given' | 'family' | 'full';

/** Attributes known by name, with their type. */
export const KNOWN_ATTRIBUTES: Readonly<Record<string, { type: FieldType; role?: NameRole }>> = {
  given_name: { type: 'name', role: 'given' },
  family_name: { type: 'name', role: 'family' },
  full_name: { type: 'name', role: 'full' },
  date_of_birth: { type: 'date' },
  email: { type: 'email' },
  phone: { type: 'phone' },
  street: { type: 'address' },
  city: { type: 'text' },
  postcode: { type: 'postcode' },
  country: { type: 'country' },
  loyalty_card: { type: 'identifier' },
  device: { type: 'identifier' },
  cookie: { type: 'identifier' },
  national_id: { type: 'identifier' },
  customer_number: { type: 'identifier' },
  passport: { type: 'identifier' },
  tax_id: { type: 'identifier' },
};

export interface FieldSpec {
  /** Attribute name (known, or declared with a type). */
  name: string;
  type: FieldType;
  role?: NameRole;
}

/** Levels of each type's comparison, best first; the last is always `different`. */
export const TYPE_LEVELS: Readonly<Record<FieldType, readonly string[]>> = {
  name: ['exact', 'swapped', 'one_edit', 'nickname', 'two_edits', 'close', 'phonetic', 'initial', 'different'],
  date: ['exact', 'day_month_swapped', 'one_digit', 'two_digits', 'same_year_month', 'three_digits', 'different'],
  identifier: ['exact', 'one_edit', 'different'],
  email: ['exact', 'one_edit', 'same_local', 'two_edits', 'different'],
  phone: ['exact', 'one_digit', 'same_last_7', 'two_digits', 'different'],
  postcode: ['exact', 'one_edit', 'same_prefix', 'different'],
  address: ['exact', 'one_edit', 'close', 'same_words', 'different'],
  text: ['exact', 'one_edit', 'close', 'different'],
  number: ['exact', 'one_off', 'different'],
  country: ['exact', 'different'],
};

/** Whether agreeing on a value weighs by how rare the value is (term frequency). */
export const TYPE_TF: Readonly<Record<FieldType, boolean>> = {
  name: true,
  date: true,
  identifier: true,
  email: true,
  phone: true,
  postcode: true,
  address: true,
  text: true,
  number: true,
  country: false,
};

/** A value's state after normalisation. */
export const EMPTY = 0;
export const NORMALISED = 1;
export const UNPARSEABLE = 2;

export interface NormalizeContext {
  dateOrder: DateOrder;
  defaultRegion: string;
}

/**
 * Normalises one raw value of a field: [key, state]. The key is what
 * comparisons and term frequencies read ('' when missing). Types that parse
 * (date, email, phone, postcode) fall back to the folded raw string.
 */
export function normalizeValue(type: FieldType, raw: string, ctx: NormalizeContext): [string, number] {
  const text = raw.trim();
  if (text === '' || PLACEHOLDER.test(text)) return ['', EMPTY];
  switch (type) {
    case 'name': {
      const folded = stripTitles(ocrRepair(foldText(text)));
      return folded === '' ? ['', EMPTY] : [folded, NORMALISED];
    }
    case 'date': {
      const d = parseDate(text, ctx.dateOrder);
      if (d) return [`${d.year}${pad(d.month)}${pad(d.day)}`, NORMALISED];
      const digits = text.replace(/\D/g, '');
      return [digits.length >= 4 ? digits : foldText(text), UNPARSEABLE];
    }
    case 'email': {
      const e = normalizeEmail(text);
      if (e && /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(e.value)) return [`${e.local}@${e.domain}`, NORMALISED];
      return [text.toLowerCase().replace(/\s+/g, ''), UNPARSEABLE];
    }
    case 'phone': {
      const p = normalizePhone(text, ctx.defaultRegion);
      if (p) return [p.replace(/\D/g, ''), NORMALISED];
      const digits = text.replace(/\D/g, '');
      return [digits.length >= 4 ? digits : foldText(text), UNPARSEABLE];
    }
    case 'postcode': {
      const code = normalizePostcode(text) ?? '';
      const ok = /^[A-Z0-9]{3,10}$/.test(code) && /\d/.test(code);
      return code === '' ? ['', EMPTY] : [code, ok ? NORMALISED : UNPARSEABLE];
    }
    case 'address': {
      const s = normalizeStreet(text);
      return s ? [s, NORMALISED] : ['', EMPTY];
    }
    case 'text': {
      const s = normalizeCity(/\d/.test(text) && /[a-z]{3}/i.test(text) ? ocrRepair(text.toLowerCase()) : text);
      return s ? [s, NORMALISED] : ['', EMPTY];
    }
    case 'identifier': {
      const id = text.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
      return id === '' || /^0+$/.test(id) ? ['', EMPTY] : [id, NORMALISED];
    }
    case 'number': {
      const n = Number(text.replace(/[\s,]/g, ''));
      if (Number.isFinite(n)) return [String(n), NORMALISED];
      return [foldText(text), UNPARSEABLE];
    }
    case 'country': {
      const c = normalizeCountry(text);
      return c ? [c, NORMALISED] : [foldText(text), UNPARSEABLE];
    }
  }
}

// Values typed into required fields that mean "unknown".
const PLACEHOLDER = /^(null|none|n\/?a|unknown|undefined|-+|\?+|\.+)$/i;

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'mme', 'mlle', 'herr', 'frau']);
function stripTitles(folded: string): string {
  const parts = folded.split(' ');
  while (parts.length > 1 && TITLES.has(parts[0]!)) parts.shift();
  return parts.join(' ');
}

const pad = (n: number) => String(n).padStart(2, '0');
const DATE_DIGITS = /^\d{8}$/;

// Digits inside words are scanning or typing slips for the letters they look like (m1ller, l0pez, 5mith).
const OCR_DIGITS: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '6': 'b',
  '8': 'b',
  '9': 'g',
};
/** Letter groups a scanner reads for one another (rn/m, vv/w, cl/d), folded to one. */
export const ocrFold = (s: string) => s.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/cl/g, 'd');
function ocrRepair(folded: string): string {
  return /\d/.test(folded) ? folded.replace(/(?<=[a-z])\d|\d(?=[a-z])/g, (d) => OCR_DIGITS[d] ?? d) : folded;
}

/** A blocking code for a name: Double Metaphone primary code of the name without spaces. */
export function nameCode(folded: string): string {
  if (folded === '') return '';
  return phoneticCodes(folded)[0] || folded.slice(0, 3);
}

const nicknameCache = new Map<string, readonly number[]>();
function groups(name: string): readonly number[] {
  let g = nicknameCache.get(name);
  if (!g) {
    g = nicknameGroups(name.split(' ')[0]!);
    nicknameCache.set(name, g);
  }
  return g;
}

/** Level index of two present, different-or-equal keys of one type (swaps are decided by the caller). */
export function compareValues(type: FieldType, a: string, b: string, aState: number, bState: number): number {
  if (a === b) return 0;
  switch (type) {
    case 'name': {
      // exact, swapped, one_edit, nickname, two_edits, close, phonetic, initial, different
      // Edits count on names long enough for them to be typos, not another name ("m" and "zam").
      const shortest = Math.min(a.length, b.length);
      const d = osaDistance(a, b, 2);
      if ((d <= 1 && shortest >= 3) || (d === 2 && ocrFold(a) === ocrFold(b))) return 2;
      if (shareGroup(groups(a), groups(b))) return 3;
      if (d <= 2 && shortest >= 5) return 4;
      if (jwAtLeast(a, b, 0.88) >= 0.88) return 5;
      const ca = phoneticCodes(a);
      const cb = phoneticCodes(b);
      if (ca[0] !== '' && (ca[0] === cb[0] || ca[0] === cb[1] || ca[1] === cb[0])) return 6;
      if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return 7;
      return 8;
    }
    case 'date': {
      // exact, day_month_swapped, one_digit, two_digits, same_year_month, three_digits, different.
      // Three digits apart is a level of its own: two typos in one date (a digit and a swap) reach it, and
      // among strangers it is some seven times as frequent as two digits (dates share their century),
      // so `different` is left to dates no run of typos explains, which then weigh more against.
      // Day and month swapped: also when the swap made the date impossible (`19881705`, kept as its digits
      // because month 17 does not parse), the commonest way a swap shows up (any day after the 12th).
      if (a.slice(0, 4) === b.slice(0, 4) && DATE_DIGITS.test(a) && DATE_DIGITS.test(b)) {
        if (a.slice(4, 6) === b.slice(6, 8) && a.slice(6, 8) === b.slice(4, 6)) return 1;
      }
      const d = osaDistance(a, b, 3);
      if (d <= 1) return 2;
      if (d <= 2) return 3;
      if (a.length >= 6 && a.slice(0, 6) === b.slice(0, 6)) return 4;
      return d <= 3 ? 5 : 6;
    }
    case 'identifier':
      return osaDistance(a, b, 1) <= 1 ? 1 : 2;
    case 'email': {
      const d = osaDistance(a, b, 2);
      if (d <= 1) return 1;
      const [la, lb] = [a.slice(0, a.lastIndexOf('@')), b.slice(0, b.lastIndexOf('@'))];
      if (la !== '' && la === lb) return 2;
      return d <= 2 ? 3 : 4;
    }
    case 'phone': {
      const d = osaDistance(a, b, 2);
      if (d <= 1) return 1;
      if (a.length >= 7 && b.length >= 7 && a.slice(-7) === b.slice(-7)) return 2;
      return d <= 2 ? 3 : 4;
    }
    case 'postcode': {
      if (osaDistance(a, b, 1) <= 1) return 1;
      return a.length >= 3 && a.slice(0, 3) === b.slice(0, 3) ? 2 : 3;
    }
    case 'address': {
      if (osaDistance(a, b, 1) <= 1) return 1;
      if (jwAtLeast(a, b, 0.9) >= 0.9) return 2;
      return sameWords(a, b) ? 3 : 4;
    }
    case 'text': {
      if (osaDistance(a, b, 1) <= 1) return 1;
      return jwAtLeast(a, b, 0.88) >= 0.88 ? 2 : 3;
    }
    case 'number': {
      const [x, y] = [Number(a), Number(b)];
      if (aState === NORMALISED && bState === NORMALISED && Math.abs(x - y) <= 1) return 1;
      return osaDistance(a, b, 1) <= 1 ? 1 : 2;
    }
    case 'country':
      return 1;
  }
}

/** Whether the words of the shorter value, but one at most, are all in the longer one ("12 main street" / "main street 12 apt 3"). */
function sameWords(a: string, b: string): boolean {
  if (a.indexOf(' ') < 0 || b.indexOf(' ') < 0) return false;
  const wa = a.split(' ');
  const wb = b.split(' ');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.length < 2) return false;
  let missing = 0;
  for (const w of short) if (!long.includes(w)) missing++;
  return missing <= (short.length >= 3 ? 1 : 0);
}

/** Jaro-Winkler, or 0 when the lengths alone keep it under `min` (most pairs of unrelated values). */
function jwAtLeast(a: string, b: string, min: number): number {
  const [short, long] = a.length <= b.length ? [a.length, b.length] : [b.length, a.length];
  const bound = (2 + short / long) / 3;
  if (bound + 0.4 * (1 - bound) < min) return 0;
  return jaroWinkler(a, b);
}

/** Whether two names are close enough to count as the same name written in the other column. */
export function namesClose(a: string, b: string): boolean {
  if (a.length < 2 || b.length < 2) return false;
  return a === b || osaDistance(a, b, 2) <= 2 || jaroWinkler(a, b) >= 0.9;
}
