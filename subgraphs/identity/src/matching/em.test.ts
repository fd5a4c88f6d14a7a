import { COMPARISONS, COMPARISON_COUNT, MISSING } from './comparisons';
import { estimateModel } from './em';
import { MatchModel } from './model';
import { PatternTable } from './patterns';

/** A seeded generator (Park–Miller), so the synthetic set is the same on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const USED = ['given_name', 'family_name', 'date_of_birth', 'email', 'phone', 'address'];

/**
 * A synthetic set drawn from a known Fellegi–Sunter model: each pair is a
 * match with probability lambda, then each comparison independently takes a
 * level from m (match) or u (non-match); email is missing on 20% of pairs.
 */
function syntheticSet(pairs: number, truth: MatchModel, seed: number) {
  const next = generator(seed);
  const draw = (p: readonly number[]) => {
    let r = next();
    for (let l = 0; l < p.length; l++) if ((r -= p[l]!) < 0) return l;
    return p.length - 1;
  };
  const table = new PatternTable();
  const vector = new Int8Array(COMPARISON_COUNT);
  for (let i = 0; i < pairs; i++) {
    const match = next() < truth.lambda;
    truth.comparisons.forEach((c, k) => {
      vector[k] = USED.includes(c.name) && !(c.name === 'email' && next() < 0.2) ? draw(match ? c.m : c.u) : MISSING;
    });
    table.add(vector);
  }
  return { levels: table.keys.map((_, i) => table.levels(i)), counts: table.counts };
}

// The truth differs from the defaults EM starts from: it has to move to find it.
const truth = new MatchModel(
  COMPARISONS.map((c) => {
    const shift = (p: readonly number[], towards: number) => {
      const q = p.map((v, l) => (l === towards ? v + 0.15 : v));
      const sum = q.reduce((s, v) => s + v, 0);
      return q.map((v) => v / sum);
    };
    return { name: c.name, levels: c.levels, m: shift(c.m, c.levels.length - 1), u: shift(c.u, 0) };
  }),
  0.3,
);

describe('estimateModel', () => {
  const set = syntheticSet(40_000, truth, 42);

  it('recovers m, u and lambda of a synthetic set from the default start, and converges', () => {
    const result = estimateModel(set, MatchModel.defaults());
    expect(result.converged).toBe(true);
    expect(result.relabelled).toBe(false);
    expect(result.iterations).toBeLessThan(500);
    expect(result.model.lambda).toBeCloseTo(truth.lambda, 2);
    for (const name of USED) {
      const i = COMPARISONS.findIndex((c) => c.name === name);
      const [got, want] = [result.model.comparisons[i]!, truth.comparisons[i]!];
      got.m.forEach((m, l) => expect(Math.abs(m - want.m[l]!)).toBeLessThan(0.02));
      got.u.forEach((u, l) => expect(Math.abs(u - want.u[l]!)).toBeLessThan(0.02));
    }
  });

  it('never decreases the log-likelihood', () => {
    const { logLikelihood } = estimateModel(set, MatchModel.defaults());
    for (let i = 1; i < logLikelihood.length; i++)
      expect(logLikelihood[i]!).toBeGreaterThanOrEqual(logLikelihood[i - 1]! - 1e-6);
  });

  it('keeps comparisons it never saw as configured', () => {
    const result = estimateModel(set, MatchModel.defaults());
    const full = result.model.comparisons.find((c) => c.name === 'full_name')!;
    expect(full.m).toEqual(COMPARISONS.find((c) => c.name === 'full_name')!.m);
    expect(full.u).toEqual(COMPARISONS.find((c) => c.name === 'full_name')!.u);
  });

  it('clamps rare levels to the floor, so no weight is infinite', () => {
    // A floor of 5% is above the true m of `swapped` (under 1%): it must bind.
    const result = estimateModel(set, MatchModel.defaults(), { floor: 0.05 });
    const used = result.model.comparisons.filter((c) => USED.includes(c.name)).flatMap((c) => [...c.m, ...c.u]);
    expect(Math.min(...used)).toBeGreaterThan(0.035);
    expect(Math.min(...used)).toBeLessThan(0.05);
  });

  it('puts the classes back when it starts from swapped ones', () => {
    const defaults = MatchModel.defaults();
    const swapped = new MatchModel(
      defaults.comparisons.map((c) => ({ ...c, m: c.u, u: c.m })),
      0.9,
    );
    const result = estimateModel(set, swapped);
    expect(result.relabelled).toBe(true);
    expect(result.model.lambda).toBeCloseTo(truth.lambda, 2);
  });

  it('stops at maxIterations and says it did not converge', () => {
    const result = estimateModel(set, MatchModel.defaults(), { maxIterations: 2 });
    expect(result).toMatchObject({ iterations: 2, converged: false });
  });

  it('refuses an empty set', () => {
    expect(() => estimateModel({ levels: [], counts: [] }, MatchModel.defaults())).toThrow(
      'estimateModel: expected at least one candidate pair, received none',
    );
  });
});
