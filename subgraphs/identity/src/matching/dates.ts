/**
 * Dates of birth as sources write them. Accepted:
 *
 * - ISO `1980-03-12` (a time after it is ignored), `1980/03/12`, `1980.03.12`;
 * - compact `19800312`;
 * - numeric day-first `12/03/1980`, `12-03-1980`, `12.03.1980`;
 * - written months in English, French, German and Spanish: `12 March 1980`,
 *   `March 12, 1980`, `12-Mar-1980`, `12 mars 1980`, `12. März 1980`,
 *   `12 de marzo de 1980`, `1st March 1980`.
 *
 * `03/12/1980` is ambiguous. It is read day first (12 is the month) because
 * most sources here are European; `dateOrder: 'MDY'` reads it month first for
 * a US source. Either way a numeric date that only makes sense in the other
 * order (`03/25/1980` read day first) is read in that order rather than
 * refused. A source that mixes orders still matches: the date comparison has
 * a level for day and month transposed.
 *
 * Two-digit years are refused: the century would be a guess, and a wrong
 * guess is a wrong date of birth rather than an unknown one.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export type DateOrder = 'DMY' | 'MDY';

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'janvier', 'janv', 'januar', 'jaenner', 'janner', 'enero', 'ene'],
  ['february', 'feb', 'fevrier', 'fevr', 'fev', 'februar', 'febrero'],
  ['march', 'mar', 'mars', 'maerz', 'marz', 'marzo'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mayo'],
  ['june', 'jun', 'juin', 'juni', 'junio'],
  ['july', 'jul', 'juillet', 'juil', 'juli', 'julio'],
  ['august', 'aug', 'aout', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'setiembre'],
  ['october', 'oct', 'octobre', 'oktober', 'okt', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'decembre', 'dezember', 'dez', 'diciembre', 'dic'],
];
MONTH_NAMES.forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

// Words that may stand between the parts of a written date.
const FILLERS = new Set(['de', 'of', 'the', 'le', 'der', 'den']);

/** Earliest year accepted: anything before is a typo, not a birth. */
const MIN_YEAR = 1850;
const MAX_YEAR = 2100;

export function isValidDate({ year, month, day }: CalendarDate): boolean {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return Number.isInteger(day) && day >= 1 && day <= daysInMonth;
}

const valid = (date: CalendarDate): CalendarDate | null => (isValidDate(date) ? date : null);

/** Parses a date of birth; null when the text is not a date in one of the accepted formats. */
export function parseDate(raw: string, order: DateOrder = 'DMY'): CalendarDate | null {
  const text = raw.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return valid({ year: +m[1]!, month: +m[2]!, day: +m[3]! });

  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return valid({ year: +m[1]!, month: +m[2]!, day: +m[3]! });

  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) {
    const [first, second, year] = [+m[1]!, +m[2]!, +m[3]!];
    const dayFirst = { year, month: second, day: first };
    const monthFirst = { year, month: first, day: second };
    return order === 'DMY' ? (valid(dayFirst) ?? valid(monthFirst)) : (valid(monthFirst) ?? valid(dayFirst));
  }

  return parseWrittenDate(text);
}

function parseWrittenDate(text: string): CalendarDate | null {
  const tokens = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[\s,./-]+/)
    .filter((t) => t !== '' && !FILLERS.has(t));
  if (tokens.length !== 3) return null;
  let month: number | null = null;
  const numbers: string[] = [];
  for (const token of tokens) {
    const ordinal = /^(\d{1,2})(st|nd|rd|th|er|e|eme|o|a)?$/.exec(token);
    if (/^\d{4}$/.test(token)) numbers.push(token);
    else if (ordinal) numbers.push(ordinal[1]!);
    else if (MONTHS[token] !== undefined && month === null) month = MONTHS[token]!;
    else return null;
  }
  if (month === null || numbers.length !== 2) return null;
  const yearIndex = numbers.findIndex((n) => n.length === 4);
  if (yearIndex < 0 || numbers[1 - yearIndex]!.length > 2) return null;
  return valid({ year: +numbers[yearIndex]!, month, day: +numbers[1 - yearIndex]! });
}

/** ISO form, `YYYY-MM-DD`. */
export const formatDate = ({ year, month, day }: CalendarDate): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
