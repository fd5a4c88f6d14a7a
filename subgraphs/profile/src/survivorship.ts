/**
 * Survivorship: choosing one golden value per attribute from the values the
 * sources hold, by rules that are data (see rules.ts), with the lineage of the
 * value chosen and the reason it won.
 *
 * A rule is an ordered list of strategies. Each strategy narrows the
 * candidates to the ones it prefers; the first strategy that leaves a single
 * distinct value decides, later ones break the ties of earlier ones. When all
 * strategies still leave several distinct values, the most recent record
 * (then system and record id, for determinism) decides and the reason says so.
 */

export const STRATEGIES = ['SOURCE_PRIORITY', 'MOST_RECENT', 'MOST_FREQUENT', 'MOST_COMPLETE'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** A value a source holds for an attribute, with where it comes from. */
export interface Candidate<T = unknown> {
  value: T;
  /**
   * The value's match key: equal keys are the same value written differently
   * (an email in capitals, a phone in national format). Frequency counts keys.
   */
  key: string;
  /** Source system, e.g. crm. */
  system: string;
  /** The record's id in that system. */
  localId: string;
  /** When the source last changed the record (ISO-8601), null when it does not say. */
  updatedAt: string | null;
  /** Share of the value's parts that are filled in, 0 to 1 (an address with a postcode beats one without). */
  completeness: number;
}

export interface AttributeRule {
  /** Strategies in order of precedence; at least one. */
  strategies: Strategy[];
  /** Source systems best first, for SOURCE_PRIORITY; systems not listed rank after the listed ones, equal among themselves. */
  sourcePriority: string[];
}

export interface Choice<T> {
  winner: Candidate<T>;
  /** The strategy that left one value; UNANIMOUS when the sources agree; TIE_BREAK when no strategy decided. */
  decidedBy: Strategy | 'UNANIMOUS' | 'TIE_BREAK';
}

const time = (c: Candidate) => (c.updatedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(c.updatedAt));

function keepBest<T>(candidates: Candidate<T>[], score: (c: Candidate<T>) => number): Candidate<T>[] {
  const best = Math.max(...candidates.map(score));
  return candidates.filter((c) => score(c) === best);
}

function narrow<T>(strategy: Strategy, candidates: Candidate<T>[], rule: AttributeRule): Candidate<T>[] {
  switch (strategy) {
    case 'SOURCE_PRIORITY': {
      const rank = (c: Candidate<T>) => {
        const i = rule.sourcePriority.indexOf(c.system);
        return i === -1 ? -rule.sourcePriority.length : -i;
      };
      return keepBest(candidates, rank);
    }
    case 'MOST_RECENT':
      return keepBest(candidates, time);
    case 'MOST_FREQUENT': {
      const counts = new Map<string, number>();
      for (const c of candidates) counts.set(c.key, (counts.get(c.key) ?? 0) + 1);
      return keepBest(candidates, (c) => counts.get(c.key) ?? 0);
    }
    case 'MOST_COMPLETE':
      return keepBest(candidates, (c) => c.completeness);
  }
}

const distinctKeys = (candidates: Candidate[]) => new Set(candidates.map((c) => c.key)).size;

/** The golden value among the candidates under the rule; null when there is no candidate. */
export function choose<T>(candidates: readonly Candidate<T>[], rule: AttributeRule): Choice<T> | null {
  if (candidates.length === 0) return null;
  let left = [...candidates];
  if (distinctKeys(left) === 1) return { winner: newest(left), decidedBy: 'UNANIMOUS' };
  for (const strategy of rule.strategies) {
    left = narrow(strategy, left, rule);
    if (distinctKeys(left) === 1) return { winner: newest(left), decidedBy: strategy };
  }
  return { winner: newest(left), decidedBy: 'TIE_BREAK' };
}

/** Among candidates of one value, the newest record is the one to point at in lineage. */
function newest<T>(candidates: Candidate<T>[]): Candidate<T> {
  return [...candidates].sort((a, b) => time(b) - time(a) || cmp(a.system, b.system) || cmp(a.localId, b.localId))[0]!;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
