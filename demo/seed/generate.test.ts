import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { generateDataset, groundTruthJson, normaliseEmail, type DemoDataset, type GroundTruthPerson } from './generate';

/** Pure generator: no services needed, so this runs without the global setup. */

const cents = (amount: string): number => {
  const match = /^(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`not a 2-decimal amount: ${amount}`);
  return Number(match[1]) * 100 + Number(match[2]);
};

/** Every stored value of a record, keyed by the ground truth's record key. */
function recordsByKey(ds: DemoDataset): Map<string, { country: string; emails: string[]; phones: string[] }> {
  const out = new Map<string, { country: string; emails: string[]; phones: string[] }>();
  for (const c of ds.crm.contacts) {
    out.set(`crm:${c.contactId}`, {
      country: c.country,
      emails: [c.emailPersonal, c.emailWork].filter((v): v is string => v !== null),
      phones: [c.phoneMobile, c.phoneWork].filter((v): v is string => v !== null),
    });
  }
  for (const a of ds.commerce.accounts) {
    out.set(`commerce:${a.accountId}`, {
      country: a.country,
      emails: [a.email],
      phones: a.phone === null ? [] : [a.phone],
    });
  }
  return out;
}

describe('generateDataset', () => {
  // The default size, as seeded in the demo; generated once for the read-only checks.
  const ds = generateDataset();
  const people: GroundTruthPerson[] = ds.groundTruth.people;
  const records = recordsByKey(ds);

  it('gives the same output for the same seed, byte for byte', () => {
    const again = generateDataset();
    expect(again).toEqual(ds);
    expect(JSON.stringify(again)).toBe(JSON.stringify(ds));
    expect(groundTruthJson(again.groundTruth)).toBe(groundTruthJson(ds.groundTruth));
  });

  it('gives different output for a different seed', () => {
    const other = generateDataset({ seed: 361 });
    expect(JSON.stringify(other.groundTruth)).not.toBe(JSON.stringify(ds.groundTruth));
    expect(other.crm.contacts[0]).not.toEqual(ds.crm.contacts[0]);
  });

  it('honours people and now', () => {
    const small = generateDataset({
      people: 50,
      now: new Date('2030-01-01T00:00:00Z'),
    });
    expect(small.groundTruth.people).toHaveLength(50);
    expect(small.now).toBe('2030-01-01T00:00:00.000Z');
    const times = [...small.crm.contacts, ...small.commerce.accounts].flatMap((r) => [r.createdAt, r.updatedAt]);
    expect(times.every((t) => t <= '2030-01-01T00:00:00.000Z' && t >= '2027-01-01')).toBe(true);
  });

  it('rejects a people count that is not a positive integer', () => {
    expect(() => generateDataset({ people: 0 })).toThrow('expected people to be a positive integer, received 0');
    expect(() => generateDataset({ people: 2.5 })).toThrow(RangeError);
  });

  it('writes the ground truth in the documented shape', () => {
    const truth = JSON.parse(groundTruthJson(ds.groundTruth)) as Record<string, unknown>;
    expect(Object.keys(truth)).toEqual(['generatedBy', 'seed', 'people']);
    expect(truth).toMatchObject({ generatedBy: 'demo/seed', seed: 360 });
    expect(people[0]).toEqual({
      id: 'P-00001',
      records: expect.arrayContaining([
        {
          system: expect.stringMatching(/^(crm|commerce)$/),
          localId: expect.any(String),
        },
      ]),
      identifiers: expect.arrayContaining([{ kind: 'EMAIL', value: expect.any(String) }]),
    });
    expect(people.map((p) => p.id)).toEqual([...people.map((p) => p.id)].sort());
    const unsorted = people.filter((p) => {
      const recordKeys = p.records.map((r) => `${r.system}\u0000${r.localId}`);
      const idKeys = p.identifiers.map((i) => `${i.kind}\u0000${i.value}`);
      return (
        recordKeys.join('\n') !== [...recordKeys].sort().join('\n') ||
        idKeys.join('\n') !== [...new Set(idKeys)].sort().join('\n')
      );
    });
    expect(unsorted).toEqual([]);
  });

  it('puts every record in exactly one person, and every person in at least one record', () => {
    expect(people.filter((p) => p.records.length === 0)).toEqual([]);
    const keys = people.flatMap((p) => p.records.map((r) => `${r.system}:${r.localId}`));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual([...records.keys()].sort());
  });

  it('never gives one normalised identifier to two people', () => {
    const keys = people.flatMap((p) => p.identifiers.map((i) => `${i.kind}:${i.value}`));
    const seen = new Set<string>();
    expect(keys.filter((k) => seen.size === seen.add(k).size)).toEqual([]);
  });

  it('stores phones that are valid and normalise to one of the person’s E.164 numbers', () => {
    const formats = new Set<string>();
    const bad: string[] = [];
    for (const p of people) {
      const e164s = new Set(p.identifiers.filter((i) => i.kind === 'PHONE').map((i) => i.value));
      for (const r of p.records) {
        const rec = records.get(`${r.system}:${r.localId}`);
        if (!rec) throw new Error(`no record ${r.system}:${r.localId}`);
        for (const raw of rec.phones) {
          const parsed = parsePhoneNumberFromString(raw, rec.country as CountryCode);
          if (!parsed?.isValid() || !e164s.has(parsed.number)) bad.push(`${p.id} ${r.localId} ${raw}`);
          formats.add(`${rec.country} ${raw.replace(/\d/g, '9')}`);
        }
      }
    }
    expect(bad).toEqual([]);
    // National and international formats for every country.
    for (const example of [
      'FR 99 99 99 99 99',
      'FR 99.99.99.99.99',
      'FR +99 9 99 99 99 99',
      'FR 9999999999999',
      'GB 99999 999999',
      'GB +99 9999 999999',
      'DE 9999 99999999',
      'DE +99 999 99999999',
      'US (999) 999-9999',
      'US 999-999-9999',
      'US +9 999 999 9999',
      'ES 999 99 99 99',
      'ES +99 999999999',
    ]) {
      expect(formats).toContain(example);
    }
  });

  it('stores emails as typed, which normalise to the person’s identifiers', () => {
    let spaced = 0;
    let cased = 0;
    const bad: string[] = [];
    for (const p of people) {
      const emails = new Set(p.identifiers.filter((i) => i.kind === 'EMAIL').map((i) => i.value));
      for (const r of p.records) {
        for (const raw of records.get(`${r.system}:${r.localId}`)?.emails ?? []) {
          if (!emails.has(normaliseEmail(raw))) bad.push(`${p.id} ${r.localId} ${raw}`);
          if (raw !== raw.trim()) spaced++;
          if (raw.trim() !== raw.trim().toLowerCase()) cased++;
        }
      }
    }
    expect(bad).toEqual([]);
    expect(spaced).toBeGreaterThan(50);
    expect(cased).toBeGreaterThan(50);
  });

  it('spreads people across the silos like real ones', () => {
    const { stats } = ds;
    const share = (n: number) => n / stats.people;
    expect(stats.people).toBe(3000);
    expect(stats.peopleInBoth + stats.peopleCrmOnly + stats.peopleCommerceOnly).toBe(stats.people);
    expect(share(stats.peopleInBoth)).toBeGreaterThan(0.18);
    expect(share(stats.peopleInBoth)).toBeLessThan(0.3);
    expect(share(stats.peopleInBoth + stats.peopleCrmOnly)).toBeGreaterThan(0.5);
    expect(share(stats.peopleInBoth + stats.peopleCrmOnly)).toBeLessThan(0.6);
    expect(share(stats.peopleInBoth + stats.peopleCommerceOnly)).toBeGreaterThan(0.6);
    expect(share(stats.peopleInBoth + stats.peopleCommerceOnly)).toBeLessThan(0.72);
    expect(stats.peopleCrmOnly).toBeGreaterThan(0);
    expect(stats.peopleCommerceOnly).toBeGreaterThan(0);
    expect(stats.crmDuplicates).toBeGreaterThan(0);
    expect(stats.secondShopAccounts).toBeGreaterThan(stats.unlinkedSecondShopAccounts);
    expect(stats.unlinkedSecondShopAccounts).toBeGreaterThan(0);
    const recordCount = stats.crmContacts + stats.shopAccounts;
    expect(stats.emailTypoRecords / recordCount).toBeGreaterThan(0.02);
    expect(stats.emailTypoRecords / recordCount).toBeLessThan(0.06);
    const countries = new Set(ds.crm.contacts.map((c) => c.country));
    expect([...countries].sort()).toEqual(['DE', 'ES', 'FR', 'GB', 'US']);
  });

  it('assigns local ids in the documented formats, not in person order', () => {
    expect(ds.crm.contacts.map((c) => c.contactId)).toEqual(
      ds.crm.contacts.map((_, i) => `CRM-${String(i + 1).padStart(6, '0')}`),
    );
    expect(ds.commerce.accounts.map((a) => a.accountId)).toEqual(ds.commerce.accounts.map((_, i) => 100001 + i));
    const firstCrm = people
      .flatMap((p) => p.records.filter((r) => r.system === 'crm').map((r) => r.localId))
      .slice(0, 20);
    expect(firstCrm).not.toEqual([...firstCrm].sort());
  });

  it('keeps times in the three years before now, updates after creation', () => {
    const bad = [...ds.crm.contacts, ...ds.commerce.accounts].filter(
      (r) => !(r.createdAt >= '2023-11-01' && r.updatedAt >= r.createdAt && r.updatedAt <= ds.now),
    );
    expect(bad).toEqual([]);
  });

  it('builds orders whose totals are the exact sum of their lines', () => {
    const accounts = new Map(ds.commerce.accounts.map((a) => [a.accountId, a]));
    const currency = {
      FR: 'EUR',
      DE: 'EUR',
      ES: 'EUR',
      GB: 'GBP',
      US: 'USD',
    } as const;
    const bad = ds.commerce.orders.filter((o) => {
      const account = accounts.get(o.accountId);
      return (
        !account ||
        !/^WEB-\d{6}$/.test(o.orderNumber) ||
        o.currency !== currency[account.country] ||
        !(o.placedAt > account.createdAt && o.placedAt < ds.now) ||
        o.lines.length < 1 ||
        o.lines.length > 4 ||
        cents(o.totalAmount) !== o.lines.reduce((sum, l) => sum + cents(l.unitPrice) * l.quantity, 0)
      );
    });
    expect(bad).toEqual([]);
    expect(new Set(ds.commerce.orders.map((o) => o.orderNumber)).size).toBe(ds.commerce.orders.length);
    const perAccount = new Map<number, number>();
    for (const o of ds.commerce.orders) perAccount.set(o.accountId, (perAccount.get(o.accountId) ?? 0) + 1);
    expect(Math.max(...perAccount.values())).toBeLessThanOrEqual(12);
    expect(new Set(ds.commerce.orders.map((o) => o.status))).toEqual(
      new Set(['placed', 'shipped', 'delivered', 'cancelled', 'refunded']),
    );
  });
});
