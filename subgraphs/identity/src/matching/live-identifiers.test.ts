import { matchKeysOf, matcherSettings, scoreCandidates, blockKeysOf, IDENTIFIER_WEIGHTS, ScoreMemo } from './live';
import { DEFAULT_RULES } from '../rules';

/**
 * Custom identifier kinds fed by a source (national_id, member_no …) in the
 * live matcher: pure functions, no graph needed.
 */
const settings = matcherSettings(DEFAULT_RULES.matching);
const candidate = (attributes: Parameters<typeof matchKeysOf>[0]) => ({
  keys: matchKeysOf(attributes)!,
  emails: [],
  phones: [],
});

describe('live matching with identifier kinds of the sources', () => {
  it('keeps a hash of each normalised identifier, never the value, and ignores malformed kinds', () => {
    const keys = matchKeysOf({
      givenName: 'Ann',
      familyName: 'Lee',
      identifiers: { national_id: ' 185-07-2A ', member_no: 'M 001', 'Bad Kind': 'x', passport: '' },
    })!;
    expect(Object.keys(keys.identifiers!).sort()).toEqual(['member_no', 'national_id']);
    expect(JSON.stringify(keys)).not.toContain('18507');
    // Case, spaces and punctuation do not matter.
    expect(matchKeysOf({ givenName: 'Ann', identifiers: { national_id: '185072a' } })!.identifiers!.national_id).toBe(
      keys.identifiers!.national_id,
    );
    // Keys stored before identifier kinds existed keep their shape.
    expect(matchKeysOf({ givenName: 'Ann', familyName: 'Lee' })).not.toHaveProperty('identifiers');
  });

  it('links on a shared national id what the name alone would only propose, and a different id counts against', () => {
    const a = candidate({ givenName: 'Ann', familyName: 'Lee', identifiers: { national_id: '1850722' } });
    const same = candidate({ givenName: 'Anne', familyName: 'Lee', identifiers: { national_id: '185 0722' } });
    const other = candidate({ givenName: 'Anne', familyName: 'Lee', identifiers: { national_id: '9990001' } });
    const none = candidate({ givenName: 'Anne', familyName: 'Lee' });
    const base = scoreCandidates(a, none, settings);
    const agreeing = scoreCandidates(a, same, settings);
    const disagreeing = scoreCandidates(a, other, settings);
    expect(agreeing.score).toBeCloseTo(base.score + IDENTIFIER_WEIGHTS.agree, 6);
    expect(disagreeing.score).toBeCloseTo(base.score + IDENTIFIER_WEIGHTS.disagree, 6);
    expect(base.decision).not.toBe('link');
    expect(agreeing.decision).toBe('link');
    expect(agreeing.breakdown.at(-1)).toMatchObject({ comparison: 'national_id', level: 'exact' });
    // A shared identifier puts both records in one block, so the live matcher compares them.
    const shared = blockKeysOf(a).filter((k) => blockKeysOf(same).includes(k));
    const withOther = blockKeysOf(a).filter((k) => blockKeysOf(other).includes(k));
    expect(shared.length).toBeGreaterThan(withOther.length);
  });

  it('keeps a date of birth that does not parse as text and compares it by edit distance, never dropping it', () => {
    const base = { givenName: 'Ann', familyName: 'Lee', city: 'Lyon' };
    const bad = matchKeysOf({ ...base, dateOfBirth: '19310175' })!;
    expect(bad).toMatchObject({ dob: null, dobText: '19310175' });
    expect(matchKeysOf({ ...base, dateOfBirth: '1931-01-15' })).not.toHaveProperty('dobText');
    const level = (x: string | undefined, y: string | undefined) =>
      scoreCandidates(
        candidate({ ...base, dateOfBirth: x }),
        candidate({ ...base, dateOfBirth: y }),
        settings,
      ).breakdown.find((b) => b.comparison === 'date_of_birth')!.level;
    expect(level('19310175', '19310175')).toBe('exact');
    // One digit away from a date that parses (1931-01-15 as 19310115), or from another unreadable one.
    expect(level('19310175', '1931-01-15')).toBe('one_component');
    expect(level('19310175', '19310176')).toBe('one_component');
    expect(level('19310175', '1985-06-02')).toBe('different');
    // Day and month swapped, the month then impossible.
    expect(level('19881705', '1988-05-17')).toBe('transposed');
    expect(level('19310175', undefined)).toBe('missing');
    // The same unreadable date is evidence for the match, as a parsed one would be.
    const same = scoreCandidates(
      candidate({ ...base, dateOfBirth: '19310175' }),
      candidate({ ...base, dateOfBirth: '19310175' }),
      settings,
    );
    const unknown = scoreCandidates(candidate({ ...base, dateOfBirth: '19310175' }), candidate(base), settings);
    expect(same.score).toBeGreaterThan(unknown.score);
  });

  it('keeps emails and phones the graph refused as text and compares them as strings, never dropping them', () => {
    const base = { givenName: 'Ann', familyName: 'Lee', city: 'Lyon' };
    const keys = matchKeysOf(base, [
      { kind: 'PHONE', value: 'n/a 555 12' },
      { kind: 'EMAIL', value: 'Ann.Lee at Mail' },
      { kind: 'LOYALTY_CARD', value: '??' },
    ])!;
    expect(keys).toMatchObject({ phoneText: ['55512'], emailText: ['ann.leeatmail'] });
    // Keys stored before this kept their shape.
    expect(matchKeysOf(base)).not.toHaveProperty('phoneText');
    const withText = (phone?: string, email?: string, parsed: { emails?: string[]; phones?: string[] } = {}) => ({
      keys: matchKeysOf(base, [
        ...(phone ? [{ kind: 'PHONE', value: phone }] : []),
        ...(email ? [{ kind: 'EMAIL', value: email }] : []),
      ])!,
      emails: parsed.emails ?? [],
      phones: parsed.phones ?? [],
    });
    const level = (a: ReturnType<typeof withText>, b: ReturnType<typeof withText>, comparison: string) =>
      scoreCandidates(a, b, settings).breakdown.find((x) => x.comparison === comparison)!.level;
    expect(level(withText('n/a 555 12'), withText('n/a 555-12'), 'phone')).toBe('exact');
    expect(level(withText('n/a 555 12'), withText('555 13'), 'phone')).toBe('close');
    expect(level(withText('n/a 555 12'), withText('998 877'), 'phone')).toBe('different');
    expect(level(withText('n/a 555 12'), withText(), 'phone')).toBe('missing');
    // Against a phone the graph did read: by its digits, country prefix or trunk 0 aside.
    expect(
      level(withText('06 12 34 56 78 ext'), withText(undefined, undefined, { phones: ['+33612345678'] }), 'phone'),
    ).toBe('exact');
    expect(level(withText(undefined, 'ann.lee at mail'), withText(undefined, 'ann.lee at mail'), 'email')).toBe(
      'exact',
    );
    expect(
      level(
        withText(undefined, 'ann.lee@mailcom'),
        withText(undefined, undefined, { emails: ['ann.lee@mail.com'] }),
        'email',
      ),
    ).toBe('close');
    expect(level(withText(undefined, 'ann.lee at mail'), withText(undefined, 'bob.ray at work'), 'email')).toBe(
      'different',
    );
    // The same unreadable phone is evidence for the match, as a parsed one would be.
    const same = scoreCandidates(withText('n/a 555 12'), withText('n/a 555 12'), settings);
    const unknown = scoreCandidates(withText('n/a 555 12'), withText(), settings);
    expect(same.score).toBeGreaterThan(unknown.score);
  });

  it('scores a pair once per write (ScoreMemo): again only when what a side reads changed', () => {
    const memo = new ScoreMemo(settings);
    const a = candidate({ givenName: 'Ann', familyName: 'Lee', dateOfBirth: '1985-07-22' });
    const b = candidate({ givenName: 'Anne', familyName: 'Lee', dateOfBirth: '1985-07-22' });
    const first = memo.score(a, b);
    expect(first).toEqual(scoreCandidates(a, b, settings));
    // The same values read again (other objects, as a second read of the graph gives): not scored again.
    expect(memo.score({ ...a }, { ...b, keys: { ...b.keys } })).toBe(first);
    expect([memo.scored, memo.reused]).toEqual([1, 1]);
    // A side holding another email now, or the pair the other way round: scored anew, as without the memo.
    const withEmail = { ...b, emails: ['ann.lee@example.com'] };
    expect(memo.score(a, withEmail)).toEqual(scoreCandidates(a, withEmail, settings));
    expect(memo.score(b, a)).toEqual(scoreCandidates(b, a, settings));
    expect([memo.scored, memo.reused]).toEqual([3, 1]);
    expect(blockKeysOf(a, memo)).toEqual(blockKeysOf(a));
  });
});
