import { getCountries } from 'libphonenumber-js/max';
import { foldText } from './text';

/**
 * Country names and codes to ISO 3166-1 alpha-2. Names come from the ICU data
 * Node ships (`Intl.DisplayNames`) in English, French, German and Spanish, so
 * no list is maintained here beyond a few usual aliases ICU does not give.
 * The code also picks the region for national-format phone numbers.
 */
const ALIASES: Record<string, string> = {
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  holland: 'NL',
  deutschland: 'DE',
  espana: 'ES',
  fra: 'FR',
  deu: 'DE',
  gbr: 'GB',
  esp: 'ES',
  ita: 'IT',
  nld: 'NL',
  bel: 'BE',
  che: 'CH',
  aut: 'AT',
  prt: 'PT',
  irl: 'IE',
  can: 'CA',
};

const CODES = new Set<string>(getCountries());

const BY_NAME: ReadonlyMap<string, string> = (() => {
  const index = new Map<string, string>(Object.entries(ALIASES));
  for (const locale of ['en', 'fr', 'de', 'es']) {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    for (const code of CODES) {
      const name = names.of(code);
      if (name && name !== code) {
        const folded = foldText(name);
        if (!index.has(folded)) index.set(folded, code);
      }
    }
  }
  return index;
})();

/** ISO alpha-2 code of a country name or code; null when unknown. */
export function normalizeCountry(raw: string): string | null {
  const folded = foldText(raw);
  if (folded.length === 2 && CODES.has(folded.toUpperCase())) return folded.toUpperCase();
  return BY_NAME.get(folded) ?? null;
}
