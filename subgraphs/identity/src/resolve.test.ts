import type { IdentifierKind } from './normalize';
import { resolve, RULES, type RecordState } from './resolve';
import { DEFAULT_RULES, blockListMatcher, nameKey, resolutionRulesSchema } from './rules';

/** Builds closed record states from `record: [kind:value, …]`, computing who shares what. */
function states(
  records: Record<string, string[]>,
  extra: Partial<Record<string, Partial<RecordState>>> = {},
  blocked: string[] = [],
): Map<string, RecordState> {
  const holders = new Map<string, string[]>();
  for (const [key, ids] of Object.entries(records))
    for (const id of ids) holders.set(id, [...(holders.get(id) ?? []), key]);
  return new Map(
    Object.entries(records).map(([key, ids]) => [
      key,
      {
        key,
        customerId: null,
        customerCreatedAt: null,
        pinned: false,
        sameAs: [],
        identifiers: ids.map((id) => {
          const [kind, value] = id.split(':') as [IdentifierKind, string];
          return { kind, value, blocked: blocked.includes(id), others: holders.get(id)!.filter((k) => k !== key) };
        }),
        ...extra[key],
      },
    ]),
  );
}

let counter = 0;
const newId = () => `new-${++counter}`;
beforeEach(() => {
  counter = 0;
});
const groups = (assignment: Map<string, string>) => {
  const byCustomer = new Map<string, string[]>();
  for (const [k, c] of assignment) byCustomer.set(c, [...(byCustomer.get(c) ?? []), k].sort());
  return [...byCustomer.values()].sort((a, b) => a[0]!.localeCompare(b[0]!));
};

