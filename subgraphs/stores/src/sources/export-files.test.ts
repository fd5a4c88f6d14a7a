import {
  exportFileName,
  formatAmount,
  normaliseCardNumber,
  parseAmount,
  parseExportFile,
  parseTimestamp,
  type ExportFile,
} from './export-files';
import { ExportIndex } from './export-index';

/** Pure parsing and indexing: no folder, no services. */

const TILL_HEADER =
  'STORE_CODE;TILL_NO;RECEIPT_NO;TXN_TIMESTAMP;CASHIER_ID;LOYALTY_CARD_NO;LINE_NO;SKU;DESCRIPTION;QTY;UNIT_PRICE;LINE_DISCOUNT;LINE_TOTAL;CURRENCY;PAYMENT_METHOD';
const MEMBER_HEADER =
  'CARD_NUMBER;CARD_STATUS;FIRST_NAME;LAST_NAME;EMAIL;PHONE;COUNTRY;ENROLMENT_STORE;ENROLLED_AT;UPDATED_AT;TIER;POINTS_BALANCE';

/** A Windows till's file: byte-order mark and CRLF. */
const tillFile = (...lines: string[]) => `\ufeff${[TILL_HEADER, ...lines].join('\r\n')}\r\n`;
const memberFile = (...lines: string[]) => `${[MEMBER_HEADER, ...lines].join('\n')}\n`;

function parsed(name: string, content: string) {
  const result = parseExportFile(name, content);
  if (!result) throw new Error(`${name} is not an export`);
  return result;
}

describe('export file names', () => {
  it('recognises the three exports and nothing else', () => {
    expect(exportFileName('TILL_PAR01_20261030.csv')).toEqual({ kind: 'till', storeCode: 'PAR01', date: '20261030' });
    expect(exportFileName('till_par01_20261030.CSV')).toEqual({ kind: 'till', storeCode: 'PAR01', date: '20261030' });
    expect(exportFileName('LOYALTY_MEMBERS_20261030.csv')).toEqual({ kind: 'members', date: '20261030' });
    expect(exportFileName('STORES_20261030.csv')).toEqual({ kind: 'stores', date: '20261030' });
    for (const other of ['.TILL_PAR01_20261030.csv.tmp', 'TILL_PAR01_2026-10-30.csv', 'README.txt', 'TILL_PAR01.csv']) {
      expect(exportFileName(other)).toBeNull();
    }
    expect(parseExportFile('notes.csv', 'a;b')).toBeNull();
  });
});

describe('values', () => {
  it('reads amounts with either decimal mark, and refuses grouped or malformed ones', () => {
    expect(parseAmount('8,90')).toBe(890);
    expect(parseAmount('8.90')).toBe(890);
    expect(parseAmount('12,5')).toBe(1250);
    expect(parseAmount('7')).toBe(700);
    expect(parseAmount('-3,50')).toBe(-350);
    for (const bad of ['1.234,50', '1,234', '12,345', 'abc', '', '8,9O', '€8,90']) expect(parseAmount(bad)).toBeNull();
    expect([formatAmount(1691), formatAmount(5), formatAmount(-350), formatAmount(0)]).toEqual([
      '16.91',
      '0.05',
      '-3.50',
      '0.00',
    ]);
  });

  it('reads local times with their offset, and refuses times it cannot place', () => {
    expect(parseTimestamp('2026-10-30T17:42:05+01:00')).toEqual({
      local: '2026-10-30T17:42:05+01:00',
      ms: Date.parse('2026-10-30T16:42:05Z'),
    });
    expect(parseTimestamp('2026-10-30 09:42:05 -0700')?.local).toBe('2026-10-30T09:42:05-07:00');
    expect(parseTimestamp('2026-10-30T16:42:05Z')?.local).toBe('2026-10-30T16:42:05+00:00');
    // No offset: a wall time is two instants on a DST night, so it needs a stated default.
    expect(parseTimestamp('2026-10-30T17:42:05')).toBeNull();
    expect(parseTimestamp('2026-10-30T17:42:05', 'Z')?.ms).toBe(Date.parse('2026-10-30T17:42:05Z'));
    expect(parseTimestamp('2024-06-01', 'Z')?.ms).toBe(Date.parse('2024-06-01T00:00:00Z'));
    for (const bad of ['2026-02-30T10:00:00+01:00', '2026-10-30T25:00:00+01:00', '30/10/2026 17:42', 'yesterday']) {
      expect(parseTimestamp(bad, 'Z')).toBeNull();
    }
  });

  it('normalises card numbers the way the identity graph does', () => {
    expect(normaliseCardNumber('2 901234 567897')).toBe('2901234567897');
    expect(normaliseCardNumber('fr-1234-5678')).toBe('FR12345678');
    expect(normaliseCardNumber('2901-2345-6789-7')).toBe('2901234567897');
    for (const bad of ['abc', '12345', 'FR/1234/5678', '']) expect(normaliseCardNumber(bad)).toBeNull();
  });
});

