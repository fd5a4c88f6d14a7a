import type { RawValues } from './attributes';
import { normalizeCountry } from './countries';
import { formatDate, parseDate } from './dates';
import { nicknameGroups, shareGroup } from './nicknames';
import { normalizeEmail, normalizePostcode, normalizeRecord, normalizeStreet } from './normalize';
import { foldText } from './text';

const normalize = (values: RawValues, options = {}) => normalizeRecord({ source: 0, id: 'r1', values }, 0, options);

describe('foldText', () => {
  it.each([
    ['  Jean-Luc  DUPONT ', 'jean luc dupont'],
    ['Müller', 'muller'],
    ['Straße', 'strasse'],
    ['Łukasz Øberg', 'lukasz oberg'],
    ["O'Brien", 'obrien'],
    ['García-López, María', 'garcia lopez maria'],
    ['Ç@ça!', 'c ca'],
  ])('folds %p to %p', (raw, expected) => {
    expect(foldText(raw)).toBe(expected);
  });
});

describe('parseDate', () => {
  it.each([
    ['1980-03-12', '1980-03-12'],
    ['1980-03-12T00:00:00Z', '1980-03-12'],
    ['1980/3/12', '1980-03-12'],
    ['19800312', '1980-03-12'],
    ['12/03/1980', '1980-03-12'],
    ['12-03-1980', '1980-03-12'],
    ['12.03.1980', '1980-03-12'],
    ['12 March 1980', '1980-03-12'],
    ['12 Mar 1980', '1980-03-12'],
    ['March 12, 1980', '1980-03-12'],
    ['12-Mar-1980', '1980-03-12'],
    ['12th March 1980', '1980-03-12'],
    ['1er mars 1980', '1980-03-01'],
    ['12 mars 1980', '1980-03-12'],
    ['12. März 1980', '1980-03-12'],
    ['12 de marzo de 1980', '1980-03-12'],
    // Day first when ambiguous; month first when only that makes a date.
    ['03/04/1980', '1980-04-03'],
    ['03/25/1980', '1980-03-25'],
    ['29/02/1980', '1980-02-29'],
  ])('reads %p as %p', (raw, expected) => {
    const date = parseDate(raw);
    expect(date && formatDate(date)).toBe(expected);
  });

  it('reads ambiguous numeric dates month first when told to', () => {
    expect(formatDate(parseDate('03/04/1980', 'MDY')!)).toBe('1980-03-04');
    expect(formatDate(parseDate('25/03/1980', 'MDY')!)).toBe('1980-03-25');
  });

  it.each([
    '31/02/1980',
    '1980-13-01',
    '29/02/1981',
    '12/03/80',
    '12/1980',
    'next tuesday',
    '12 Smarch 1980',
    '1700-01-01',
    '',
  ])('refuses %p', (raw) => {
    expect(parseDate(raw)).toBeNull();
  });
});

describe('nicknames', () => {
  it('puts a formal name and its diminutives in one group', () => {
    expect(shareGroup(nicknameGroups('robert'), nicknameGroups('bob'))).toBe(true);
    expect(shareGroup(nicknameGroups('peggy'), nicknameGroups('maggie'))).toBe(true);
    expect(shareGroup(nicknameGroups('francisco'), nicknameGroups('paco'))).toBe(true);
  });

  it('keeps names that only share a diminutive apart, and knows nothing of unknown names', () => {
    expect(shareGroup(nicknameGroups('samuel'), nicknameGroups('samantha'))).toBe(false);
    expect(shareGroup(nicknameGroups('sam'), nicknameGroups('samantha'))).toBe(true);
    expect(shareGroup(nicknameGroups('john'), nicknameGroups('jean'))).toBe(false);
    expect(nicknameGroups('zebulon')).toEqual([]);
  });
});

