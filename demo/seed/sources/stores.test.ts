import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateDataset } from '../generate';
import { addSourceTruth, type SourceSeedContext } from './contract';
import { generateStores, loadStores, renderStoresExports, STORES_SYSTEM, type StoresSeed } from './stores';
import { parseExportFile, type ExportFile } from '@c360/subgraph-stores/sources/export-files';
import { ExportIndex } from '@c360/subgraph-stores/sources/export-index';
import { normalizeIdentifier } from '@c360/subgraph-identity/normalize';

/** Pure generation, plus a load into a temporary folder: no services needed. */

const DAY_MS = 24 * 60 * 60 * 1000;
const base = generateDataset({ people: 1000 });
const ctx: SourceSeedContext = { seed: base.seed, nowMs: Date.parse(base.now), people: base.people };
const seed: StoresSeed = generateStores(ctx);
const files = renderStoresExports(seed.data);

/** The files as the stores subgraph reads them. */
function readBack(list: ReadonlyArray<{ name: string; content: string }>) {
  const parsed: ExportFile[] = [];
  const warnings: string[] = [];
  for (const file of list) {
    const result = parseExportFile(file.name, file.content);
    if (!result) throw new Error(`${file.name} is not an export name`);
    parsed.push(result.file);
    warnings.push(...result.warnings.map((w) => `${w.file}:${w.line}: ${w.message}`));
  }
  return { index: ExportIndex.build(parsed), parsed, warnings };
}

describe('generateStores', () => {
  it('gives the same data for the same seed, and other data for another seed', () => {
    const again = generateStores(ctx);
    expect(JSON.stringify(again)).toBe(JSON.stringify(seed));
    const other = generateStores({ ...ctx, seed: ctx.seed + 1 });
    expect(other.truth.map((t) => t.localId)).not.toEqual(seed.truth.map((t) => t.localId));
  });

  it('gives every everywhere person a card with their email and phone, and several receipts', () => {
    const { index } = readBack(files);
    const everywhere = ctx.people.filter((p) => p.everywhere);
    expect(everywhere.length).toBeGreaterThan(20);
    for (const person of everywhere) {
      const records = seed.truth.filter((t) => t.personId === person.id);
      expect(records.length).toBeGreaterThanOrEqual(1);
      const identifiers = records.flatMap((r) => r.identifiers);
      expect(identifiers).toEqual(expect.arrayContaining([{ kind: 'PHONE', value: person.mobile }]));
      expect(identifiers.filter((i) => i.kind === 'EMAIL').length).toBeGreaterThan(0);
      const receipts = records.flatMap((r) => index.card(r.localId).receipts);
      expect(receipts.length).toBeGreaterThanOrEqual(3);
      expect(records.map((r) => index.card(r.localId).member?.lastName?.toLowerCase())).toContain(
        person.lastName.toLowerCase(),
      );
    }
  });

  it('looks like a real loyalty programme: 40 % members, re-issued cards, missing emails, mostly anonymous sales', () => {
    const { stats } = seed;
    expect(stats.members / ctx.people.length).toBeGreaterThan(0.35);
    expect(stats.members / ctx.people.length).toBeLessThan(0.45);
    expect(stats.cards).toBe(seed.truth.length);
    expect(stats.reissuedCards).toBeGreaterThan(0);
    expect(stats.cards - stats.members).toBe(stats.reissuedCards);
    expect(stats.cardsWithoutEmail / stats.cards).toBeGreaterThan(0.15);
    expect(stats.cardsWithoutPhone).toBeGreaterThan(0);
    expect(stats.anonymousReceipts).toBeGreaterThan(stats.receiptsWithCard);
    expect(stats.unregisteredCardReceipts).toBeGreaterThan(0);
    expect(stats.stores).toBe(15);
    expect(new Set(seed.data.stores.map((s) => s.country))).toEqual(new Set(['FR', 'GB', 'DE', 'US', 'ES']));
    // Receipts over the last two years, none after `now`.
    const times = seed.data.receipts.map((r) => Date.parse(r.purchasedAt));
    expect(Math.max(...times)).toBeLessThan(ctx.nowMs);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(ctx.nowMs - 732 * DAY_MS);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(700 * DAY_MS);
    // Several member exports: a full one, then the daily changes.
    expect(seed.data.memberExports.length).toBeGreaterThan(3);
    expect(seed.data.memberExports[0]!.rows.length).toBeGreaterThan(seed.data.memberExports[1]!.rows.length);
  });

  it('writes files the stores subgraph reads without a warning, in each store’s decimal convention', () => {
    const { index, warnings } = readBack(files);
    expect(warnings).toEqual([]);
    expect(index.size).toEqual({ members: seed.stats.cards, receipts: seed.stats.receipts, stores: 15 });
    const tillOf = (code: string) => files.find((f) => f.name.startsWith(`TILL_${code}_`))!.content.split('\r\n')[1]!;
    expect(tillOf('PAR01')).toMatch(/;\d+,\d{2};\d+,\d{2};\d+,\d{2};EUR;/);
    expect(tillOf('BER01')).toMatch(/;\d+,\d{2};\d+,\d{2};\d+,\d{2};EUR;/);
    expect(tillOf('LON01')).toMatch(/;\d+\.\d{2};\d+\.\d{2};\d+\.\d{2};GBP;/);
    expect(tillOf('NYC01')).toMatch(/T\d{2}:\d{2}:\d{2}-0[45]:00;/);
  });

  it('reports a ground truth that matches the files, with identifiers as the identity graph normalises them', () => {
    const { index } = readBack(files);
    const people = new Map(ctx.people.map((p) => [p.id, p]));
    const cardNumbers = new Set<string>();
    for (const record of seed.truth) {
      expect(record.system).toBe(STORES_SYSTEM);
      const member = index.card(record.localId).member;
      expect(member).not.toBeNull();
      const person = people.get(record.personId)!;
      const region = member!.country ?? person.country;
      const expected = [
        normalizeIdentifier('LOYALTY_CARD', member!.printedNumber),
        ...(member!.email ? [normalizeIdentifier('EMAIL', member!.email)] : []),
        ...(member!.phone ? [normalizeIdentifier('PHONE', member!.phone, region)] : []),
      ];
      expect(record.identifiers).toEqual(expected);
      expect(record.localId).toBe(expected[0]!.value);
      expect(cardNumbers.has(record.localId)).toBe(false);
      cardNumbers.add(record.localId);
      // Only the person's own values.
      for (const id of record.identifiers) {
        if (id.kind === 'EMAIL') expect([person.personalEmail, person.workEmail]).toContain(id.value);
        if (id.kind === 'PHONE') expect(id.value).toBe(person.mobile);
      }
    }
    // Some cards are written as printed (spaces, dashes, lower case): the messiness the normaliser undoes.
    const printed = seed.data.memberExports.flatMap((e) => e.rows.map((r) => r.cardNumber));
    expect(printed.some((c) => / /.test(c))).toBe(true);
    expect(printed.some((c) => /^[a-z]{2}-/.test(c))).toBe(true);
    expect(() => addSourceTruth(structuredClone(base.groundTruth), seed.truth)).not.toThrow();
  });
});

