import { parseExportFile } from './export-files';
import { eraseCardsFromExport } from './export-erasure';

const MEMBERS = [
  'CARD_NUMBER;CARD_STATUS;FIRST_NAME;LAST_NAME;EMAIL;PHONE;COUNTRY;ENROLMENT_STORE;ENROLLED_AT;UPDATED_AT;TIER;POINTS_BALANCE',
  'FR 1234 5678;active;Anne;Martin;anne@example.fr;06 12 34 56 78;FR;PAR01;2024-01-02T10:00:00Z;2026-10-01T10:00:00Z;gold;120',
  'FR 9999 0000;active;Jean;Dupont;jean@example.fr;;FR;PAR01;2024-01-02T10:00:00Z;2026-10-01T10:00:00Z;silver;10',
  '',
].join('\r\n');

const TILL = [
  'STORE_CODE;TILL_NO;RECEIPT_NO;TXN_TIMESTAMP;CASHIER_ID;LOYALTY_CARD_NO;LINE_NO;SKU;DESCRIPTION;QTY;UNIT_PRICE;LINE_DISCOUNT;LINE_TOTAL;CURRENCY;PAYMENT_METHOD',
  'PAR01;1;R-1;2026-10-30T10:00:00+01:00;C1;FR-1234-5678;1;SKU1;"Frame 8"" x 10""";1;12,50;0;12,50;EUR;card',
  'PAR01;1;R-2;2026-10-30T11:00:00+01:00;C1;FR 9999 0000;1;SKU2;Mug;2;5,00;0;10,00;EUR;cash',
  'PAR01;1;R-3;2026-10-30T12:00:00+01:00;C1;;1;SKU3;Pen;1;1,00;0;1,00;EUR;cash',
].join('\n');

describe('eraseCardsFromExport', () => {
  it('drops every member row of an erased card, whatever its spelling, and leaves the other lines byte for byte', () => {
    const result = eraseCardsFromExport('members', MEMBERS, new Set(['FR12345678']));
    expect(result.changed).toBe(true);
    expect([...result.cards]).toEqual(['FR12345678']);
    const lines = MEMBERS.split('\r\n');
    expect(result.content).toBe([lines[0], lines[2], ''].join('\r\n'));
  });

  it('keeps the receipts of an erased card as anonymous sales, quoting fields as an export writes them', () => {
    const result = eraseCardsFromExport('till', TILL, new Set(['FR12345678']));
    const parsed = parseExportFile('TILL_PAR01_20261030.csv', result.content)!;
    expect(parsed.warnings).toEqual([]);
    const receipts = (
      parsed.file as {
        receipts: { receiptNumber: string; cardNumber: string | null; lines: { description: string | null }[] }[];
      }
    ).receipts;
    expect(receipts.map((r) => [r.receiptNumber, r.cardNumber])).toEqual([
      ['R-1', null],
      ['R-2', 'FR99990000'],
      ['R-3', null],
    ]);
    expect(receipts[0]!.lines[0]!.description).toBe('Frame 8" x 10"');
    expect(result.content.split('\n').slice(2)).toEqual(TILL.split('\n').slice(2));
  });

  it('changes nothing when no line names an erased card (a retried erasure)', () => {
    expect(eraseCardsFromExport('till', TILL, new Set(['DE00000000']))).toEqual({
      content: TILL,
      changed: false,
      cards: new Set(),
    });
    expect(eraseCardsFromExport('stores', 'STORE_CODE;STORE_NAME\nPAR01;Paris', new Set(['FR12345678'])).changed).toBe(
      false,
    );
  });
});
