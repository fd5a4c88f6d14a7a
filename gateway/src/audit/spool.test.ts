import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { DurableSpool } from './spool';

/** The PII-read audit's spool on local disk: durable appends, at-least-once delivery, crash recovery. */
describe('DurableSpool', () => {
  const fresh = () => mkdtempSync(path.join(tmpdir(), 'c360-spool-'));

  it('delivers every record once it is on disk, in order, in batches, and keeps those a failed delivery returned', async () => {
    const dir = fresh();
    const spool = new DurableSpool<{ n: number }>({ dir, prefix: 'test' });
    await spool.open();
    await Promise.all(Array.from({ length: 25 }, (_, n) => spool.append({ n })));
    const delivered: number[] = [];
    await expect(
      spool.deliver(10, async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    while ((await spool.deliver(10, async (records) => void delivered.push(...records.map((r) => r.n)))) > 0);
    expect(delivered).toEqual(Array.from({ length: 25 }, (_, n) => n));
    expect(spool.undeliveredBytes()).toBe(0);
    await spool.close();
  });

  it('adopts the segment of a process that died, skips its torn last line, and deletes it once delivered', async () => {
    const dir = fresh();
    // A gateway (pid 2^22+1: no such process) crashed mid-write: two whole records and half of a third.
    const orphan = path.join(dir, `test-${hostname().replace(/[^A-Za-z0-9.-]/g, '_')}-${2 ** 22 + 1}-1.jsonl`);
    // Another host's segment is not this gateway's to deliver.
    const foreign = path.join(dir, `test-other-host-${2 ** 22 + 1}-1.jsonl`);
    writeFileSync(foreign, '{"n":99}\n');
    writeFileSync(orphan, '{"n":1}\n{"n":2}\n{"n":');
    const spool = new DurableSpool<{ n: number }>({ dir, prefix: 'test' });
    await spool.open();
    await spool.append({ n: 3 });
    const delivered: number[] = [];
    while ((await spool.deliver(100, async (records) => void delivered.push(...records.map((r) => r.n)))) > 0);
    expect(delivered).toEqual([1, 2, 3]);
    expect(readdirSync(dir).filter((f) => f.includes(`${2 ** 22 + 1}`))).toEqual([path.basename(foreign)]);
    await spool.close();
  });

  it('lets two spools of one process share a folder, each delivering only its own records (several gateways in one process)', async () => {
    const dir = fresh();
    // Both open in the same millisecond (as they did on a fast CI run): still two segments.
    const now = jest.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    const a = new DurableSpool<{ n: number }>({ dir, prefix: 'test' });
    await a.open();
    await a.append({ n: 1 });
    // Same pid, a live segment: b must not adopt a's, nor delete it once it has delivered it.
    const b = new DurableSpool<{ n: number }>({ dir, prefix: 'test' });
    await b.open();
    now.mockRestore();
    expect(readdirSync(dir)).toHaveLength(2);
    await b.append({ n: 2 });
    const fromB: number[] = [];
    while ((await b.deliver(100, async (records) => void fromB.push(...records.map((r) => r.n)))) > 0);
    await a.append({ n: 3 });
    const fromA: number[] = [];
    while ((await a.deliver(100, async (records) => void fromA.push(...records.map((r) => r.n)))) > 0);
    expect({ fromA, fromB }).toEqual({ fromA: [1, 3], fromB: [2] });
    await a.close();
    await b.close();
  });

  it('starts a new segment once a large one is delivered, removing the old', async () => {
    const dir = fresh();
    const spool = new DurableSpool<{ pad: string }>({ dir, prefix: 'test', rotateBytes: 1000 });
    await spool.open();
    const [first] = readdirSync(dir);
    for (let i = 0; i < 20; i++) await spool.append({ pad: 'x'.repeat(100) });
    while ((await spool.deliver(7, async () => undefined)) > 0);
    const now = readdirSync(dir);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(first);
    await spool.close();
  });
});
