import type { IdentifierKind } from './normalize';
import type { ResolutionRules } from './rules';

/** What the graph holds about one record around the records being resolved. */
export interface RecordState {
  key: string;
  customerId: string | null;
  customerCreatedAt: string | null;
  /** Unlinked by hand: links through identifiers are not made for this record. */
  pinned: boolean;
  /** Match key of the name on the record, if the source gave one. */
  nameKey?: string | null;
  identifiers: { kind: IdentifierKind; value: string; blocked: boolean; others: string[] }[];
  /** Explicit links (manual merges, probabilistic matches): always honoured. */
  sameAs: { other: string; rule: string }[];
}

export type LinkRefusal =
  'weak-link-between-known-customers' | 'too-many-values' | 'kind-does-not-link' | 'record-unlinked';

export interface RefusedLink {
  from: string;
  to: string;
  kind: IdentifierKind;
  value: string;
  reason: LinkRefusal;
}

export interface Resolution {
  /** Record key → customer id, for every record given. */
  assignment: Map<string, string>;
  newCustomers: string[];
  /** Customers left without records, redirected to where most of their records went. */
  merges: { from: string; into: string }[];
  /** Records whose customer changes. */
  changes: { key: string; customerId: string; previous: string | null; rule: string }[];
  refused: RefusedLink[];
}

export const RULES = {
  sharedIdentifier: 'deterministic:shared-identifier',
  singleRecord: 'deterministic:single-record',
  manual: 'manual',
  /** A SAME_AS link made by the probabilistic matcher (score at or above the upper threshold). */
  probabilistic: 'probabilistic:fellegi-sunter',
  /** A SAME_AS link a person accepted from the review queue: honoured like a manual link. */
  reviewed: 'probabilistic:reviewed',
} as const;

interface Cluster {
  strong: boolean;
  values: Map<IdentifierKind, Set<string>>;
  size: number;
}

/**
 * Decides the customers of a closed set of records (every record linked to
 * one of them is in the set). Links are made strongest kind first, as in a
 * union-find, and a link is refused when it breaks a rule: its kind does not
 * link, a weak identifier would join two known customers, a customer would
 * hold too many values of a kind, or a record was unlinked by hand. Explicit
 * SAME_AS links are made before any identifier link and are never refused.
 *
 * Each resulting cluster keeps the id of the customer holding most of its
 * records (so a cluster keeps its id as records arrive, and the larger part
 * keeps it on a split); the rest get new ids, and customers left without
 * records are redirected to where most of their records went.
 */
