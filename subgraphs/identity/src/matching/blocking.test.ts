import { BLOCKING_RULES, candidatePairs } from './blocking';
import { clusterLinks } from './cluster';
import { records } from './testing';

const pairsOf = (result: ReturnType<typeof candidatePairs>) =>
  Array.from(result.left, (l, i) => [l, result.right[i]!] as [number, number]);

const keysOf = (values: Parameters<typeof records>[0]) => {
  const [record] = records(values);
  return Object.fromEntries(BLOCKING_RULES.map((rule) => [rule.name, rule.keys(record!)]));
};

describe('blocking', () => {
  it('derives one or more keys per rule from what the record has', () => {
    expect(
      keysOf({
        given_name: 'Jean',
        family_name: 'Schmidt',
        date_of_birth: '1980-03-12',
        email: 'Jean.Schmidt+shop@gmail.com',
        phone: '06 12 34 56 78',
        postcode: '75002',
        loyalty_card: 'LC-123456',
      }),
    ).toEqual({
      'family_phonetic+birth_year': ['XMT|1980', 'SMT|1980'],
      'given_phonetic+birth_date': ['JN|1980|3|12'],
      name_phonetics: ['JN|XMT'],
      email_local: ['jean.schmidt'],
      phone_last6: ['345678'],
      'postcode+initial': ['75002|j'],
      identifier: ['loyalty_card:LC123456'],
    });
    expect(Object.values(keysOf({ email: 'x' })).flat()).toEqual([]);
  });

  it('finds the pairs that typos, swapped names, a new email or a move keep apart elsewhere', () => {
    const rs = records(
      {
        given_name: 'Jean',
        family_name: 'Dupont',
        date_of_birth: '1980-03-12',
        email: 'jd@gmail.com',
        postcode: '75002',
      },
      // Typo in the family name, same phonetic code and year.
      { given_name: 'Jean', family_name: 'Dupond', date_of_birth: '1980-03-12' },
      // Names swapped, no date of birth.
      { given_name: 'Dupont', family_name: 'Jean' },
      // Another email and family name, same given name and birth date (day and month transposed).
      { given_name: 'Jean', family_name: 'Martin', date_of_birth: '1980-12-03' },
      // Nothing in common with the others.
      { given_name: 'Claire', family_name: 'Moreau', date_of_birth: '1990-01-01', postcode: '69002' },
    );
    expect(pairsOf(candidatePairs(rs))).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
    ]);
  });

  it('compares only records of different sources when linking', () => {
    const rs = records(
      { email: 'jd@gmail.com', source: 0 },
      { email: 'jd@gmail.com', source: 0 },
      { email: 'jd@free.fr', source: 1 },
    );
    expect(pairsOf(candidatePairs(rs, { crossSourceOnly: true }))).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(pairsOf(candidatePairs(rs))).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('skips blocks over the size cap and counts them', () => {
    const rs = records(
      ...Array.from({ length: 5 }, (_, i) => ({ email: `info@shop${i}.com`, phone: `06 12 34 56 7${i}` })),
    );
    const capped = candidatePairs(rs, { maxBlockSize: 4 });
    expect(pairsOf(capped)).toEqual([]);
    expect(capped.stats.find((s) => s.rule === 'email_local')).toEqual({
      rule: 'email_local',
      blocks: 1,
      oversized: 1,
      largest: 0,
      pairs: 0,
    });
    expect(pairsOf(candidatePairs(rs, { maxBlockSize: 5 }))).toHaveLength(10);
  });
});

describe('clusterLinks', () => {
  it('joins linked records transitively, keeps the others alone, and numbers clusters by first record', () => {
    const left = Int32Array.from([0, 1, 3, 2]);
    const right = Int32Array.from([4, 4, 5, 5]);
    const { clusterOf, count, sizes } = clusterLinks(7, left, right, (p) => p !== 3);
    expect(Array.from(clusterOf)).toEqual([0, 0, 1, 2, 0, 2, 3]);
    expect(count).toBe(4);
    expect(Array.from(sizes)).toEqual([3, 1, 2, 1]);
  });
});
