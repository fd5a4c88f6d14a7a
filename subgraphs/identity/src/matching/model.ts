import { z } from 'zod';
import type { Attribute } from './attributes';
import { COMPARISONS, MISSING } from './comparisons';

/** m and u of each level of one comparison. */
export interface ComparisonParameters {
  name: string;
  levels: readonly string[];
  m: readonly number[];
  u: readonly number[];
}

/** One line of the explanation of a score. */
export interface WeightedLevel {
  comparison: string;
  attributes: readonly Attribute[];
  /** Level name, or `missing` when a side lacks the value. */
  level: string;
  /** log2(m/u); 0 when missing. */
  weight: number;
  m: number | null;
  u: number | null;
}

/**
 * A Fellegi–Sunter model: for each comparison level, m = P(level | match)
 * and u = P(level | non-match) among candidate pairs, and the weight
 * log2(m/u) that a pair at that level adds to its score. `lambda` is the
 * share of matches among candidate pairs (EM estimates it), which turns a
 * score into a probability.
 */
export class MatchModel {
  readonly comparisons: readonly ComparisonParameters[];
  readonly lambda: number;
  private readonly weights: Float64Array[];

  constructor(comparisons: readonly ComparisonParameters[], lambda: number) {
    if (comparisons.length !== COMPARISONS.length) {
      throw new Error(
        `MatchModel: expected parameters for ${COMPARISONS.length} comparisons, received ${comparisons.length}`,
      );
    }
    comparisons.forEach((c, i) => {
      const spec = COMPARISONS[i]!;
      if (c.name !== spec.name || c.levels.join() !== spec.levels.join()) {
        throw new Error(
          `MatchModel: expected comparison ${i} to be ${spec.name} with levels ${spec.levels.join(', ')}, received ${c.name} with levels ${c.levels.join(', ')}`,
        );
      }
      for (const [what, values] of [
        ['m', c.m],
        ['u', c.u],
      ] as const) {
        const sum = values.reduce((s, v) => s + v, 0);
        if (values.length !== spec.levels.length || values.some((v) => !(v > 0 && v < 1)) || Math.abs(sum - 1) > 1e-6) {
          throw new Error(
            `MatchModel: expected ${what} of ${c.name} to be ${spec.levels.length} probabilities in (0, 1) summing to 1, received [${values.join(', ')}]`,
          );
        }
      }
    });
    if (!(lambda > 0 && lambda < 1)) throw new Error(`MatchModel: expected lambda in (0, 1), received ${lambda}`);
    this.comparisons = comparisons;
    this.lambda = lambda;
    this.weights = comparisons.map((c) => Float64Array.from(c.m, (m, l) => Math.log2(m / c.u[l]!)));
  }

  /** The built-in m and u (see COMPARISONS), with one match in ten candidate pairs. */
  static defaults(): MatchModel {
    return new MatchModel(
      COMPARISONS.map((c) => ({ name: c.name, levels: c.levels, m: c.m, u: c.u })),
      0.1,
    );
  }

  /** Weight of one level of one comparison; 0 for MISSING. */
  weight(comparison: number, level: number): number {
    return level === MISSING ? 0 : this.weights[comparison]![level]!;
  }

  /** The Fellegi–Sunter score of a comparison vector: the sum of its weights (log2 of the likelihood ratio). */
  score(levels: ArrayLike<number>): number {
    let total = 0;
    for (let c = 0; c < this.weights.length; c++) total += this.weight(c, levels[c]!);
    return total;
  }

  /** P(match | score) given the share of matches among candidates. */
  probability(score: number): number {
    const logOdds = score + Math.log2(this.lambda / (1 - this.lambda));
    return 1 / (1 + 2 ** -logOdds);
  }

  /** The weight each comparison adds, for explaining a score. */
  explain(levels: ArrayLike<number>): WeightedLevel[] {
    return this.comparisons.map((c, i) => {
      const level = levels[i]!;
      const missing = level === MISSING;
      return {
        comparison: c.name,
        attributes: COMPARISONS[i]!.attributes,
        level: missing ? 'missing' : c.levels[level]!,
        weight: this.weight(i, level),
        m: missing ? null : c.m[level]!,
        u: missing ? null : c.u[level]!,
      };
    });
  }

  toJSON(): ModelJson {
    return {
      lambda: this.lambda,
      comparisons: Object.fromEntries(
        this.comparisons.map((c) => [
          c.name,
          Object.fromEntries(c.levels.map((level, l) => [level, { m: c.m[l]!, u: c.u[l]! }])),
        ]),
      ),
    };
  }

  /**
   * Reads a model saved by toJSON (or written by hand). Comparisons left out
   * keep their defaults; a comparison given must list every level.
   */
  static fromJSON(json: unknown): MatchModel {
    const parsed = modelJson.safeParse(json);
    if (!parsed.success) {
      throw new Error(
        `Invalid match model:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
      );
    }
    const known = new Set(COMPARISONS.map((c) => c.name));
    const unknown = Object.keys(parsed.data.comparisons).filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new Error(
        `Invalid match model: unknown comparison ${unknown.join(', ')}; expected some of ${[...known].join(', ')}`,
      );
    }
    const comparisons = COMPARISONS.map((spec): ComparisonParameters => {
      const given = parsed.data.comparisons[spec.name];
      if (!given) return { name: spec.name, levels: spec.levels, m: spec.m, u: spec.u };
      const levels = Object.keys(given);
      if (levels.sort().join() !== [...spec.levels].sort().join()) {
        throw new Error(
          `Invalid match model: expected ${spec.name} to list levels ${spec.levels.join(', ')}, received ${levels.join(', ')}`,
        );
      }
      return {
        name: spec.name,
        levels: spec.levels,
        m: spec.levels.map((l) => given[l]!.m),
        u: spec.levels.map((l) => given[l]!.u),
      };
    });
    return new MatchModel(comparisons, parsed.data.lambda);
  }
}

const probability = z.number().gt(0).lt(1);
const modelJson = z.object({
  lambda: probability,
  comparisons: z.record(z.record(z.object({ m: probability, u: probability }))),
});
export type ModelJson = z.infer<typeof modelJson>;
