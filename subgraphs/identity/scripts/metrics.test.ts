import { calibration, pairwiseMetrics, percentile } from './metrics';

const close = (n: number) => expect.closeTo(n, 12);

describe('pairwiseMetrics', () => {
  it('scores a perfect clustering 1, whatever the order of clusters and records', () => {
    const truth = [['a', 'b', 'c'], ['d', 'e'], ['f']];
    const predicted = [['f'], ['e', 'd'], ['c', 'a', 'b']];
    expect(pairwiseMetrics(predicted, truth)).toEqual({
      records: 6,
      trueClusters: 3,
      predictedClusters: 3,
      missingFromPredictions: 0,
      unknownToTruth: 0,
      predictedPairs: 4,
      truePairs: 4,
      truePositivePairs: 4,
      precision: 1,
      recall: 1,
      f1: 1,
      fullyResolved: 3,
      split: 0,
      overMerged: [],
    });
  });

  it('counts the wrong pairs of an over-merge against precision only', () => {
    // {a,b} and {c,d} merged: 6 predicted pairs, of which ab and cd are true.
    const truth = [['a', 'b'], ['c', 'd'], ['e']];
    const predicted = [['a', 'b', 'c', 'd'], ['e']];
    expect(pairwiseMetrics(predicted, truth)).toEqual({
      records: 5,
      trueClusters: 3,
      predictedClusters: 2,
      missingFromPredictions: 0,
      unknownToTruth: 0,
      predictedPairs: 6,
      truePairs: 2,
      truePositivePairs: 2,
      precision: close(1 / 3),
      recall: 1,
      f1: close(0.5),
      fullyResolved: 1,
      split: 0,
      overMerged: [0],
    });
  });

  it('counts the missed pairs of a split against recall only', () => {
    // {a,b,c} split into {a,b} and {c}: ac and bc are missed.
    const truth = [
      ['a', 'b', 'c'],
      ['d', 'e'],
    ];
    const predicted = [['a', 'b'], ['c'], ['d', 'e']];
    expect(pairwiseMetrics(predicted, truth)).toEqual({
      records: 5,
      trueClusters: 2,
      predictedClusters: 3,
      missingFromPredictions: 0,
      unknownToTruth: 0,
      predictedPairs: 2,
      truePairs: 4,
      truePositivePairs: 2,
      precision: 1,
      recall: 0.5,
      f1: close(2 / 3),
      fullyResolved: 1,
      split: 1,
      overMerged: [],
    });
  });

  it('scores singletons predicted as singletons 1: no pair claimed, no pair missed', () => {
    const truth = [['a'], ['b'], ['c']];
    expect(pairwiseMetrics([['c'], ['b'], ['a']], truth)).toEqual({
      records: 3,
      trueClusters: 3,
      predictedClusters: 3,
      missingFromPredictions: 0,
      unknownToTruth: 0,
      predictedPairs: 0,
      truePairs: 0,
      truePositivePairs: 0,
      precision: 1,
      recall: 1,
      f1: 1,
      fullyResolved: 3,
      split: 0,
      overMerged: [],
    });
  });

  it('scores only singletons against a truth with pairs as recall 0 and F1 0', () => {
    expect(pairwiseMetrics([['a'], ['b']], [['a', 'b']])).toEqual({
      records: 2,
      trueClusters: 1,
      predictedClusters: 2,
      missingFromPredictions: 0,
      unknownToTruth: 0,
      predictedPairs: 0,
      truePairs: 1,
      truePositivePairs: 0,
      precision: 1,
      recall: 0,
      f1: 0,
      fullyResolved: 0,
      split: 1,
      overMerged: [],
    });
  });

  it('counts records missing from the predictions as singletons', () => {
    // c, d and e are in no predicted cluster: the pair cd is missed, e alone is right.
    const truth = [['a', 'b'], ['c', 'd'], ['e']];
    expect(pairwiseMetrics([['a', 'b']], truth)).toEqual({
      records: 5,
      trueClusters: 3,
      predictedClusters: 4,
      missingFromPredictions: 3,
      unknownToTruth: 0,
      predictedPairs: 1,
      truePairs: 2,
      truePositivePairs: 1,
      precision: 1,
      recall: 0.5,
      f1: close(2 / 3),
      fullyResolved: 2,
      split: 1,
      overMerged: [],
    });
  });

  it('counts records unknown to the truth as people of their own, so clustering them is wrong', () => {
    expect(pairwiseMetrics([['a', 'x']], [['a']])).toEqual({
      records: 2,
      trueClusters: 2,
      predictedClusters: 1,
      missingFromPredictions: 0,
      unknownToTruth: 1,
      predictedPairs: 1,
      truePairs: 0,
      truePositivePairs: 0,
      precision: 0,
      recall: 1,
      f1: 0,
      fullyResolved: 0,
      split: 0,
      overMerged: [0],
    });
  });

  it('ignores empty predicted clusters', () => {
    expect(pairwiseMetrics([[], ['a', 'b']], [['a', 'b']])).toMatchObject({
      predictedClusters: 1,
      precision: 1,
      recall: 1,
      fullyResolved: 1,
      overMerged: [],
    });
  });

  it('rejects a record listed in two predicted clusters, naming it', () => {
    expect(() => pairwiseMetrics([['a', 'b'], ['b']], [['a', 'b']])).toThrow(
      'pairwiseMetrics: expected each record in at most one predicted cluster, received "b" in clusters 0 and 1',
    );
  });

  it('rejects a record listed in two truth clusters, naming it', () => {
    expect(() => pairwiseMetrics([['a']], [['a'], ['a']])).toThrow(
      'pairwiseMetrics: expected each record in at most one truth cluster, received "a" in clusters 0 and 1',
    );
  });
});

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('picks the nearest-rank value', () => {
    expect([0.5, 0.99, 1].map((p) => percentile(hundred, p))).toEqual([50, 99, 100]);
    expect([0.5, 0.99].map((p) => percentile([3, 7, 9], p))).toEqual([7, 9]);
    expect(percentile([42], 0.99)).toBe(42);
  });

  it('rejects no values and a p outside (0, 1]', () => {
    expect(() => percentile([], 0.5)).toThrow('percentile: expected at least one value, received none');
    expect(() => percentile(hundred, 0)).toThrow('percentile: expected 0 < p <= 1, received 0');
    expect(() => percentile(hundred, 99)).toThrow('percentile: expected 0 < p <= 1, received 99');
  });
});

describe('calibration', () => {
  const person: Record<string, string> = { a: 'p1', b: 'p1', c: 'p2', d: 'p2', e: 'p3' };
  it('bins pairs by probability, with the mean probability given and the share found to be one person', () => {
    const bands = calibration(
      [
        ['a', 'b', 0.9995],
        ['c', 'd', 0.9991],
        ['a', 'c', 0.85],
        ['b', 'd', 0.82],
        ['a', 'e', 0.86],
        ['c', 'e', 0.005],
      ],
      (r) => person[r],
      [0.01, 0.8, 0.999],
    );
    expect(bands).toEqual([
      { from: 0.01, pairs: 0, truePairs: 0, predicted: 0, found: null },
      { from: 0.8, pairs: 3, truePairs: 0, predicted: close((0.85 + 0.82 + 0.86) / 3), found: 0 },
      { from: 0.999, pairs: 2, truePairs: 2, predicted: close(0.9993), found: 1 },
    ]);
  });

  it('never counts a record the truth does not know as one person with another', () => {
    const [band] = calibration([['x', 'y', 0.5]], (r) => person[r], [0.1]);
    expect(band).toEqual({ from: 0.1, pairs: 1, truePairs: 0, predicted: 0.5, found: 0 });
  });
});
