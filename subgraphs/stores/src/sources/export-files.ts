/**
 * The till export folder's file formats (documented in
 * demo/sources/stores/README.md) and their parser. Pure: takes a file's name
 * and content, returns what it holds and a warning for every line it had to
 * skip, so that one bad line never costs the rest of the file.
 */
import { parse } from 'csv-parse/sync';

/** A store of the head office's store list (`STORES_<YYYYMMDD>.csv`). */
export interface StoreRow {
  code: string;
  name: string | null;
  city: string | null;
  country: string | null;
  timezone: string | null;
  currency: string | null;
}

/** A member row of the loyalty programme's export (`LOYALTY_MEMBERS_<YYYYMMDD>.csv`). */
export interface MemberRow {
  /** Upper case without spaces or dashes: the record's local id. */
  cardNumber: string;
  /** As the export writes it. */
  printedNumber: string;
  status: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  country: string | null;
  enrolmentStore: string | null;
  /** ISO-8601 UTC. */
  enrolledAt: string | null;
  /** ISO-8601 UTC, from `toISOString()` so that positions compare as strings. */
  updatedAt: string;
  tier: string | null;
  pointsBalance: number | null;
}

/** Amounts in minor units (cents): sums stay exact. */
export interface ReceiptLine {
  lineNumber: number;
  sku: string;
  description: string | null;
  quantity: number;
  unitPrice: number;
  discount: number;
  lineTotal: number;
}

/** A receipt of a till export: the rows sharing a receipt number. */
export interface Receipt {
  receiptNumber: string;
  storeCode: string;
  tillNumber: string;
  cashier: string | null;
  /** Store-local time with its offset, e.g. 2026-10-31T17:42:05+01:00. */
  purchasedAt: string;
  purchasedAtMs: number;
  /** Normalised card number, null for an anonymous sale. */
  cardNumber: string | null;
  currency: string;
  paymentMethod: string;
  lines: ReceiptLine[];
  /** Sum of the line totals, minor units. */
  total: number;
}

export type ExportFileKind = 'till' | 'members' | 'stores';

export interface ExportFileName {
  kind: ExportFileKind;
  /** YYYYMMDD: the business day of a till export, the export day otherwise. */
  date: string;
  /** Store code of a till export. */
  storeCode?: string;
}

export type ExportFile = ExportFileName & { name: string } & (
    | { kind: 'till'; receipts: Receipt[] }
    | { kind: 'members'; members: MemberRow[] }
    | { kind: 'stores'; stores: StoreRow[] }
  );

