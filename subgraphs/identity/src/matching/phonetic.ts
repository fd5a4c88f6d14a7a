import doubleMetaphone from 'talisman/phonetics/double-metaphone';

/**
 * Double Metaphone codes (primary, alternate) of a folded name, from
 * talisman. Spaces are dropped first so that "van der berg" and "vanderberg"
 * sound alike. Codes are cached: names repeat a lot across records, and the
 * cache is bounded so a huge input cannot grow it without limit.
 */
const cache = new Map<string, readonly [string, string]>();
const CACHE_LIMIT = 200_000;

export function phoneticCodes(folded: string): readonly [string, string] {
  const key = folded.replace(/[^a-z]/g, '');
  let codes = cache.get(key);
  if (codes) return codes;
  codes = key === '' ? ['', ''] : doubleMetaphone(key.toUpperCase());
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, codes);
  return codes;
}

/** Whether two names share a Double Metaphone code (primary or alternate). */
export function soundAlike(a: readonly [string, string], b: readonly [string, string]): boolean {
  if (a[0] === '' || b[0] === '') return false;
  return a[0] === b[0] || a[0] === b[1] || a[1] === b[0] || a[1] === b[1];
}
