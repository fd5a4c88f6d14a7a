import { candidatesOf, goldenProfile, normalizeEmail, normalizePhone } from './golden';
import { DEFAULT_RULES } from './rules';

const options = { defaultPhoneRegion: 'FR' };

describe('golden record', () => {
  it('normalises contact points so that spellings of one value compare equal', () => {
    expect(normalizeEmail('  Ann.Smith@Example.COM ')).toBe('ann.smith@example.com');
    expect(normalizeEmail('not an email')).toBeNull();
    expect(normalizePhone('06 12 34 56 78', null, 'FR')).toBe('+33612345678');
    expect(normalizePhone('07911 123456', 'GB', 'FR')).toBe('+447911123456');
    expect(normalizePhone('12', null, 'FR')).toBeNull();
  });

  it('reads a number again the same way, and with its own region: the memo is per number and region', () => {
    expect(normalizePhone('06 12 34 56 78', null, 'FR')).toBe('+33612345678');
    expect(normalizePhone('06 12 34 56 78', null, 'FR')).toBe('+33612345678');
    expect(normalizePhone('07911 123456', 'gb', 'FR')).toBe('+447911123456');
    expect(normalizePhone('07911 123456', null, 'FR')).toBeNull();
    expect(normalizePhone('12', null, 'FR')).toBeNull();
  });

  it('ignores names a help desk makes up for unknown callers, and folds case for frequency', () => {
    const c = candidatesOf(
      {
        id: 'c',
        helpDeskUsers: [{ id: '1', name: 'Caller +33 6 12 34 56 78', updatedAt: null }],
        loyaltyCards: [{ cardNumber: 'A', firstName: 'ANN', lastName: 'SMITH', updatedAt: '2024-01-01T00:00:00Z' }],
        shopAccounts: [{ accountId: '1', firstName: 'Ann', lastName: 'Smith', updatedAt: '2023-01-01T00:00:00Z' }],
      },
      options,
    );
    expect(c.NAME.map((n) => [n.system, n.key])).toEqual([
      ['commerce', 'ann smith'],
      ['stores', 'ann smith'],
    ]);
  });

  it('keeps every contact point, the golden one first and marked, and says when sources agree', () => {
    const profile = goldenProfile(
      {
        id: 'c',
        shopAccounts: [{ accountId: '1', email: 'A@x.com', country: 'GB', updatedAt: '2024-01-01T00:00:00Z' }],
        helpDeskUsers: [{ id: '9', email: 'a@x.com', locale: 'en-gb', updatedAt: '2025-01-01T00:00:00Z' }],
        crmContacts: [{ contactId: 'C', workEmail: 'b@y.com', updatedAt: '2020-01-01T00:00:00Z' }],
      },
      DEFAULT_RULES,
      options,
    );
    expect(profile.email).toMatchObject({ value: 'a@x.com', decidedBy: 'MOST_RECENT', lineage: { system: 'support' } });
    expect(profile.emails).toEqual([
      {
        value: 'a@x.com',
        best: true,
        sources: [
          { system: 'support', localId: '9', updatedAt: '2025-01-01T00:00:00Z' },
          { system: 'commerce', localId: '1', updatedAt: '2024-01-01T00:00:00Z' },
        ],
      },
      { value: 'b@y.com', best: false, sources: [{ system: 'crm', localId: 'C', updatedAt: '2020-01-01T00:00:00Z' }] },
    ]);
    expect(profile.language).toMatchObject({ value: 'en-GB', decidedBy: 'UNANIMOUS' });
    expect(profile.postalAddress?.value).toEqual({ street: null, city: null, postcode: null, country: 'GB' });
  });

  it('follows the rule it is given: source priority over recency', () => {
    const customer = {
      id: 'c',
      shopAccounts: [{ accountId: '1', email: 'new@x.com', updatedAt: '2025-01-01T00:00:00Z' }],
      crmContacts: [{ contactId: 'C', personalEmail: 'old@x.com', updatedAt: '2020-01-01T00:00:00Z' }],
    };
    expect(goldenProfile(customer, DEFAULT_RULES, options).email?.value).toBe('new@x.com');
    const crmFirst = { ...DEFAULT_RULES, EMAIL: { strategies: ['SOURCE_PRIORITY' as const], sourcePriority: ['crm'] } };
    expect(goldenProfile(customer, crmFirst, options).email).toMatchObject({
      value: 'old@x.com',
      decidedBy: 'SOURCE_PRIORITY',
      lineage: { system: 'crm', localId: 'C' },
    });
  });
});