export interface ParseWarning {
  file: string;
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

const TILL_FILE = /^TILL_([A-Za-z0-9]+)_(\d{8})\.csv$/i;
const MEMBERS_FILE = /^LOYALTY_MEMBERS_(\d{8})\.csv$/i;
const STORES_FILE = /^STORES_(\d{8})\.csv$/i;

/** What a file name says about the file, or null for files that are not exports (temporary files, notes). */
export function exportFileName(name: string): ExportFileName | null {
  const till = TILL_FILE.exec(name);
  if (till) return { kind: 'till', storeCode: till[1]!.toUpperCase(), date: till[2]! };
  const members = MEMBERS_FILE.exec(name);
  if (members) return { kind: 'members', date: members[1]! };
  const stores = STORES_FILE.exec(name);
  if (stores) return { kind: 'stores', date: stores[1]! };
  return null;
}

const LOYALTY_CARD = /^[A-Z0-9]{6,24}$/;

/** Card number as a match key: upper case without spaces or dashes; null when it cannot be a card number. */
export function normaliseCardNumber(raw: string): string | null {
  const card = raw.replace(/[\s-]/g, '').toUpperCase();
  return LOYALTY_CARD.test(card) ? card : null;
}

/**
 * Amount in minor units. Tills write the decimal mark of their locale (a comma
 * in French, German and Spanish stores) and never group thousands, so either
 * mark is read as the decimal mark and anything else is refused.
 */
export function parseAmount(raw: string): number | null {
  const match = /^(-)?(\d+)(?:[.,](\d{1,2}))?$/.exec(raw.trim());
  if (!match) return null;
  const minor = Number(match[2]) * 100 + Number((match[3] ?? '0').padEnd(2, '0'));
  return match[1] ? -minor : minor;
}

/** Minor units as a decimal string with two places, e.g. -1250 → "-12.50". */
export function formatAmount(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A timestamp with its offset, normalised to `YYYY-MM-DDTHH:MM:SS±HH:MM`, and
 * its instant. A time without offset is refused unless `defaultOffset` says
 * which one to assume (the loyalty platform writes UTC).
 */
export function parseTimestamp(raw: string, defaultOffset?: string): { local: string; ms: number } | null {
  const match = TIMESTAMP.exec(raw.trim());
  if (!match) return null;
  const [, date, hm = '00:00', sec = ':00', rawOffset] = match;
  const offsetText = rawOffset ?? defaultOffset;
  if (!offsetText) return null;
  const offset = offsetText === 'Z' ? '+00:00' : offsetText.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const local = `${date}T${hm}${sec}${offset}`;
  const ms = Date.parse(local);
  // Some engines roll 2026-02-30 over to March: check that the calendar date survives.
  const day = Date.parse(`${date}T00:00:00Z`);
  if (!Number.isFinite(ms) || !Number.isFinite(day) || new Date(day).toISOString().slice(0, 10) !== date) return null;
  return { local, ms };
}

const TILL_COLUMNS = [
  'STORE_CODE',
  'TILL_NO',
  'RECEIPT_NO',
  'TXN_TIMESTAMP',
  'CASHIER_ID',
  'LOYALTY_CARD_NO',
  'LINE_NO',
  'SKU',
  'DESCRIPTION',
  'QTY',
  'UNIT_PRICE',
  'LINE_DISCOUNT',
  'LINE_TOTAL',
  'CURRENCY',
  'PAYMENT_METHOD',
] as const;

const MEMBER_COLUMNS = [
  'CARD_NUMBER',
  'CARD_STATUS',
  'FIRST_NAME',
  'LAST_NAME',
  'EMAIL',
  'PHONE',
  'COUNTRY',
  'ENROLMENT_STORE',
  'ENROLLED_AT',
  'UPDATED_AT',
  'TIER',
  'POINTS_BALANCE',
] as const;

const STORE_COLUMNS = ['STORE_CODE', 'STORE_NAME', 'CITY', 'COUNTRY', 'TIMEZONE', 'CURRENCY'] as const;

/** One CSV record with the line it starts on; `get` trims, `raw` keeps the value as written. */
interface Row<C extends string> {
  line: number;
  get(column: C): string;
  raw(column: C): string;
}

/** A required value that failed its check: the row is skipped with this message. */
class BadValue extends Error {}

/**
 * Reads a `;`-separated export with a header line. Malformed records are
 * skipped with a warning; a header missing a required column skips the file.
 */
function readRows<C extends string>(
  file: string,
  content: string,
  required: readonly C[],
  warnings: ParseWarning[],
): Row<C>[] {
  let header: string[] = [];
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(content, {
      bom: true,
      delimiter: ';',
      columns: (names: string[]) => (header = names.map((n) => n.trim().toUpperCase())),
      info: true,
      skip_empty_lines: true,
      // Descriptions such as `Frame 8" x 10"` carry bare quotes.
      relax_quotes: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        const line = typeof err?.lines === 'number' ? err.lines : 0;
        warnings.push({ file, line, message: `skipped malformed line: ${err?.message ?? 'unknown error'}` });
        return undefined;
      },
    }) as typeof records;
  } catch (err) {
    warnings.push({ file, line: 1, message: `unreadable file skipped: ${(err as Error).message}` });
    return [];
  }
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    if (header.length > 0 || records.length > 0) {
      warnings.push({
        file,
        line: 1,
        message: `file skipped: header lacks ${missing.join(', ')} (expected ${required.join(';')})`,
      });
    }
    return [];
  }
  return records.map(({ record, info }) => ({
    line: info.lines,
    raw: (column) => record[column] ?? '',
    get: (column) => (record[column] ?? '').trim(),
  }));
}

const orNull = (value: string): string | null => (value === '' ? null : value);

function required<C extends string>(row: Row<C>, column: C): string {
  const value = row.get(column);
  if (value === '') throw new BadValue(`${column} is empty`);
  return value;
}

function amount<C extends string>(row: Row<C>, column: C, emptyIsZero = false): number {
  const raw = row.get(column);
  if (raw === '' && emptyIsZero) return 0;
  const value = parseAmount(raw);
  if (value === null) throw new BadValue(`${column}: expected an amount like 12,50 or 12.50, received "${raw}"`);
  return value;
}

function integer<C extends string>(row: Row<C>, column: C): number {
  const raw = row.get(column);
  if (!/^-?\d+$/.test(raw)) throw new BadValue(`${column}: expected a whole number, received "${raw}"`);
  return Number(raw);
}

function timestamp<C extends string>(row: Row<C>, column: C, defaultOffset?: string) {
  const raw = row.get(column);
  const parsed = parseTimestamp(raw, defaultOffset);
  if (!parsed) {
    throw new BadValue(
      `${column}: expected an ISO-8601 time${defaultOffset ? '' : ' with its UTC offset'}, received "${raw}"`,
    );
  }
  return parsed;
}

/** Runs `read` on every row, dropping (with a warning) the rows it refuses. */
function eachRow<C extends string, T>(
  file: string,
  rows: Row<C>[],
  warnings: ParseWarning[],
  read: (row: Row<C>) => T,
): T[] {
  const out: T[] = [];
  for (const row of rows) {
    try {
      out.push(read(row));
    } catch (err) {
      if (!(err instanceof BadValue)) throw err;
      warnings.push({ file, line: row.line, message: `skipped line: ${err.message}` });
    }
  }
  return out;
}

