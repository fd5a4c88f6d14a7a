import { DEFAULT_RULES, parseAttributeRule } from './rules';
import { choose, type AttributeRule, type Candidate } from './survivorship';

const candidate = (
  key: string,
  system: string,
  updatedAt: string | null,
  extra: Partial<Candidate<string>> = {},
): Candidate<string> => ({
  value: key,
  key,
  system,
  localId: `${system}-${key}`,
  updatedAt,
  completeness: 1,
  ...extra,
});

const rule = (strategies: AttributeRule['strategies'], sourcePriority: string[] = []): AttributeRule => ({
  strategies,
  sourcePriority,
});

describe('choose', () => {
  const crmOld = candidate('ann@crm.example', 'crm', '2024-01-01T00:00:00Z');
  const shopNew = candidate('ann@shop.example', 'commerce', '2026-05-01T00:00:00Z');
  const storesMid = candidate('ann@shop.example', 'stores', '2025-03-01T00:00:00Z');

  it('returns null without candidates', () => {
    expect(choose([], rule(['MOST_RECENT']))).toBeNull();
  });

  it('credits no strategy when the sources agree, and points at the newest record', () => {
    const a = candidate('x', 'crm', '2024-01-01T00:00:00Z');
    const b = candidate('x', 'commerce', '2025-01-01T00:00:00Z');
    expect(choose([a, b], rule(['SOURCE_PRIORITY'], ['crm']))).toEqual({ winner: b, decidedBy: 'UNANIMOUS' });
  });

  it('source priority picks the best-ranked system, whatever the dates', () => {
    expect(choose([shopNew, crmOld], rule(['SOURCE_PRIORITY', 'MOST_RECENT'], ['crm', 'commerce']))).toEqual({
      winner: crmOld,
      decidedBy: 'SOURCE_PRIORITY',
    });
  });

  it('most recent picks the last updated record', () => {
    expect(choose([crmOld, shopNew, storesMid], rule(['MOST_RECENT']))).toEqual({
      winner: shopNew,
      decidedBy: 'MOST_RECENT',
    });
  });

  it('most frequent counts values written differently as one (by key)', () => {
    const other = candidate('ann@crm.example', 'support', '2023-01-01T00:00:00Z');
    const third = candidate('ann@crm.example', 'surveys', '2022-01-01T00:00:00Z');
    expect(choose([shopNew, storesMid, crmOld, other, third], rule(['MOST_FREQUENT']))?.winner.key).toBe(
      'ann@crm.example',
    );
  });

  it('falls back to the next strategy on a tie', () => {
    // Two systems unlisted in the priority tie; the most recent then decides.
    const a = candidate('a', 'web', '2024-01-01T00:00:00Z');
    const b = candidate('b', 'support', '2025-01-01T00:00:00Z');
    expect(choose([a, b], rule(['SOURCE_PRIORITY', 'MOST_RECENT'], ['crm']))).toEqual({
      winner: b,
      decidedBy: 'MOST_RECENT',
    });
  });

  it('most complete prefers the fuller value', () => {
    const partial = candidate('1 rue x', 'crm', '2026-01-01T00:00:00Z', { completeness: 0.5 });
    const full = candidate('1 rue x 75001 paris', 'commerce', '2020-01-01T00:00:00Z', { completeness: 1 });
    expect(choose([partial, full], rule(['MOST_COMPLETE', 'MOST_RECENT']))?.winner).toBe(full);
  });

  it('breaks a complete tie deterministically and says so', () => {
    const a = candidate('a', 'crm', null);
    const b = candidate('b', 'commerce', null);
    const first = choose([a, b], rule(['MOST_RECENT']));
    expect(first?.decidedBy).toBe('TIE_BREAK');
    expect(choose([b, a], rule(['MOST_RECENT']))).toEqual(first);
  });

  it('dates beat records without a date under most recent', () => {
    const undated = candidate('a', 'crm', null);
    const dated = candidate('b', 'commerce', '2001-01-01T00:00:00Z');
    expect(choose([undated, dated], rule(['MOST_RECENT']))?.winner).toBe(dated);
  });
});

describe('parseAttributeRule', () => {
  it('accepts every default rule', () => {
    for (const r of Object.values(DEFAULT_RULES)) expect(parseAttributeRule(r)).toEqual({ ok: true, rule: r });
  });

  it.each([
    [{ strategies: [] }, 'strategies: expected at least one strategy'],
    [{ strategies: ['MOST_RECENT', 'MOST_RECENT'] }, 'strategies: a strategy may appear only once'],
    [{ strategies: ['LOUDEST'] }, 'strategies.0: Invalid enum value'],
    [{ strategies: ['SOURCE_PRIORITY'] }, 'sourcePriority: SOURCE_PRIORITY needs a non-empty sourcePriority list'],
    [{ strategies: ['SOURCE_PRIORITY'], sourcePriority: ['CRM'] }, 'sourcePriority.0: expected a source system name'],
    [{ strategies: ['MOST_RECENT'], extra: 1 }, "Unrecognized key(s) in object: 'extra'"],
  ])('rejects %j', (input, message) => {
    const result = parseAttributeRule(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });
});
