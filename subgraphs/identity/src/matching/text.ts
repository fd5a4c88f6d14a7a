/**
 * Text folding shared by every attribute: what is left is lower-case ASCII
 * letters and digits in words separated by single spaces, so that case,
 * accents and punctuation never decide a comparison.
 */

// Letters that Unicode decomposition does not split into base + accent.
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const PLAIN = /^[A-Za-z0-9 ]*$/;
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join('')}]`, 'g');

/** Lower case, accents and punctuation removed, words separated by one space. */
export function foldText(raw: string): string {
  // Fast path for plain ASCII words, most values: no Unicode decomposition needed.
  if (PLAIN.test(raw)) return raw.toLowerCase().trim().replace(/ +/g, ' ');
  return raw
    .toLowerCase()
    .replace(SPECIAL, (c) => SPECIAL_LETTERS[c]!)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The folded words of a value. */
export const words = (folded: string): string[] => (folded === '' ? [] : folded.split(' '));

/** A trimmed raw value, or null when blank. */
export function present(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}
