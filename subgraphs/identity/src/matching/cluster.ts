/**
 * Clusters of records joined by links (union-find with path halving and union
 * by size). Every record is in exactly one cluster, records without a link
 * alone in theirs. Clusters are numbered 0, 1, … in the order of their first
 * record, so the numbering depends only on the input order and the links.
 */
export interface Clusters {
  /** Record index → cluster number. */
  clusterOf: Int32Array;
  /** Number of clusters, singletons included. */
  count: number;
  /** Records in each cluster. */
  sizes: Int32Array;
}

export function clusterLinks(
  recordCount: number,
  left: Int32Array,
  right: Int32Array,
  linked: (pair: number) => boolean,
): Clusters {
  const parent = Int32Array.from({ length: recordCount }, (_, i) => i);
  const size = new Int32Array(recordCount).fill(1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let p = 0; p < left.length; p++) {
    if (!linked(p)) continue;
    let a = find(left[p]!);
    let b = find(right[p]!);
    if (a === b) continue;
    if (size[a]! < size[b]!) [a, b] = [b, a];
    parent[b] = a;
    size[a]! += size[b]!;
  }

  const clusterOf = new Int32Array(recordCount);
  const numberOfRoot = new Int32Array(recordCount).fill(-1);
  let count = 0;
  for (let i = 0; i < recordCount; i++) {
    const root = find(i);
    if (numberOfRoot[root] === -1) numberOfRoot[root] = count++;
    clusterOf[i] = numberOfRoot[root]!;
  }
  const sizes = new Int32Array(count);
  for (let i = 0; i < recordCount; i++) sizes[clusterOf[i]!]!++;
  return { clusterOf, count, sizes };
}
