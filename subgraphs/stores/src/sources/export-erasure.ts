/**
 * Right to erasure in the till export folder: the loyalty programme and the
 * tills have no API, so erasing a member means rewriting the export files
 * the way their writers would have written them without the person. Pure:
 * takes a file's content, returns the new content.
 *
 * - Member exports lose every row of the erased cards (name, email, phone).
 * - Till exports keep their receipts (the store's accounting) with the
 *   loyalty card column emptied: the sale becomes anonymous, like the 60 %
 *   of sales made without a card.
 *
 * Only the lines that name an erased card are rewritten; every other byte
 * of the file stays as its writer wrote it.
 */
import { parse } from 'csv-parse/sync';
import { normaliseCardNumber, type ExportFileKind } from './export-files';

/** The column holding the card number, by kind of export. */
const CARD_COLUMN: Partial<Record<ExportFileKind, string>> = { till: 'LOYALTY_CARD_NO', members: 'CARD_NUMBER' };

export interface ErasedExport {
  /** The file's new content; the same string when nothing changed. */
  content: string;
  changed: boolean;
  /** The erased cards this file named. */
  cards: Set<string>;
}

const fieldsOf = (line: string): string[] =>
  (parse(line, { delimiter: ';', relax_quotes: true, relax_column_count: true, bom: true }) as string[][])[0] ?? [];

/** A field as an export writes it: double-quoted when it holds `;`, a quote or a line break. */
const quote = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The content of a `kind` export without the erased `cards` (normalised card numbers). */
export function eraseCardsFromExport(kind: ExportFileKind, content: string, cards: ReadonlySet<string>): ErasedExport {
  const column = CARD_COLUMN[kind];
  const found = new Set<string>();
  if (!column || cards.size === 0) return { content, changed: false, cards: found };
  const lines = content.split('\n');
  const headerAt = lines.findIndex((line) => line.trim() !== '');
  if (headerAt < 0) return { content, changed: false, cards: found };
  const header = fieldsOf(lines[headerAt]!.replace(/\r$/, '')).map((name) => name.trim().toUpperCase());
  const cardAt = header.indexOf(column);
  if (cardAt < 0) return { content, changed: false, cards: found };
  const out: string[] = lines.slice(0, headerAt + 1);
  for (const line of lines.slice(headerAt + 1)) {
    // Cheap test first: only a line whose text holds an erased card number is parsed.
    const squeezed = line.replace(/[\s-]/g, '').toUpperCase();
    if (![...cards].some((card) => squeezed.includes(card))) {
      out.push(line);
      continue;
    }
    const cr = line.endsWith('\r') ? '\r' : '';
    const fields = fieldsOf(line.slice(0, line.length - cr.length));
    const card = normaliseCardNumber(fields[cardAt] ?? '');
    if (!card || !cards.has(card)) {
      out.push(line);
      continue;
    }
    found.add(card);
    if (kind === 'members') continue;
    fields[cardAt] = '';
    out.push(fields.map(quote).join(';') + cr);
  }
  const next = out.join('\n');
  return { content: next, changed: next !== content, cards: found };
}
