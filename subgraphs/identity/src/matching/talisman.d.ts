// talisman ships CommonJS without type declarations; only the module used here is declared.
declare module 'talisman/phonetics/double-metaphone' {
  /** Primary and alternate Double Metaphone codes of a word. */
  export default function doubleMetaphone(word: string): [string, string];
}

declare module 'talisman/metrics/jaro-winkler' {
  /** Jaro-Winkler similarity (boost threshold 0.7, scaling factor 0.1): used by the tests as a reference. */
  export default function jaroWinkler(a: string, b: string): number;
}
