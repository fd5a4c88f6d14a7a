import {
  computeKpis,
  computeKpisFromTotals,
  DEFAULT_RFM,
  fromCents,
  kpiTotalsOf,
  toCents,
  UnknownCurrencyError,
  type KpiOptions,
} from './kpis';

const options: KpiOptions = {
  now: new Date('2026-11-01T00:00:00Z'),
  reportingCurrency: 'EUR',
  rates: { GBP: 1.2, USD: 0.9 },
  rfm: DEFAULT_RFM,
};
const none = { openSupportTickets: 0, lastNps: null, lastWebVisitAt: null };

describe('computeKpis', () => {
  it('adds online and in-store purchases in one reporting currency, in exact cents', () => {
    const kpis = computeKpis(
      {
        ...none,
        purchases: [
          { channel: 'ONLINE', at: '2026-10-02T10:00:00Z', total: { amount: '0.10', currency: 'EUR' } },
          { channel: 'STORE', at: '2026-09-01T10:00:00Z', total: { amount: '0.20', currency: 'EUR' } },
          { channel: 'STORE', at: '2024-01-01T10:00:00Z', total: { amount: '100.00', currency: 'GBP' } },
        ],
      },
      options,
    );
    expect(kpis).toMatchObject({
      orderCount: 3,
      onlineOrderCount: 1,
      storePurchaseCount: 2,
      // 0.10 + 0.20 + 100 GBP × 1.2, with no float drift.
      totalSpent: { amount: '120.30', currency: 'EUR' },
      spentByCurrency: [
        { amount: '0.30', currency: 'EUR' },
        { amount: '100.00', currency: 'GBP' },
      ],
      spentLast12Months: { amount: '0.30', currency: 'EUR' },
      averageBasket: { amount: '40.10', currency: 'EUR' },
      firstPurchaseAt: '2024-01-01T10:00:00.000Z',
      lastPurchaseAt: '2026-10-02T10:00:00.000Z',
      daysSinceLastPurchase: 29,
      recencyScore: 5,
      frequencyScore: 2,
      monetaryScore: 1,
    });
  });

  it('computes the same KPIs from the totals a source pushes down as from its purchase list', () => {
    const purchases = [
      { channel: 'ONLINE' as const, at: '2026-10-02T10:00:00Z', total: { amount: '0.05', currency: 'USD' } },
      { channel: 'ONLINE' as const, at: '2025-11-01T00:00:00Z', total: { amount: '0.05', currency: 'USD' } },
      { channel: 'STORE' as const, at: '2025-10-31T23:59:59Z', total: { amount: '19.99', currency: 'EUR' } },
    ];
    // As the shop and the stores aggregate them: per channel and currency, the window starting 365 days before now.
    const totals = {
      online: [
        {
          currency: 'USD',
          count: 2,
          cents: 10,
          countSince: 2,
          centsSince: 10,
          firstAt: '2025-11-01T00:00:00.000Z',
          lastAt: '2026-10-02T10:00:00.000Z',
        },
      ],
      store: [
        {
          currency: 'EUR',
          count: 1,
          cents: 1999,
          countSince: 0,
          centsSince: 0,
          firstAt: '2025-10-31T23:59:59.000Z',
          lastAt: '2025-10-31T23:59:59.000Z',
        },
      ],
      ...none,
    };
    expect(kpiTotalsOf({ purchases, ...none }, options)).toEqual(totals);
    const kpis = computeKpisFromTotals(totals, options);
    expect(computeKpis({ purchases, ...none }, options)).toEqual(kpis);
    // Each currency's sum is converted once: 0.10 USD is 0.09 EUR (each 0.05 USD alone would round up to 0.05).
    expect(kpis.spentLast12Months).toEqual({ amount: '0.09', currency: 'EUR' });
    expect(kpis.totalSpent).toEqual({ amount: '20.08', currency: 'EUR' });
    expect(kpis.onlineOrderCount).toBe(2);
    expect(kpis.storePurchaseCount).toBe(1);
  });

  it('gives nulls, not zeros pretending to be data, to a customer who never bought', () => {
    const kpis = computeKpis(
      { purchases: [], openSupportTickets: null, lastNps: 9, lastWebVisitAt: '2026-10-30T12:00:00Z' },
      options,
    );
    expect(kpis).toEqual({
      orderCount: 0,
      onlineOrderCount: 0,
      storePurchaseCount: 0,
      totalSpent: { amount: '0.00', currency: 'EUR' },
      spentByCurrency: [],
      spentLast12Months: { amount: '0.00', currency: 'EUR' },
      averageBasket: null,
      firstPurchaseAt: null,
      lastPurchaseAt: null,
      daysSinceLastPurchase: null,
      purchasesPerMonth: null,
      recencyScore: null,
      frequencyScore: null,
      monetaryScore: null,
      openSupportTickets: null,
      lastNps: 9,
      daysSinceLastWebVisit: 1,
    });
  });

  it('scores recency down as the last purchase ages', () => {
    const at = (days: number) => new Date(options.now.getTime() - days * 86_400_000).toISOString();
    const recency = (days: number) =>
      computeKpis(
        { ...none, purchases: [{ channel: 'ONLINE', at: at(days), total: { amount: '1.00', currency: 'EUR' } }] },
        options,
      ).recencyScore;
    expect([10, 60, 120, 300, 800].map(recency)).toEqual([5, 4, 3, 2, 1]);
  });

  it('refuses a currency it cannot convert, naming it', () => {
    expect(() =>
      computeKpis(
        {
          ...none,
          purchases: [{ channel: 'ONLINE', at: '2026-01-01T00:00:00Z', total: { amount: '1.00', currency: 'JPY' } }],
        },
        options,
      ),
    ).toThrow(new UnknownCurrencyError('JPY', 'EUR'));
  });
});

describe('money helpers', () => {
  it.each([
    ['12.5', 1250],
    ['0.07', 7],
    ['100', 10000],
    ['-3.20', -320],
  ])('toCents(%s) = %d', (amount, cents) => expect(toCents(amount)).toBe(cents));

  it('rejects amounts that are not decimals', () => {
    expect(() => toCents('12.345')).toThrow('Expected a decimal amount like 12.50, received "12.345"');
    expect(() => toCents('1e3')).toThrow(RangeError);
  });

  it('formats cents back', () => {
    expect(fromCents(-5, 'EUR')).toEqual({ amount: '-0.05', currency: 'EUR' });
    expect(fromCents(123456, 'GBP')).toEqual({ amount: '1234.56', currency: 'GBP' });
  });
});