function parseTill(file: string, content: string, warnings: ParseWarning[]): Receipt[] {
  const receipts = new Map<string, Receipt>();
  eachRow(file, readRows(file, content, TILL_COLUMNS, warnings), warnings, (row) => {
    const receiptNumber = required(row, 'RECEIPT_NO');
    const quantity = integer(row, 'QTY');
    const line: ReceiptLine = {
      lineNumber: integer(row, 'LINE_NO'),
      sku: required(row, 'SKU'),
      description: orNull(row.get('DESCRIPTION')),
      quantity,
      unitPrice: amount(row, 'UNIT_PRICE'),
      discount: amount(row, 'LINE_DISCOUNT', true),
      lineTotal: amount(row, 'LINE_TOTAL'),
    };
    const currency = required(row, 'CURRENCY').toUpperCase();
    let receipt = receipts.get(receiptNumber);
    if (!receipt) {
      const time = timestamp(row, 'TXN_TIMESTAMP');
      const keyedCard = row.get('LOYALTY_CARD_NO');
      const cardNumber = keyedCard === '' ? null : normaliseCardNumber(keyedCard);
      if (keyedCard !== '' && cardNumber === null) {
        // The sale happened; only the card was mistyped. Keep it, as an anonymous sale.
        warnings.push({ file, line: row.line, message: `LOYALTY_CARD_NO "${keyedCard}" is not a card number` });
      }
      receipt = {
        receiptNumber,
        storeCode: required(row, 'STORE_CODE').toUpperCase(),
        tillNumber: required(row, 'TILL_NO'),
        cashier: orNull(row.get('CASHIER_ID')),
        purchasedAt: time.local,
        purchasedAtMs: time.ms,
        cardNumber,
        currency,
        paymentMethod: required(row, 'PAYMENT_METHOD').toUpperCase(),
        lines: [],
        total: 0,
      };
      receipts.set(receiptNumber, receipt);
    } else if (receipt.currency !== currency) {
      throw new BadValue(`CURRENCY ${currency} differs from ${receipt.currency} on the receipt's first line`);
    }
    receipt.lines.push(line);
    receipt.total += line.lineTotal;
  });
  for (const receipt of receipts.values()) receipt.lines.sort((a, b) => a.lineNumber - b.lineNumber);
  return [...receipts.values()];
}

function parseMembers(file: string, content: string, warnings: ParseWarning[]): MemberRow[] {
  return eachRow(file, readRows(file, content, MEMBER_COLUMNS, warnings), warnings, (row) => {
    const printedNumber = required(row, 'CARD_NUMBER');
    const cardNumber = normaliseCardNumber(printedNumber);
    if (!cardNumber) throw new BadValue(`CARD_NUMBER: expected 6 to 24 letters or digits, received "${printedNumber}"`);
    const enrolled = row.get('ENROLLED_AT');
    const points = row.get('POINTS_BALANCE');
    return {
      cardNumber,
      printedNumber,
      status: (row.get('CARD_STATUS') || 'ACTIVE').toUpperCase(),
      // Contact values stay as typed: the identity graph normalises them.
      firstName: orNull(row.get('FIRST_NAME')),
      lastName: orNull(row.get('LAST_NAME')),
      email: row.get('EMAIL') === '' ? null : row.raw('EMAIL'),
      phone: orNull(row.get('PHONE')),
      country: orNull(row.get('COUNTRY').toUpperCase()),
      enrolmentStore: orNull(row.get('ENROLMENT_STORE').toUpperCase()),
      enrolledAt: enrolled === '' ? null : new Date(timestamp(row, 'ENROLLED_AT', 'Z').ms).toISOString(),
      updatedAt: new Date(timestamp(row, 'UPDATED_AT', 'Z').ms).toISOString(),
      tier: orNull(row.get('TIER').toUpperCase()),
      pointsBalance: points === '' ? null : integer(row, 'POINTS_BALANCE'),
    };
  });
}

function parseStores(file: string, content: string, warnings: ParseWarning[]): StoreRow[] {
  return eachRow(file, readRows(file, content, STORE_COLUMNS, warnings), warnings, (row) => ({
    code: required(row, 'STORE_CODE').toUpperCase(),
    name: orNull(row.get('STORE_NAME')),
    city: orNull(row.get('CITY')),
    country: orNull(row.get('COUNTRY').toUpperCase()),
    timezone: orNull(row.get('TIMEZONE')),
    currency: orNull(row.get('CURRENCY').toUpperCase()),
  }));
}

/** Parses one export file; null when the name is not an export's. */
export function parseExportFile(name: string, content: string): { file: ExportFile; warnings: ParseWarning[] } | null {
  const meta = exportFileName(name);
  if (!meta) return null;
  const warnings: ParseWarning[] = [];
  let file: ExportFile;
  switch (meta.kind) {
    case 'till':
      file = { ...meta, name, kind: 'till', receipts: parseTill(name, content, warnings) };
      break;
    case 'members':
      file = { ...meta, name, kind: 'members', members: parseMembers(name, content, warnings) };
      break;
    case 'stores':
      file = { ...meta, name, kind: 'stores', stores: parseStores(name, content, warnings) };
      break;
  }
  // csv-parse reports broken records as it meets them, the value checks come after: put them back in line order.
  return { file, warnings: warnings.sort((a, b) => a.line - b.line) };
}
