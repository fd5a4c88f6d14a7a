import { badUserInput } from '@c360/kit/errors';
import { blockKeyHash, type MatchKeys } from './live';
import { normalizeRecord } from './normalize';

/**
 * Search by name and postcode (an agent's "Marie Dupont, 75011"). The graph
 * keeps no names in the clear to scan, but every record with a name and a
 * postcode sits in the `postcode+initial` matching block (blocking.ts): the
 * postcode and the first letter of the given name, hashed. So a search is one
 * indexed read: the blocks of the postcode with each initial the name could
 * start with, then the records there whose folded name words hold every word
 * searched for, in any order. Name and postcode are normalised exactly as
 * matching normalises them (case, accents, punctuation and titles folded;
 * postcode upper-cased without spaces or dashes).
 */

/** Longest name searched for (characters) and most words: a name, not a paragraph. */
const MAX_NAME_LENGTH = 200;
const MAX_NAME_WORDS = 6;
/** Initials tried when one word is given (a family name alone: the given name may start with anything). */
const ANY_INITIAL = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

export interface NameQuery {
  /** The folded words searched for, every one of which a record's name must hold. */
  words: string[];
  /** The postcode as matching stores it. */
  postcode: string;
  /** MatchBlock keys to read. */
  blocks: string[];
}

/** Normalises a search; BAD_USER_INPUT naming the argument when the name or postcode cannot be searched for. */
export function nameQueryOf(name: string, postcode: string): NameQuery {
  if (name.length > MAX_NAME_LENGTH) {
    throw badUserInput(`Invalid name: expected at most ${MAX_NAME_LENGTH} characters, received ${name.length}`, 'name');
  }
  const { record } = normalizeRecord({ source: 0, id: '', values: { full_name: name, postcode } }, 0);
  const words = record.full?.words ?? [];
  if (words.length === 0) {
    throw badUserInput(`Invalid name: expected a name with at least one letter or digit, received "${name}"`, 'name');
  }
  if (words.length > MAX_NAME_WORDS) {
    throw badUserInput(`Invalid name: expected at most ${MAX_NAME_WORDS} words, received ${words.length}`, 'name');
  }
  if (!record.postcode || record.postcode.length > 12) {
    throw badUserInput(
      `Invalid postcode: expected 1 to 12 letters or digits (spaces and dashes ignored), received "${postcode}"`,
      'postcode',
    );
  }
  // The given name is one of the words (order unknown); a single word may be the family name alone.
  const initials = words.length === 1 ? ANY_INITIAL : [...new Set(words.map((w) => w[0]!))];
  const blocks = initials.map((initial) => blockKeyHash('postcode+initial', `${record.postcode}|${initial}`));
  return { words: [...new Set(words)], postcode: record.postcode, blocks };
}

/** Whether a record's stored match keys hold every word searched for (given, family and full name together). */
export function nameMatches(keys: MatchKeys, query: NameQuery): boolean {
  if (keys.postcode !== query.postcode) return false;
  const held = new Set(
    [keys.given, keys.family, keys.full].flatMap((text) => (text ? text.split(' ').filter(Boolean) : [])),
  );
  return query.words.every((w) => held.has(w));
}
