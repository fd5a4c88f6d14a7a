import type { Attribute } from './attributes';
import type { CalendarDate } from './dates';
import { shareGroup } from './nicknames';
import type { NameValue, NormalizedRecord } from './normalize';
import { phoneticCodes, soundAlike } from './phonetic';
import { jaroWinkler, osaDistance } from './similarity';

/**
 * What is compared between two records, and the levels a comparison can
 * yield, best first. Each level gets its own Fellegi–Sunter weight; a level
 * index of MISSING means a side lacks the value, and weighs nothing.
 *
 * Street, city and postcode are one comparison, `address`: Fellegi–Sunter
 * adds weights as if comparisons were independent, and three fields of one
 * address agreeing are one piece of evidence, not three (counted three times,
 * two people of one household would look like one person).
 * `full_name` is compared only when neither given nor family name could be
 * (a source with one name column against one with two), so a name never
 * counts twice.
 */
export interface ComparisonSpec {
  name: string;
  /** The attributes it reads. */
  attributes: readonly Attribute[];
  /** Level names, best first. */
  levels: readonly string[];
  /**
   * Default m (share of true matches at each level) and u (share of
   * non-matches among candidate pairs), used when no estimate is made and as
   * the start of EM. Each sums to 1.
   */
  m: readonly number[];
  u: readonly number[];
  /** How each level is decided, for the help text and the explanation of a score. */
  description: string;
}

export const MISSING = -1;

const CLOSE = 0.92;

export const COMPARISONS: readonly ComparisonSpec[] = [
  {
    name: 'given_name',
    attributes: ['given_name'],
    levels: ['exact', 'swapped', 'nickname', 'close', 'phonetic', 'initial', 'different'],
    m: [0.8, 0.01, 0.03, 0.07, 0.03, 0.02, 0.04],
    u: [0.02, 0.0005, 0.002, 0.008, 0.02, 0.01, 0.9395],
    description:
      'exact after folding; swapped with the family name; nickname (same group in the nickname map); close (Jaro-Winkler ≥ 0.92 or same first word); phonetic (a Double Metaphone code in common); initial (one side is the initial of the other)',
  },
  {
    name: 'family_name',
    attributes: ['family_name'],
    levels: ['exact', 'swapped', 'close', 'phonetic', 'different'],
    m: [0.85, 0.01, 0.07, 0.03, 0.04],
    u: [0.05, 0.0005, 0.01, 0.05, 0.8895],
    description:
      'exact after folding; swapped with the given name; close (Jaro-Winkler ≥ 0.92, or every word of one in the other: "Garcia" and "Garcia Lopez"); phonetic (a Double Metaphone code in common)',
  },
  {
    name: 'full_name',
    attributes: ['full_name', 'given_name', 'family_name'],
    levels: ['exact', 'close', 'phonetic', 'different'],
    m: [0.8, 0.12, 0.04, 0.04],
    u: [0.005, 0.01, 0.02, 0.965],
    description:
      'only when neither given nor family name can be compared; exact (same words in any order); close (every word of the shorter name has a Jaro-Winkler ≥ 0.92 match in the other); phonetic (every word has a sound-alike)',
  },
  {
    name: 'date_of_birth',
    attributes: ['date_of_birth'],
    levels: ['exact', 'transposed', 'one_component', 'different'],
    m: [0.9, 0.02, 0.05, 0.03],
    u: [0.01, 0.0005, 0.05, 0.9395],
    description: 'exact; day and month transposed; one of year, month, day different; different',
  },
  {
    name: 'email',
    attributes: ['email'],
    levels: ['exact', 'close', 'same_local', 'different'],
    m: [0.6, 0.05, 0.05, 0.3],
    u: [0.0005, 0.0005, 0.002, 0.997],
    description:
      'exact (a +tag ignored); close (one typo after the first letter: optimal string alignment distance 1; the first letter is usually an initial, and f.smith@ and j.smith@ are two people of one household); same local part at another domain; different',
  },
  {
    name: 'phone',
    attributes: ['phone'],
    levels: ['exact', 'close', 'different'],
    m: [0.6, 0.03, 0.37],
    u: [0.001, 0.0005, 0.9985],
    description: 'exact E.164; close (one digit wrong or two swapped); different',
  },
  {
    name: 'address',
    attributes: ['street', 'city', 'postcode'],
    levels: ['exact', 'close', 'same_postcode', 'same_city', 'different'],
    m: [0.6, 0.08, 0.04, 0.08, 0.2],
    u: [0.002, 0.002, 0.01, 0.05, 0.936],
    description:
      'exact street in the same place (postcode, else city); close street (Jaro-Winkler ≥ 0.92) in the same place; same postcode; same city; different',
  },
  {
    name: 'country',
    attributes: ['country'],
    levels: ['exact', 'different'],
    m: [0.97, 0.03],
    u: [0.6, 0.4],
    description: 'same ISO country code or not',
  },
  ...(['loyalty_card', 'device', 'cookie'] as const).map((attribute): ComparisonSpec => ({
    name: attribute,
    attributes: [attribute],
    levels: ['exact', 'different'],
    m: [0.8, 0.2],
    u: [0.0005, 0.9995],
    description: 'exactly the same identifier or not (an opaque id one character off is another id)',
  })),
];

