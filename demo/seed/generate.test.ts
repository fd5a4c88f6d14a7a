import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import {
  generateDataset,
  groundTruthJson,
  groundTruthPieces,
  normaliseEmail,
  type DemoDataset,
  type GroundTruthPerson,
} from './generate';

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

  it('writes the ground truth in pieces of a few hundred people, byte for byte its pretty-printed JSON', () => {
    const pieces = [...groundTruthPieces(ds.groundTruth)];
    expect(ds.groundTruth.people.length).toBeGreaterThan(1000);
    expect(pieces.length).toBe(Math.floor(ds.groundTruth.people.length / 500) + 1);
    expect(pieces.join('')).toBe(`${JSON.stringify(ds.groundTruth, null, 2)}\n`);
    const none = { ...ds.groundTruth, people: [] };
    expect([...groundTruthPieces(none)].join('')).toBe(`${JSON.stringify(none, null, 2)}\n`);
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

  describe('shop catalogue, quotes and carts', () => {
    const { accounts, orders, products, quotes, carts } = ds.commerce;
    const accountById = new Map(accounts.map((a) => [a.accountId, a]));
    const productBySku = new Map(products.map((p) => [p.sku, p]));
    const baseOrders = orders.slice(0, orders.length - ds.stats.everywhereOrders);
    const accountsOf = new Map(
      people.map((p) => [p.id, p.records.filter((r) => r.system === 'commerce').map((r) => Number(r.localId))]),
    );
    const abandoned = carts.filter(
      (c) => c.isActive && c.itemsCount > 0 && Date.parse(c.updatedAt) < Date.parse(ds.now) - 24 * 3600_000,
    );
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

    it('left the CRM, the accounts, the orders and the ground truth exactly as they were before quotes and carts', () => {
      // Fingerprints of the data as generated before the shop activity was added
      // (the ground truth is .data/ground-truth.json). Quotes and carts come
      // from a random stream of their own; a change here reshuffles the demo. The
      // matching hard cases come after every other contact, from a stream of their own too.
      expect({
        crm: sha256(JSON.stringify(ds.crm.contacts.slice(0, ds.stats.crmContacts - ds.stats.matchingHardCases))),
        accounts: sha256(JSON.stringify(accounts)),
        orders: sha256(JSON.stringify(baseOrders)),
        truth: sha256(groundTruthJson(ds.groundTruth)),
      }).toEqual({
        crm: '5b2691534392a5a4465d7687efa63809c1b133f13100ba3a61eca8f2cde78a36',
        accounts: '9e1bc0ead70fa22793f52e621171bf640fc9b6a401deb1710dfdd0ca932fa85a',
        orders: 'abee4c90ecd71c3153ff6dc4a6daa8d3b9fb13cd678a0ece035135e3f51f5a62',
        truth: '5d398f57caf5b343c4cca97b19236bb96e91becfba0b7d5e044e29ea16dac390',
      });
    });

    it('adds the hard cases of probabilistic matching: CRM contacts sharing no identifier with their person', () => {
      const { contacts } = ds.crm;
      const hard = contacts.slice(ds.stats.crmContacts - ds.stats.matchingHardCases);
      expect(hard.length).toBeGreaterThan(60);
      expect(hard[0]!.contactId).toBe(`CRM-${String(contacts.length - hard.length + 1).padStart(6, '0')}`);
      const personOf = new Map(
        ds.groundTruth.people.flatMap((p) => p.records.map((r) => [`${r.system}:${r.localId}`, p])),
      );
      for (const contact of hard) {
        const person = personOf.get(`crm:${contact.contactId}`)!;
        expect(person.records.length).toBeGreaterThan(1);
        // No identifier of the contact is on another record of its person: only a probabilistic match can join it.
        const own = [contact.emailPersonal, contact.phoneMobile].filter((v) => v !== null).length;
        expect(own).toBeGreaterThan(0);
        const others = contacts.filter(
          (c) => c !== contact && person.records.some((r) => r.system === 'crm' && r.localId === c.contactId),
        );
        for (const other of others) {
          expect(other.emailPersonal?.trim().toLowerCase()).not.toBe(contact.emailPersonal?.trim().toLowerCase());
        }
      }
    });

    it('gives every everywhere person an order, and most of them a quote and an abandoned cart', () => {
      const everywhere = ds.people.filter((p) => p.everywhere);
      const has = (rows: ReadonlyArray<{ accountId: number }>, personId: string) =>
        rows.some((r) => accountsOf.get(personId)?.includes(r.accountId));
      expect(everywhere.length).toBeGreaterThan(100);
      expect(everywhere.filter((p) => !has(orders, p.id)).map((p) => p.id)).toEqual([]);
      const quoted = everywhere.filter((p) => has(quotes, p.id)).length;
      const carted = everywhere.filter((p) => has(abandoned, p.id)).length;
      const all = everywhere.filter((p) => has(quotes, p.id) && has(abandoned, p.id)).length;
      expect(quoted / everywhere.length).toBeGreaterThan(0.5);
      expect(carted / everywhere.length).toBeGreaterThan(0.4);
      expect(all).toBeGreaterThan(20);
      // Every everywhere person with a company has a quote.
      expect(everywhere.filter((p) => p.company !== null && !has(quotes, p.id)).map((p) => p.id)).toEqual([]);
    });

    it('numbers the orders added for everywhere people after the others, in time order', () => {
      expect(ds.stats.everywhereOrders).toBeGreaterThan(0);
      const added = orders.slice(baseOrders.length);
      const lastBase = baseOrders.reduce((max, o) => (o.placedAt > max ? o.placedAt : max), '');
      expect(added.every((o) => o.placedAt > lastBase)).toBe(true);
      expect(orders.map((o) => o.orderId)).toEqual(orders.map((_, i) => 100001 + i));
      const byTime = [...orders].sort((a, b) => (a.placedAt < b.placedAt ? -1 : a.placedAt > b.placedAt ? 1 : 0));
      expect(byTime.map((o) => o.orderId)).toEqual(orders.map((o) => o.orderId));
    });

    it('keeps a catalogue with price lists that every order, quote and cart line comes from', () => {
      expect(products).toHaveLength(60);
      expect(new Set(products.map((p) => p.sku)).size).toBe(60);
      expect(new Set(products.map((p) => p.category)).size).toBeGreaterThan(4);
      expect(products.filter((p) => p.status === 'disabled').length).toBeGreaterThan(0);
      const listPrice = (sku: string, currency: string) =>
        productBySku.get(sku)?.prices.find((p) => p.currency === currency)?.listPrice;
      const bad = [
        ...orders.flatMap((o) => o.lines.map((l) => [o.orderNumber, l.sku, l.unitPrice, o.currency])),
        ...quotes.flatMap((q) => q.lines.map((l) => [q.quoteNumber, l.sku, l.unitPrice, q.currency])),
        ...carts.flatMap((c) => c.items.map((i) => [c.cartId, i.sku, i.price, c.currency])),
      ].filter(([, sku, price, currency]) => listPrice(String(sku), String(currency)) !== price);
      expect(bad).toEqual([]);
      // Only products on sale go into new quotes and carts.
      const retired = new Set(products.filter((p) => p.status === 'disabled').map((p) => p.sku));
      expect(quotes.flatMap((q) => q.lines).filter((l) => retired.has(l.sku))).toEqual([]);
      expect(abandoned.flatMap((c) => c.items).filter((i) => retired.has(i.sku))).toEqual([]);
    });

    it('builds quotes whose totals, discounts, validity and status agree', () => {
      const share = new Set(quotes.map((q) => q.accountId)).size / accounts.length;
      expect(share).toBeGreaterThan(0.05);
      expect(share).toBeLessThan(0.25);
      expect(new Set(quotes.map((q) => q.status))).toEqual(
        new Set(['draft', 'sent', 'accepted', 'declined', 'expired']),
      );
      const bad = quotes.filter((q) => {
        const account = accountById.get(q.accountId);
        // A quote can be accepted until the end of its last day.
        const expired = Date.parse(ds.now) >= Date.parse(`${q.validUntil}T00:00:00Z`) + 24 * 3600_000;
        const lineOk = q.lines.every(
          (l) =>
            cents(l.rowTotal) ===
            Math.round((l.quantity * cents(l.unitPrice) * (10_000 - cents(l.discountPercent))) / 10_000),
        );
        return (
          !account ||
          !/^QT-\d{6}$/.test(q.quoteNumber) ||
          !(q.createdAt > account.createdAt && q.updatedAt >= q.createdAt && q.updatedAt <= ds.now) ||
          !lineOk ||
          q.lines.length < 1 ||
          cents(q.totalAmount) !== q.lines.reduce((sum, l) => sum + cents(l.rowTotal), 0) ||
          // Unanswered quotes are still valid at `now`; expired ones are past their last day.
          ((q.status === 'sent' || q.status === 'draft') && expired) ||
          (q.status === 'expired' && !expired)
        );
      });
      expect(bad).toEqual([]);
      // Companies ask for more quotes than private customers do.
      const companyOf = new Map(ds.people.flatMap((p) => (accountsOf.get(p.id) ?? []).map((a) => [a, p.company])));
      const b2b = accounts.filter((a) => companyOf.get(a.accountId));
      const quotedShare = (list: typeof accounts) =>
        list.filter((a) => quotes.some((q) => q.accountId === a.accountId)).length / list.length;
      expect(quotedShare(b2b)).toBeGreaterThan(2 * quotedShare(accounts.filter((a) => !companyOf.get(a.accountId))));
    });

    it('puts a converted cart behind every order and leaves abandoned carts on about 15 % of accounts', () => {
      const converted = new Map(carts.filter((c) => !c.isActive).map((c) => [c.reservedOrderId, c]));
      const mismatched = orders.filter((o) => {
        const cart = converted.get(o.orderNumber);
        return (
          !cart ||
          cart.accountId !== o.accountId ||
          cart.subtotal !== o.totalAmount ||
          cart.convertedAt !== o.placedAt ||
          cart.items
            .map((i) => `${i.sku}x${i.qty}`)
            .sort()
            .join() !==
            o.lines
              .map((l) => `${l.sku}x${l.quantity}`)
              .sort()
              .join()
        );
      });
      expect(mismatched).toEqual([]);
      expect(converted.size).toBe(orders.length);

      const share = new Set(abandoned.map((c) => c.accountId)).size / accounts.length;
      expect(share).toBeGreaterThan(0.12);
      expect(share).toBeLessThan(0.18);
      expect(carts.some((c) => c.isActive && c.itemsCount === 0)).toBe(true);
      const bad = carts.filter((c) => {
        const account = accountById.get(c.accountId);
        const last = c.items.reduce((max, i) => (i.createdAt > max ? i.createdAt : max), c.createdAt);
        return (
          !account ||
          c.createdAt < account.createdAt ||
          c.updatedAt > ds.now ||
          c.itemsCount !== c.items.length ||
          c.itemsQty !== c.items.reduce((n, i) => n + i.qty, 0) ||
          cents(c.subtotal) !== c.items.reduce((sum, i) => sum + cents(i.rowTotal), 0) ||
          c.items.some((i) => cents(i.rowTotal) !== cents(i.price) * i.qty || i.createdAt < c.createdAt) ||
          // The last change of a cart is the last product put in it.
          (c.isActive && c.itemsCount > 0 && last !== c.updatedAt)
        );
      });
      expect(bad).toEqual([]);
      expect(carts.map((c) => c.cartId)).toEqual(carts.map((_, i) => 100001 + i));
      const itemIds = carts.flatMap((c) => c.items.map((i) => i.itemId));
      expect(new Set(itemIds).size).toBe(itemIds.length);
    });
  });
});