export function resolve(states: Map<string, RecordState>, rules: ResolutionRules, newId: () => string): Resolution {
  const parent = new Map<string, string>();
  const clusters = new Map<string, Cluster>();
  for (const [key, state] of states) {
    parent.set(key, key);
    const values = new Map<IdentifierKind, Set<string>>();
    let strong = false;
    for (const idf of state.identifiers) {
      if (idf.blocked) continue;
      if (!rules.kinds[idf.kind].weak) strong = true;
      values.set(idf.kind, (values.get(idf.kind) ?? new Set()).add(idf.value));
    }
    clusters.set(key, { strong, values, size: 1 });
  }
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = k; node !== root;) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    const [ca, cb] = [clusters.get(ra)!, clusters.get(rb)!];
    for (const [kind, values] of cb.values) ca.values.set(kind, new Set([...(ca.values.get(kind) ?? []), ...values]));
    ca.strong ||= cb.strong;
    ca.size += cb.size;
    parent.set(rb, ra);
    clusters.delete(rb);
  };

  // Explicit links first: a decision made by a person wins. A link the matcher made alone comes next and
  // gives way, like an identifier link, to a record unlinked by hand or a per-kind limit.
  const matched: { from: string; to: string }[] = [];
  for (const state of states.values()) {
    for (const link of state.sameAs) {
      if (!states.has(link.other)) continue;
      if (link.rule === RULES.probabilistic) {
        if (state.key < link.other) matched.push({ from: state.key, to: link.other });
      } else union(state.key, link.other);
    }
  }
  const refused: RefusedLink[] = [];
  for (const { from, to } of matched.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to))) {
    const [ra, rb] = [find(from), find(to)];
    if (ra === rb) continue;
    if (states.get(from)!.pinned || states.get(to)!.pinned) continue;
    const [ca, cb] = [clusters.get(ra)!, clusters.get(rb)!];
    const tooMany = [...cb.values].some(
      ([kind, values]) => new Set([...(ca.values.get(kind) ?? []), ...values]).size > rules.kinds[kind].maxPerCustomer,
    );
    if (!tooMany) union(ra, rb);
  }

  const edges: { from: string; to: string; kind: IdentifierKind; value: string }[] = [];
  for (const state of states.values()) {
    for (const idf of state.identifiers) {
      if (idf.blocked) continue;
      for (const other of idf.others) {
        if (other > state.key && states.has(other))
          edges.push({ from: state.key, to: other, kind: idf.kind, value: idf.value });
      }
    }
  }
  edges.sort(
    (a, b) =>
      rules.kinds[b.kind].priority - rules.kinds[a.kind].priority ||
      a.from.localeCompare(b.from) ||
      a.to.localeCompare(b.to),
  );

  for (const edge of edges) {
    const [ra, rb] = [find(edge.from), find(edge.to)];
    if (ra === rb) continue;
    const rule = rules.kinds[edge.kind];
    const reason = refusal();
    if (reason) refused.push({ ...edge, reason });
    else union(ra, rb);

    function refusal(): LinkRefusal | null {
      if (!rule.links) return 'kind-does-not-link';
      if (states.get(edge.from)!.pinned || states.get(edge.to)!.pinned) return 'record-unlinked';
      const [ca, cb] = [clusters.get(ra)!, clusters.get(rb)!];
      if (rule.weak && ca.strong && cb.strong) return 'weak-link-between-known-customers';
      for (const [kind, values] of cb.values) {
        const merged = new Set([...(ca.values.get(kind) ?? []), ...values]);
        if (merged.size > rules.kinds[kind].maxPerCustomer) return 'too-many-values';
      }
      return null;
    }
  }

  // Largest cluster first, so that on a split the larger part keeps the id; a
  // part holding a record unlinked by hand gives way on a tie, then the part
  // with the smallest record key: the outcome never depends on the order in
  // which the records were read.
  const components = new Map<string, string[]>();
  for (const key of states.keys()) {
    const root = find(key);
    const members = components.get(root) ?? [];
    members.push(key);
    components.set(root, members);
  }
  for (const members of components.values()) members.sort();
  const hasPinned = (members: string[]) => members.some((m) => states.get(m)!.pinned);
  const ordered = [...components.values()].sort(
    (a, b) => b.length - a.length || Number(hasPinned(a)) - Number(hasPinned(b)) || a[0]!.localeCompare(b[0]!),
  );
  const createdAt = new Map<string, string>();
  for (const s of states.values()) if (s.customerId) createdAt.set(s.customerId, s.customerCreatedAt ?? '');

  const claimed = new Set<string>();
  const assignment = new Map<string, string>();
  const newCustomers: string[] = [];
  for (const members of ordered) {
    const counts = new Map<string, number>();
    for (const m of members) {
      const c = states.get(m)!.customerId;
      if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let id = [...counts.entries()]
      .filter(([c]) => !claimed.has(c))
      .sort(
        ([a, na], [b, nb]) =>
          nb - na || (createdAt.get(a) ?? '').localeCompare(createdAt.get(b) ?? '') || a.localeCompare(b),
      )[0]?.[0];
    if (!id) {
      id = newId();
      newCustomers.push(id);
    }
    claimed.add(id);
    for (const m of members) assignment.set(m, id);
  }

  // Where the records of each customer went, to redirect the customers left without records.
  const destinations = new Map<string, Map<string, number>>();
  for (const s of states.values()) {
    if (!s.customerId) continue;
    const to = destinations.get(s.customerId) ?? new Map<string, number>();
    to.set(assignment.get(s.key)!, (to.get(assignment.get(s.key)!) ?? 0) + 1);
    destinations.set(s.customerId, to);
  }
  const merges: { from: string; into: string }[] = [];
  for (const [old, to] of destinations) {
    if (claimed.has(old)) continue;
    const [into] = [...to.entries()].sort(([a, na], [b, nb]) => nb - na || a.localeCompare(b))[0]!;
    merges.push({ from: old, into });
  }

  const sizes = new Map<string, number>();
  for (const c of assignment.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const changes = [...states.values()]
    .filter((s) => s.customerId !== assignment.get(s.key))
    .map((s) => {
      const customerId = assignment.get(s.key)!;
      const linked = (rule: string) => s.sameAs.some((l) => assignment.get(l.other) === customerId && l.rule === rule);
      const explicit = [RULES.manual, RULES.reviewed, RULES.probabilistic].find(linked);
      const rule = explicit ?? (sizes.get(customerId)! > 1 ? RULES.sharedIdentifier : RULES.singleRecord);
      return { key: s.key, customerId, previous: s.customerId, rule };
    });

  return { assignment, newCustomers, merges, changes, refused };
}