export const COMPARISON_COUNT = COMPARISONS.length;

const [GIVEN, FAMILY, FULL, DOB, EMAIL, PHONE, ADDRESS, COUNTRY] = [0, 1, 2, 3, 4, 5, 6, 7] as const;
const IDENTIFIERS = ['loyalty_card', 'device', 'cookie'] as const;

const close = (a: string, b: string) => a === b || jaroWinkler(a, b) >= CLOSE;
const contains = (longer: readonly string[], shorter: readonly string[]) =>
  shorter.length < longer.length && shorter.every((w) => longer.includes(w));

function givenLevel(a: NameValue, b: NameValue): number {
  if (a.text === b.text) return 0;
  if (shareGroup(a.groups, b.groups)) return 2;
  if (a.words[0] === b.words[0] || jaroWinkler(a.compact, b.compact) >= CLOSE) return 3;
  if (soundAlike(a.codes, b.codes)) return 4;
  if ((a.compact.length === 1 || b.compact.length === 1) && a.compact[0] === b.compact[0]) return 5;
  return 6;
}

function familyLevel(a: NameValue, b: NameValue): number {
  if (a.text === b.text) return 0;
  if (jaroWinkler(a.compact, b.compact) >= CLOSE || contains(a.words, b.words) || contains(b.words, a.words)) return 2;
  if (soundAlike(a.codes, b.codes)) return 3;
  return 4;
}

function fullLevel(a: NameValue, b: NameValue): number {
  const [shorter, longer] = a.words.length <= b.words.length ? [a.words, b.words] : [b.words, a.words];
  if (shorter.length === longer.length && [...shorter].sort().join(' ') === [...longer].sort().join(' ')) return 0;
  if (shorter.every((w) => longer.some((o) => close(w, o)))) return 1;
  if (shorter.every((w) => longer.some((o) => soundAlike(phoneticCodes(w), phoneticCodes(o))))) return 2;
  return 3;
}

function dobLevel(a: CalendarDate, b: CalendarDate): number {
  const same = Number(a.year === b.year) + Number(a.month === b.month) + Number(a.day === b.day);
  if (same === 3) return 0;
  if (a.year === b.year && a.day === b.month && a.month === b.day) return 1;
  return same === 2 ? 2 : 3;
}