describe('till exports', () => {
  it('groups lines into receipts, in the store decimal convention, anonymous sales included', () => {
    const { file, warnings } = parsed(
      'TILL_PAR01_20261030.csv',
      tillFile(
        'PAR01;02;PAR01-02-20261030-0007;2026-10-30T17:42:05+01:00;4821;2 901234 567897;2;HL-10624;Carte de vœux;1;3,50;;3,50;EUR;card',
        'PAR01;02;PAR01-02-20261030-0007;2026-10-30T17:42:05+01:00;4821;2 901234 567897;1;HL-10021;Mug en grès;2;8,90;0,89;16,91;EUR;card',
        '',
        'PAR01;03;PAR01-03-20261030-0012;2026-10-30T18:03:44+01:00;5137;;1;HL-10310;Cadre 13x18 "Classique";1;9,90;0,00;9,90;EUR;CASH',
      ),
    );
    expect(warnings).toEqual([]);
    expect(file).toEqual({
      kind: 'till',
      name: 'TILL_PAR01_20261030.csv',
      storeCode: 'PAR01',
      date: '20261030',
      receipts: [
        {
          receiptNumber: 'PAR01-02-20261030-0007',
          storeCode: 'PAR01',
          tillNumber: '02',
          cashier: '4821',
          purchasedAt: '2026-10-30T17:42:05+01:00',
          purchasedAtMs: Date.parse('2026-10-30T16:42:05Z'),
          cardNumber: '2901234567897',
          currency: 'EUR',
          paymentMethod: 'CARD',
          lines: [
            {
              lineNumber: 1,
              sku: 'HL-10021',
              description: 'Mug en grès',
              quantity: 2,
              unitPrice: 890,
              discount: 89,
              lineTotal: 1691,
            },
            {
              lineNumber: 2,
              sku: 'HL-10624',
              description: 'Carte de vœux',
              quantity: 1,
              unitPrice: 350,
              discount: 0,
              lineTotal: 350,
            },
          ],
          total: 2041,
        },
        {
          receiptNumber: 'PAR01-03-20261030-0012',
          storeCode: 'PAR01',
          tillNumber: '03',
          cashier: '5137',
          purchasedAt: '2026-10-30T18:03:44+01:00',
          purchasedAtMs: Date.parse('2026-10-30T17:03:44Z'),
          cardNumber: null,
          currency: 'EUR',
          paymentMethod: 'CASH',
          lines: [
            {
              lineNumber: 1,
              sku: 'HL-10310',
              description: 'Cadre 13x18 "Classique"',
              quantity: 1,
              unitPrice: 990,
              discount: 0,
              lineTotal: 990,
            },
          ],
          total: 990,
        },
      ],
    });
  });

  it('skips malformed lines with a warning naming file and line, and keeps the rest', () => {
    const { file, warnings } = parsed(
      'TILL_NYC01_20261030.csv',
      tillFile(
        'NYC01;01;NYC01-01-20261030-0001;2026-10-30T10:00:00-04:00;1001;;1;HL-10021;Stoneware mug;1;9.50;0.00;9.50;USD;CARD',
        'NYC01;01;NYC01-01-20261030-0002;2026-10-30T10:05:00-04:00;1001;;1;HL-10021;Stoneware mug;1',
        'NYC01;01;NYC01-01-20261030-0003;2026-10-30T10:10:00;1001;;1;HL-10021;Stoneware mug;1;9.50;0.00;9.50;USD;CARD',
        'NYC01;01;NYC01-01-20261030-0004;2026-10-30T10:15:00-04:00;1001;;1;HL-10021;Stoneware mug;one;9.50;0.00;9.50;USD;CARD',
        'NYC01;01;NYC01-01-20261030-0005;2026-10-30T10:20:00-04:00;1001;;1;HL-10021;Stoneware mug;1;1,234.00;0.00;9.50;USD;CARD',
        'NYC01;02;NYC01-02-20261030-0001;2026-10-30T11:00:00-04:00;1002;n/a;1;HL-10533;LED bulb E27;2;6.50;0.00;13.00;USD;CASH',
      ),
    );
    expect(warnings).toEqual([
      { file: 'TILL_NYC01_20261030.csv', line: 3, message: expect.stringContaining('skipped malformed line') },
      {
        file: 'TILL_NYC01_20261030.csv',
        line: 4,
        message: expect.stringContaining('TXN_TIMESTAMP: expected an ISO-8601 time with its UTC offset'),
      },
      {
        file: 'TILL_NYC01_20261030.csv',
        line: 5,
        message: 'skipped line: QTY: expected a whole number, received "one"',
      },
      { file: 'TILL_NYC01_20261030.csv', line: 6, message: expect.stringContaining('UNIT_PRICE') },
      { file: 'TILL_NYC01_20261030.csv', line: 7, message: 'LOYALTY_CARD_NO "n/a" is not a card number' },
    ]);
    expect(file.kind === 'till' && file.receipts.map((r) => [r.receiptNumber, r.cardNumber, r.total])).toEqual([
      ['NYC01-01-20261030-0001', null, 950],
      // The sale stands; only its card could not be read.
      ['NYC01-02-20261030-0001', null, 1300],
    ]);
  });

  it('skips a file whose header lacks a required column, with one warning', () => {
    const { file, warnings } = parsed('TILL_PAR01_20261030.csv', 'STORE;RECEIPT;AMOUNT\nPAR01;1;8,90\n');
    expect(file.kind === 'till' && file.receipts).toEqual([]);
    expect(warnings).toEqual([
      {
        file: 'TILL_PAR01_20261030.csv',
        line: 1,
        message: expect.stringMatching(/^file skipped: header lacks STORE_CODE, TILL_NO/),
      },
    ]);
    // A till that sold nothing writes a header only, or an empty file: nothing to say about it.
    expect(parsed('TILL_PAR01_20261031.csv', '').warnings).toEqual([]);
    expect(parsed('TILL_PAR01_20261101.csv', tillFile()).warnings).toEqual([]);
  });
});