describe('resolve', () => {
  it('links records sharing a strong identifier, transitively', () => {
    const r = resolve(
      states({ a: ['EMAIL:ann'], b: ['EMAIL:ann', 'PHONE:+1'], c: ['PHONE:+1'], d: ['EMAIL:dan'] }),
      DEFAULT_RULES,
      newId,
    );
    expect(groups(r.assignment)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(r.newCustomers).toHaveLength(2);
    expect(r.changes.find((c) => c.key === 'a')?.rule).toBe(RULES.sharedIdentifier);
    expect(r.changes.find((c) => c.key === 'd')?.rule).toBe(RULES.singleRecord);
  });

  it('does not link through a blocked identifier', () => {
    const r = resolve(
      states({ a: ['EMAIL:test@test.com'], b: ['EMAIL:test@test.com'] }, {}, ['EMAIL:test@test.com']),
      DEFAULT_RULES,
      newId,
    );
    expect(groups(r.assignment)).toEqual([['a'], ['b']]);
  });

  it('stitches an anonymous cookie record to the known customer that logged in with it', () => {
    const r = resolve(
      states({ visit: ['COOKIE:ck1'], login: ['COOKIE:ck1', 'EMAIL:ann'], crm: ['EMAIL:ann'] }),
      DEFAULT_RULES,
      newId,
    );
    expect(groups(r.assignment)).toEqual([['crm', 'login', 'visit']]);
  });

  it('never merges two known customers through a shared cookie; the cookie gives way', () => {
    const r = resolve(
      states({
        ann: ['COOKIE:family-pc', 'EMAIL:ann'],
        bob: ['COOKIE:family-pc', 'EMAIL:bob'],
        anon: ['COOKIE:family-pc'],
      }),
      DEFAULT_RULES,
      newId,
    );
    const g = groups(r.assignment);
    expect(g).toHaveLength(2);
    expect(g.find((x) => x.includes('ann'))).not.toContain('bob');
    expect(r.refused).toContainEqual(
      expect.objectContaining({ kind: 'COOKIE', reason: 'weak-link-between-known-customers' }),
    );
  });

  it('refuses a link that would give a customer more values of a kind than allowed', () => {
    const rules = resolutionRulesSchema.parse({
      ...DEFAULT_RULES,
      kinds: { ...DEFAULT_RULES.kinds, EMAIL: { ...DEFAULT_RULES.kinds.EMAIL, maxPerCustomer: 2 } },
    });
    const r = resolve(states({ a: ['PHONE:+1', 'EMAIL:a1', 'EMAIL:a2'], b: ['PHONE:+1', 'EMAIL:b1'] }), rules, newId);
    expect(groups(r.assignment)).toEqual([['a'], ['b']]);
    expect(r.refused).toEqual([{ from: 'a', to: 'b', kind: 'PHONE', value: '+1', reason: 'too-many-values' }]);
  });

  it('honours kinds that do not link', () => {
    const rules = {
      ...DEFAULT_RULES,
      kinds: { ...DEFAULT_RULES.kinds, PHONE: { ...DEFAULT_RULES.kinds.PHONE, links: false } },
    };
    const r = resolve(states({ a: ['PHONE:+1'], b: ['PHONE:+1'] }), rules, newId);
    expect(groups(r.assignment)).toEqual([['a'], ['b']]);
  });

  it('keeps the id of the customer holding most records; the smaller customer is redirected', () => {
    const s = states(
      { a1: ['EMAIL:ann'], a2: ['EMAIL:ann'], b1: ['EMAIL:bea'], x: ['EMAIL:ann', 'EMAIL:bea'] },
      { a1: { customerId: 'A' }, a2: { customerId: 'A' }, b1: { customerId: 'B' } },
    );
    const r = resolve(s, DEFAULT_RULES, newId);
    expect(new Set(r.assignment.values())).toEqual(new Set(['A']));
    expect(r.merges).toEqual([{ from: 'B', into: 'A' }]);
    expect(r.newCustomers).toEqual([]);
  });

  it('on a split the larger part keeps the id and the smaller gets a new one', () => {
    const s = states(
      { a1: ['EMAIL:ann'], a2: ['EMAIL:ann'], a3: ['EMAIL:ann'], b1: ['EMAIL:bea'] },
      { a1: { customerId: 'A' }, a2: { customerId: 'A' }, a3: { customerId: 'A' }, b1: { customerId: 'A' } },
    );
    const r = resolve(s, DEFAULT_RULES, newId);
    expect(r.assignment.get('a1')).toBe('A');
    expect(r.assignment.get('b1')).toBe('new-1');
    expect(r.merges).toEqual([]);
  });

  it('separates a record unlinked by hand even though it shares identifiers, and it gives way on a tie', () => {
    const s = states(
      { a: ['EMAIL:ann'], b: ['EMAIL:ann'] },
      { a: { customerId: 'A' }, b: { customerId: 'A', pinned: true } },
    );
    const r = resolve(s, DEFAULT_RULES, newId);
    expect(r.assignment.get('a')).toBe('A');
    expect(r.assignment.get('b')).toBe('new-1');
    expect(r.refused).toEqual([expect.objectContaining({ reason: 'record-unlinked' })]);
  });

  it('makes explicit SAME_AS links even across guards, and marks them manual', () => {
    const s = states(
      { a: ['EMAIL:ann'], b: ['EMAIL:bob'] },
      { a: { sameAs: [{ other: 'b', rule: RULES.manual }] }, b: { sameAs: [{ other: 'a', rule: RULES.manual }] } },
    );
    const r = resolve(s, DEFAULT_RULES, newId);
    expect(groups(r.assignment)).toEqual([['a', 'b']]);
    expect(r.changes.every((c) => c.rule === RULES.manual)).toBe(true);
  });

  it('is deterministic whatever the order of the records', () => {
    const records = {
      a: ['EMAIL:x', 'COOKIE:c'],
      b: ['EMAIL:y', 'COOKIE:c'],
      c: ['COOKIE:c'],
      d: ['PHONE:+1', 'EMAIL:y'],
    };
    const forward = groups(resolve(states(records), DEFAULT_RULES, newId).assignment);
    const reversed = groups(resolve(new Map([...states(records)].reverse()), DEFAULT_RULES, newId).assignment);
    expect(reversed).toEqual(forward);
  });
});

describe('resolve, whatever the order in which the records were read', () => {
  const reversed = (s: Map<string, RecordState>) => new Map([...s].reverse());
  const run = (s: Map<string, RecordState>) => {
    let n = 0;
    return resolve(s, DEFAULT_RULES, () => `new-${++n}`);
  };

  it('gives new ids to clusters of equal size in the same way', () => {
    const s = states({ a: ['EMAIL:ann'], b: ['EMAIL:ann'], c: ['EMAIL:cy'], d: ['EMAIL:cy'] });
    expect(run(reversed(s)).assignment).toEqual(run(s).assignment);
    expect(run(s).assignment.get('a')).toBe('new-1');
  });

  it('keeps the id on the same part of a split into equal halves, and redirects a customer split evenly the same way', () => {
    const split = states(
      { a: ['EMAIL:ann'], b: ['EMAIL:ann'], c: ['EMAIL:cy'], d: ['EMAIL:cy'] },
      { a: { customerId: 'A' }, b: { customerId: 'A' }, c: { customerId: 'A' }, d: { customerId: 'A' } },
    );
    expect(run(reversed(split)).assignment).toEqual(run(split).assignment);
    expect(run(split).assignment.get('a')).toBe('A');

    // X's records go one to A, one to C: X is redirected to the same one whatever the order.
    const merged = states(
      { a1: ['EMAIL:ann'], a2: ['EMAIL:ann'], x1: ['EMAIL:ann'], x2: ['EMAIL:cy'], c1: ['EMAIL:cy'], c2: ['EMAIL:cy'] },
      {
        a1: { customerId: 'A' },
        a2: { customerId: 'A' },
        x1: { customerId: 'X' },
        x2: { customerId: 'X' },
        c1: { customerId: 'C' },
        c2: { customerId: 'C' },
      },
    );
    expect(run(reversed(merged)).merges).toEqual(run(merged).merges);
    expect(run(merged).merges).toEqual([{ from: 'X', into: 'A' }]);
  });
});

describe('block list', () => {
  const blocked = blockListMatcher(DEFAULT_RULES);
  it.each(['test@test.com', 'noreply@shop.fr', 'null', 'anonymous', '0000000', '+33000000000', '+441111111111'])(
    'blocks %p',
    (value) => {
      expect(blocked({ kind: 'EMAIL', value })).toBe(true);
    },
  );
  it.each(['ann@example.com', '+33612345678', 'GA1.2.3.4'])('lets %p through', (value) => {
    expect(blocked({ kind: 'EMAIL', value })).toBe(false);
  });
  it('rejects rules with an invalid pattern, naming it', () => {
    const result = resolutionRulesSchema.safeParse({ ...DEFAULT_RULES, blockList: { values: [], patterns: ['(['] } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['blockList', 'patterns', 0]);
  });
});

describe('nameKey', () => {
  it('ignores case, accents, punctuation and word order', () => {
    expect(nameKey('Dupont, Jean-Luc')).toBe('dupont jean luc');
    expect(nameKey('  JEAN luc   DUPONT ')).toBe('dupont jean luc');
    expect(nameKey('Zoë Müller-Lüdenscheidt')).toBe('ludenscheidt muller zoe');
  });
  it('is null when there is no name', () => {
    expect(nameKey(null)).toBeNull();
    expect(nameKey(' - ')).toBeNull();
  });
});
