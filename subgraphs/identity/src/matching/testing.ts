import type { RawValues } from './attributes';
import { COMPARISONS, COMPARISON_COUNT, MISSING, compareRecords } from './comparisons';
import { normalizeRecord, type NormalizedRecord } from './normalize';

/** Test helper: normalised records from raw values, indexed in order; throws on a fatal issue. */
export function records(...values: (RawValues & { source?: number })[]): NormalizedRecord[] {
  return values.map(({ source, ...raw }, index) => {
    const { record, issues } = normalizeRecord({ source: source ?? 0, id: `r${index + 1}`, values: raw }, index);
    const fatal = issues.filter((i) => i.fatal);
    if (fatal.length > 0) throw new Error(`records: fatal issue in test record ${index + 1}: ${fatal[0]!.message}`);
    return record;
  });
}

/** Test helper: the level name of each comparison of two raw records (comparisons with a missing side left out). */
export function levels(a: RawValues, b: RawValues): Record<string, string> {
  const [x, y] = records(a, b);
  const out = compareRecords(x!, y!, new Int8Array(COMPARISON_COUNT));
  const named: Record<string, string> = {};
  COMPARISONS.forEach((c, i) => {
    if (out[i] !== MISSING) named[c.name] = c.levels[out[i]!]!;
  });
  return named;
}
