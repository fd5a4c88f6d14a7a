/**
 * Pairwise precision and recall of `c360 resolve` clusters against the truth
 * column of a generated sample (generate-sample.ts):
 *
 *   npx tsx subgraphs/identity/src/matching/evaluate-sample.ts --sample sample.csv --clusters clusters.csv
 */
import { parseArgs } from 'node:util';
import { pairwiseMetrics } from '../../scripts/metrics';
import { readCsv } from './csv';

async function column(path: string, key: string, value: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let [k, v] = [-1, -1];
  await readCsv(path, {
    onHeader: (header) => {
      [k, v] = [header.indexOf(key), header.indexOf(value)];
      if (k < 0 || v < 0) throw new Error(`${path}: expected columns ${key} and ${value}, found ${header.join(', ')}`);
    },
    onRow: (fields) => {
      if (fields.length > Math.max(k, v)) out.set(fields[k]!, fields[v]!);
    },
    onUnreadable: () => {},
  });
  return out;
}

const groups = (of: Map<string, string>, keep: (record: string) => boolean) => {
  const byGroup = new Map<string, string[]>();
  for (const [record, group] of of) if (keep(record)) byGroup.set(group, [...(byGroup.get(group) ?? []), record]);
  return [...byGroup.values()];
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sample: { type: 'string' }, clusters: { type: 'string' } } });
  if (!values.sample || !values.clusters) {
    process.stderr.write('usage: evaluate-sample.ts --sample sample.csv --clusters clusters.csv\n');
    process.exitCode = 2;
    return;
  }
  const truth = await column(values.sample, 'record_id', 'person_id');
  const predicted = await column(values.clusters, 'id', 'cluster_id');
  // Bad rows the CLI skipped are in neither clustering.
  const metrics = pairwiseMetrics(
    groups(predicted, () => true),
    groups(truth, (r) => predicted.has(r)),
  );
  const { overMerged, ...rest } = metrics;
  process.stdout.write(`${JSON.stringify({ ...rest, overMergedClusters: overMerged.length }, null, 2)}\n`);
}

void main();