describe('member exports', () => {
  it('keeps contact values as typed and normalises only the card number', () => {
    const { file, warnings } = parsed(
      'LOYALTY_MEMBERS_20261030.csv',
      memberFile(
        '2 901234 567897;;Élodie;MARTIN;Elodie.Martin@orange.fr ;06 12 34 56 78;fr;par01;2024-03-02T10:15:00Z;2026-10-30T16:42:05+01:00;silver;312',
        'fr-1234-5678;REPLACED;;;;;;;2022-01-05;2024-03-02T10:15:00Z;;',
        'n/a;ACTIVE;Bob;Smith;;;;;2024-01-01;2024-01-01;;',
        '2900000000017;ACTIVE;Ann;Lee;;;US;NYC01;2024-01-01;last week;;',
      ),
    );
    expect(file.kind === 'members' && file.members).toEqual([
      {
        cardNumber: '2901234567897',
        printedNumber: '2 901234 567897',
        status: 'ACTIVE',
        firstName: 'Élodie',
        lastName: 'MARTIN',
        email: 'Elodie.Martin@orange.fr ',
        phone: '06 12 34 56 78',
        country: 'FR',
        enrolmentStore: 'PAR01',
        enrolledAt: '2024-03-02T10:15:00.000Z',
        updatedAt: '2026-10-30T15:42:05.000Z',
        tier: 'SILVER',
        pointsBalance: 312,
      },
      {
        cardNumber: 'FR12345678',
        printedNumber: 'fr-1234-5678',
        status: 'REPLACED',
        firstName: null,
        lastName: null,
        email: null,
        phone: null,
        country: null,
        enrolmentStore: null,
        enrolledAt: '2022-01-05T00:00:00.000Z',
        updatedAt: '2024-03-02T10:15:00.000Z',
        tier: null,
        pointsBalance: null,
      },
    ]);
    expect(warnings).toEqual([
      {
        file: 'LOYALTY_MEMBERS_20261030.csv',
        line: 4,
        message: 'skipped line: CARD_NUMBER: expected 6 to 24 letters or digits, received "n/a"',
      },
      {
        file: 'LOYALTY_MEMBERS_20261030.csv',
        line: 5,
        message: 'skipped line: UPDATED_AT: expected an ISO-8601 time, received "last week"',
      },
    ]);
  });
});