const dateDigits = (d: CalendarDate) => `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;

/**
 * A date of birth that did not parse on one side at least, compared as a
 * string with the other (its YYYYMMDD digits when it parsed): equal is `exact`, day and month
 * swapped `transposed`, one edit apart `one_component` (a digit off), else `different`.
 */
function dobTextLevel(a: NormalizedRecord, b: NormalizedRecord): number {
  const x = a.dob ? dateDigits(a.dob) : a.dobText;
  const y = b.dob ? dateDigits(b.dob) : b.dobText;
  if (!x || !y) return MISSING;
  if (x === y) return 0;
  // Day and month swapped, which made one of them impossible (`19881705` beside 1988-05-17).
  if (/^\d{8}$/.test(x) && /^\d{8}$/.test(y) && x.slice(0, 4) === y.slice(0, 4)) {
    if (x.slice(4, 6) === y.slice(6, 8) && x.slice(6, 8) === y.slice(4, 6)) return 1;
  }
  return osaDistance(x, y, 1) <= 1 ? 2 : 3;
}

/**
 * An email or phone that did not parse on one side at least, compared as a string with the other (a phone
 * that parsed by its E.164 digits): equal is `exact`, one edit apart `close`, else `different` (`level`).
 * Only reached when a side lacks the parsed value, so null on both sides of the parsed form is `missing`.
 */
function textLevel(x: string | null | undefined, y: string | null | undefined, different: number): number {
  if (!x || !y) return MISSING;
  if (x === y) return 0;
  return osaDistance(x, y, 1) <= 1 ? 1 : different;
}

/** A phone's last 9 digits when it has more (E.164 or national, a country prefix or a trunk 0 aside). */
const phoneDigits = (phone: string | null) => {
  if (!phone) return null;
  const digits = phone.replace(/^\+/, '');
  return /^\d{10,}$/.test(digits) ? digits.slice(-9) : digits;
};

function addressLevel(a: NormalizedRecord, b: NormalizedRecord): number {
  const postcodes = a.postcode !== null && b.postcode !== null;
  const cities = a.city !== null && b.city !== null;
  const streets = a.street !== null && b.street !== null;
  if (!postcodes && !cities && !streets) return MISSING;
  const samePostcode = postcodes && a.postcode === b.postcode;
  const sameCity = cities && close(a.city!, b.city!);
  // The place agrees when the postcode does, or the city when postcodes cannot be compared.
  const samePlace = postcodes ? samePostcode : cities ? sameCity : true;
  if (streets && samePlace) {
    if (a.street === b.street) return 0;
    if (jaroWinkler(a.street!, b.street!) >= CLOSE) return 1;
  }
  if (samePostcode) return 2;
  if (sameCity) return 3;
  return 4;
}

/**
 * Compares two normalised records, writing one level per comparison into
 * `out` (in COMPARISONS order; MISSING where a side lacks the value).
 */
export function compareRecords(a: NormalizedRecord, b: NormalizedRecord, out: Int8Array): Int8Array {
  let given = a.given && b.given ? givenLevel(a.given, b.given) : MISSING;
  let family = a.family && b.family ? familyLevel(a.family, b.family) : MISSING;
  // Given and family names written in each other's column: both compare as
  // `swapped` when the crossed names agree and the straight ones do not.
  if (a.given && b.given && a.family && b.family && (given > 3 || family > 2)) {
    if (close(a.given.compact, b.family.compact) && close(a.family.compact, b.given.compact)) {
      given = 1;
      family = 1;
    }
  }
  out[GIVEN] = given;
  out[FAMILY] = family;
  // Two full names built from parts that could not be compared (a given name
  // only against a family name only) say nothing either.
  const fullComparable = a.full && b.full && !(a.fullDerived && b.fullDerived);
  out[FULL] = given === MISSING && family === MISSING && fullComparable ? fullLevel(a.full!, b.full!) : MISSING;
  out[DOB] = a.dob && b.dob ? dobLevel(a.dob, b.dob) : dobTextLevel(a, b);

  if (a.email && b.email) {
    const [x, y] = [a.email, b.email];
    if (x.value === y.value || (x.local === y.local && x.domain === y.domain)) out[EMAIL] = 0;
    else if (x.value[0] === y.value[0] && osaDistance(x.value, y.value, 1) <= 1) out[EMAIL] = 1;
    else if (x.local === y.local) out[EMAIL] = 2;
    else out[EMAIL] = 3;
  } else out[EMAIL] = textLevel(a.email?.value ?? a.emailText, b.email?.value ?? b.emailText, 3);

  if (a.phone && b.phone) {
    if (a.phone === b.phone) out[PHONE] = 0;
    else if (a.phone.length === b.phone.length && osaDistance(a.phone, b.phone, 1) <= 1) out[PHONE] = 1;
    else out[PHONE] = 2;
  } else out[PHONE] = textLevel(phoneDigits(a.phone ?? a.phoneText), phoneDigits(b.phone ?? b.phoneText), 2);

  out[ADDRESS] = addressLevel(a, b);
  out[COUNTRY] = a.country && b.country ? (a.country === b.country ? 0 : 1) : MISSING;
  for (let i = 0; i < IDENTIFIERS.length; i++) {
    const [x, y] = [a.identifiers[IDENTIFIERS[i]!], b.identifiers[IDENTIFIERS[i]!]];
    out[COUNTRY + 1 + i] = x !== null && y !== null ? (x === y ? 0 : 1) : MISSING;
  }
  return out;
}
