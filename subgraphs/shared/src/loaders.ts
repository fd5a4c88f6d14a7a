import DataLoader from 'dataloader';

/**
 * Builds a per-request DataLoader from a function that fetches many rows at
 * once: results come back in key order, `null` for keys the source does not
 * know, and an Error in every slot when the source call fails, so that the
 * failure surfaces on each requesting field instead of crashing the request.
 */
export function keyedLoader<K, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map<K, R>();
    for (const row of rows) byKey.set(keyOf(row), row);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like keyedLoader, but each key maps to a list of rows (e.g. orders of an account). */
export function groupedLoader<K, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, R[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The local ids of one system among a customer's source records (as sent by the query planner). */
export function localIdsOf(sourceRecords: unknown, system: string): string[] {
  // Typed `unknown` because the generated federation types describe the
  // @requires selection loosely; the planner always sends a list here.
  if (!Array.isArray(sourceRecords)) return [];
  return (sourceRecords as { system: string; localId: string }[])
    .filter((r) => r.system === system)
    .map((r) => r.localId);
}

/** Loads many keys and fails as a whole when the source failed, dropping unknown keys. */
export async function loadAll<K, V>(loader: DataLoader<K, V | null>, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  const failed = values.find((v): v is Error => v instanceof Error);
  if (failed) throw failed;
  return values.filter((v): v is Awaited<V> => v !== null) as V[];
}