describe('loadStores', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'c360-stores-seed-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the export files, and a rerun replaces the earlier run’s exports only', async () => {
    await writeFile(path.join(dir, 'TILL_OLD01_20200101.csv'), 'from an earlier run');
    await writeFile(path.join(dir, 'notes.txt'), 'not ours');
    const messages: string[] = [];
    const first = await loadStores(seed.data, { dir, log: (m) => messages.push(m) });
    expect(first).toMatchObject({
      files: files.length,
      removed: 1,
      receipts: seed.stats.receipts,
      cards: seed.stats.cards,
    });
    expect(messages).toEqual([expect.stringContaining(`${files.length} export files`)]);
    const names = await readdir(dir);
    expect(names.sort()).toEqual([...files.map((f) => f.name), 'notes.txt'].sort());
    const sample = files[files.length - 1]!;
    expect(await readFile(path.join(dir, sample.name), 'utf8')).toBe(sample.content);

    const smaller = generateStores({ ...ctx, people: ctx.people.slice(0, 100) });
    const second = await loadStores(smaller.data, { dir });
    const smallerNames = new Set(renderStoresExports(smaller.data).map((f) => f.name));
    const after = await readdir(dir);
    expect(after.sort()).toEqual([...smallerNames, 'notes.txt'].sort());
    expect(second.removed).toBe(files.filter((f) => !smallerNames.has(f.name)).length);
    expect(second.removed).toBeGreaterThan(0);
    const reread = readBack(
      await Promise.all(
        after
          .filter((n) => n !== 'notes.txt')
          .map(async (name) => ({ name, content: await readFile(path.join(dir, name), 'utf8') })),
      ),
    );
    expect(reread.warnings).toEqual([]);
    expect(reread.index.size.members).toBe(smaller.stats.cards);
  });
});