describe('ExportIndex', () => {
  const files = (...list: Array<[string, string]>): ExportFile[] =>
    list.map(([name, content]) => parsed(name, content).file);

  it('lets a later member export supersede earlier rows of the same card, whatever the order it was read in', () => {
    const index = ExportIndex.build(
      files(
        [
          'LOYALTY_MEMBERS_20261002.csv',
          memberFile(
            '2901234567897;ACTIVE;Élodie;Martin;elodie@orange.fr;;FR;PAR01;2024-03-02;2026-10-02T08:00:00Z;;330',
          ),
        ],
        [
          'LOYALTY_MEMBERS_20261001.csv',
          memberFile(
            '2 901234 567897;ACTIVE;Élodie;MARTIN;;06 12 34 56 78;FR;PAR01;2024-03-02;2026-09-30T16:00:00Z;;312',
            '2900000000017;ACTIVE;Ann;Lee;;;US;NYC01;2024-01-01;2026-09-15T12:00:00Z;;40',
          ),
        ],
      ),
    );
    expect(index.card('2901234567897').member).toMatchObject({
      lastName: 'Martin',
      email: 'elodie@orange.fr',
      phone: null,
    });
    expect(index.card('2900000000017').member).toMatchObject({ firstName: 'Ann' });
    expect(index.card('2999999999999')).toEqual({ cardNumber: '2999999999999', member: null, receipts: [] });
  });

  it('lists a card’s receipts newest first, and the members in feed order after a watermark', () => {
    const index = ExportIndex.build(
      files(
        [
          'TILL_PAR01_20261001.csv',
          tillFile(
            'PAR01;01;R-1;2026-10-01T10:00:00+02:00;1;2900000000017;1;S;D;1;1,00;;1,00;EUR;CASH',
            'PAR01;01;R-3;2026-10-01T12:00:00+02:00;1;2900000000017;1;S;D;1;3,00;;3,00;EUR;CASH',
          ),
        ],
        [
          'TILL_NYC01_20261001.csv',
          tillFile('NYC01;01;R-2;2026-10-01T05:30:00-04:00;1;2900000000017;1;S;D;1;2.00;;2.00;USD;CASH'),
        ],
        [
          'LOYALTY_MEMBERS_20261001.csv',
          memberFile(
            '2900000000024;ACTIVE;;;;;;;2024-01-01;2026-09-15T12:00:00Z;;',
            '2900000000017;ACTIVE;;;;;;;2024-01-01;2026-09-15T12:00:00Z;;',
            '2900000000031;ACTIVE;;;;;;;2024-01-01;2026-09-01T12:00:00Z;;',
          ),
        ],
      ),
    );
    // 12:00 in Paris (10:00 UTC) > 05:30 in New York (09:30 UTC) > 10:00 in Paris (08:00 UTC).
    expect(index.card('2900000000017').receipts.map((r) => r.receiptNumber)).toEqual(['R-3', 'R-2', 'R-1']);
    const cards = (after: { updatedAt: string; localId: string } | null, limit = 10) =>
      index.changedAfter(after, limit).map((m) => m.cardNumber);
    expect(cards(null)).toEqual(['2900000000031', '2900000000017', '2900000000024']);
    expect(cards(null, 2)).toEqual(['2900000000031', '2900000000017']);
    expect(cards({ updatedAt: '2026-09-15T12:00:00.000Z', localId: '2900000000017' })).toEqual(['2900000000024']);
    expect(cards({ updatedAt: '2026-09-15T12:00:00.000Z', localId: '2900000000024' })).toEqual([]);
  });
});
