/**
 * The block list of identifiers that link nothing (placeholders, shared test
 * values), apart from rules.ts: the resolution rules and the probabilistic
 * matcher's normaliser both need it, and the rules also need the matcher's
 * model, so that keeping it there tied the two in a cycle.
 */
import type { NormalizedIdentifier } from './normalize';

export interface BlockList {
  /** Values blocked as they are (compared lower-cased). */
  values: string[];
  /** Regular expressions (case-insensitive) of blocked values. */
  patterns: string[];
}

/** The built-in block list. */
export const DEFAULT_BLOCK_LIST: BlockList = {
  values: ['test@test.com', 'noemail@noemail.com', 'no@email.com', 'none@none.com', 'na@na.com'],
  patterns: [
    // Placeholders typed into required fields.
    '^(null|none|n/?a|unknown|undefined|anonymous|test|0+)$',
    '^(noemail|no-email|noreply|no-reply|donotreply|do-not-reply|anonymous|unknown|none|null)@',
    // Phones made of one repeated digit after the country code, e.g. +33000000000, +441111111111.
    '^\\+\\d{1,3}(\\d)\\1{7,}$',
  ],
};

/** Decides whether a normalised identifier is on the block list. */
export function blockListMatcher(rules: { blockList: BlockList }): (identifier: NormalizedIdentifier) => boolean {
  const values = new Set(rules.blockList.values.map((v) => v.toLowerCase()));
  const patterns = rules.blockList.patterns.map((p) => new RegExp(p, 'i'));
  return ({ value }) => values.has(value.toLowerCase()) || patterns.some((p) => p.test(value));
}
