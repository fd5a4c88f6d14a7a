import { evaluate, fieldsOf, parseSegmentRule, SegmentRuleError } from './segments';

const lapsedBigSpenders = {
  all: [
    { field: 'kpi.spentLast12Months', op: 'gt', value: 500 },
    { field: 'kpi.daysSinceLastPurchase', op: 'gte', value: 90 },
    { field: 'contactable.EMAIL', op: 'eq', value: true },
  ],
};

describe('segment rules', () => {
  const rule = parseSegmentRule(lapsedBigSpenders);

  it('includes exactly the customers meeting every condition', () => {
    const base = { 'kpi.spentLast12Months': 800, 'kpi.daysSinceLastPurchase': 120, 'contactable.EMAIL': true };
    expect(evaluate(rule, base)).toBe(true);
    expect(evaluate(rule, { ...base, 'kpi.spentLast12Months': 500 })).toBe(false);
    expect(evaluate(rule, { ...base, 'kpi.daysSinceLastPurchase': 89 })).toBe(false);
    expect(evaluate(rule, { ...base, 'contactable.EMAIL': false })).toBe(false);
  });

  it('treats a missing value as not matching, except for exists', () => {
    expect(evaluate(rule, { 'kpi.spentLast12Months': 800, 'contactable.EMAIL': true })).toBe(false);
    const neverBought = parseSegmentRule({ field: 'kpi.daysSinceLastPurchase', op: 'exists', value: false });
    expect(evaluate(neverBought, {})).toBe(true);
    expect(evaluate(neverBought, { 'kpi.daysSinceLastPurchase': 3 })).toBe(false);
    expect(evaluate(parseSegmentRule({ not: lapsedBigSpenders }), {})).toBe(true);
  });

  it('supports any, in and contains', () => {
    const r = parseSegmentRule({
      any: [
        { field: 'profile.country', op: 'in', value: ['FR', 'ES'] },
        { field: 'profile.emailDomain', op: 'contains', value: 'GMAIL' },
      ],
    });
    expect(evaluate(r, { 'profile.country': 'ES' })).toBe(true);
    expect(evaluate(r, { 'profile.country': 'DE', 'profile.emailDomain': 'gmail.com' })).toBe(true);
    expect(evaluate(r, { 'profile.country': 'DE', 'profile.emailDomain': 'web.de' })).toBe(false);
  });

  it('lists the fields a rule reads', () => {
    expect([...fieldsOf(rule)].sort()).toEqual([
      'contactable.EMAIL',
      'kpi.daysSinceLastPurchase',
      'kpi.spentLast12Months',
    ]);
  });

  it.each([
    [{ field: 'kpi.shoeSize', op: 'gt', value: 4 }, 'rule.field: unknown field "kpi.shoeSize"'],
    [{ field: 'kpi.orderCount', op: 'like', value: 4 }, 'rule.op: unknown operator "like"'],
    [{ field: 'profile.country', op: 'gt', value: 'FR' }, 'rule.op: "gt" does not apply to string field'],
    [
      { field: 'kpi.orderCount', op: 'gt', value: '4' },
      'rule.value: expected a number for kpi.orderCount, received "4"',
    ],
    [{ all: [] }, 'rule.all: expected a non-empty list'],
    [
      { all: [{ field: 'kpi.orderCount', op: 'in', value: [] }] },
      'rule.all.0.value: expected a non-empty list of numbers',
    ],
    [{ all: [lapsedBigSpenders], any: [] }, 'rule: "all" must be alone'],
    ['everyone', 'rule: expected an object'],
    [{ field: 'kpi.orderCount', op: 'eq', value: 1, extra: true }, 'rule: expected { field, op, value }'],
  ])('rejects %j', (input, message) => {
    expect(() => parseSegmentRule(input)).toThrow(SegmentRuleError);
    expect(() => parseSegmentRule(input)).toThrow(message);
  });

  it('refuses rules nested too deep', () => {
    let r: unknown = { field: 'kpi.orderCount', op: 'gt', value: 1 };
    for (let i = 0; i < 10; i++) r = { not: r };
    expect(() => parseSegmentRule(r)).toThrow('nest at most');
  });
});