describe('normalizeRecord', () => {
  it('folds names, drops titles and suffixes, and builds the full name from its parts', () => {
    const { record } = normalize({ given_name: 'Dr. Jean-Luc', family_name: 'Dupont Jr.' });
    expect(record.given).toMatchObject({ text: 'jean luc', words: ['jean', 'luc'], compact: 'jeanluc' });
    expect(record.family).toMatchObject({ text: 'dupont', compact: 'dupont', codes: ['TPNT', 'TPNT'] });
    expect(record.full).toMatchObject({ text: 'jean luc dupont' });
    expect(record.fullDerived).toBe(true);
  });

  it('normalises phones to E.164, reading national numbers in the record country, else the default region', () => {
    expect(normalize({ phone: '06 12 34 56 78', country: 'France' }).record.phone).toBe('+33612345678');
    expect(normalize({ phone: '07911 123456', country: 'UK' }).record.phone).toBe('+447911123456');
    expect(normalize({ phone: '0151 23456789', country: 'Deutschland' }).record.phone).toBe('+4915123456789');
    expect(normalize({ phone: '(415) 555-2671', country: 'us' }).record.phone).toBe('+14155552671');
    expect(normalize({ phone: '0044 7911 123456' }).record.phone).toBe('+447911123456');
    expect(normalize({ phone: '0034 605 24 64 09', country: 'US' }).record.phone).toBe('+34605246409');
    expect(normalize({ phone: '07911 123456' }, { defaultRegion: 'GB' }).record.phone).toBe('+447911123456');
  });

  it('lower-cases emails and keeps the local part without its +tag', () => {
    expect(normalizeEmail('  Jean.Dupont+Shop@Gmail.COM ')).toEqual({
      value: 'jean.dupont+shop@gmail.com',
      local: 'jean.dupont',
      domain: 'gmail.com',
    });
    expect(normalizeEmail('no-at-sign')).toBeNull();
  });

  it('spells out street abbreviations and normalises postcodes and countries', () => {
    expect(normalizeStreet('10 Baker St.')).toBe('10 baker street');
    expect(normalizeStreet('Hauptstr. 5')).toBe('hauptstrasse 5');
    expect(normalizeStreet('Hauptstraße 5')).toBe('hauptstrasse 5');
    expect(normalizeStreet('C/ Mayor 3')).toBe('calle mayor 3');
    expect(normalizePostcode('nw1 6xe')).toBe('NW16XE');
    expect(normalizePostcode('62704-1234')).toBe('62704');
    expect(normalizeCountry('Royaume-Uni')).toBe('GB');
    expect(normalizeCountry('España')).toBe('ES');
    expect(normalizeCountry('de')).toBe('DE');
    expect(normalizeCountry('Atlantis')).toBeNull();
  });

  it('parses the date of birth, and keeps an unreadable one as text with a non-fatal issue', () => {
    expect(normalize({ date_of_birth: '12 March 1980' }).record.dob).toEqual({ year: 1980, month: 3, day: 12 });
    expect(normalize({ date_of_birth: '12 March 1980' }).record.dobText).toBeNull();
    const { record, issues } = normalize({ date_of_birth: '31/02/1980' });
    expect(record.dob).toBeNull();
    expect(record.dobText).toBe('31021980');
    expect(issues).toEqual([
      {
        attribute: 'date_of_birth',
        fatal: false,
        message:
          'expected a date such as 1980-03-12, 12/03/1980, 19800312 or 12 March 1980, received "31/02/1980"; kept as text',
      },
    ]);
  });

  it('drops unusable values and placeholders with a non-fatal issue', () => {
    const { record, issues } = normalize({ email: 'test@test.com', phone: '12', country: 'Atlantis' });
    expect([record.email, record.phone, record.country]).toEqual([null, null, null]);
    expect(issues.map((i) => [i.attribute, i.fatal])).toEqual([
      ['country', false],
      ['email', false],
      ['phone', false],
    ]);
  });

  it('treats blank values as unknown and normalises identifiers exactly', () => {
    const { record, issues } = normalize({ given_name: '  ', email: '', loyalty_card: ' 1234-5678 ', device: 'AB-CD' });
    expect([record.given, record.email, record.full]).toEqual([null, null, null]);
    expect(record.identifiers).toEqual({ loyalty_card: '12345678', device: 'ab-cd', cookie: null });
    expect(issues).toEqual([]);
  });
});
