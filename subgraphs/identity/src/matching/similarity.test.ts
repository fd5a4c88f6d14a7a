import talismanJaroWinkler from 'talisman/metrics/jaro-winkler';
import { jaro, jaroWinkler, osaDistance } from './similarity';

describe('jaroWinkler', () => {
  it.each([
    // Winkler's and the textbook examples.
    ['MARTHA', 'MARHTA', 0.961],
    ['DIXON', 'DICKSONX', 0.813],
    ['DWAYNE', 'DUANE', 0.84],
    ['JELLYFISH', 'SMELLYFISH', 0.896],
    ['CRATE', 'TRACE', 0.733],
  ])('%s / %s is %p', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 3);
  });

  it('gives 1 to identical strings and 0 to strings without a common character', () => {
    expect(jaroWinkler('dupont', 'dupont')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('abc', '')).toBe(0);
  });

  it('raises Jaro for a common prefix only above 0.7', () => {
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo(0.944, 3);
    // Jaro 0.6 with a common first letter: left as is.
    expect(jaroWinkler('ab', 'ac')).toBe(jaro('ab', 'ac'));
  });

  // talisman halves the transposition count with integer division (as Winkler's
  // strcmp95 C code does); names with an even count must agree exactly.
  it.each([
    ['dupont', 'dupond'],
    ['mueller', 'muller'],
    ['catherine', 'katherine'],
    ['jonathan', 'johnathan'],
    ['gonzalez', 'gonzales'],
    ['smith', 'smtih'],
    ['abeyta', 'abeytadominguez'],
    ['christophe', 'christopher'],
  ])('agrees with talisman on %s / %s', (a, b) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(talismanJaroWinkler(a, b), 12);
  });
});

describe('osaDistance', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['abcd', 'acbd', 1],
    ['jean.dupont@gmail.com', 'jean.dupotn@gmail.com', 1],
    ['ca', 'abc', 3],
    ['', 'abc', 3],
    ['same', 'same', 0],
  ])('%s / %s is %p', (a, b, expected) => {
    expect(osaDistance(a, b)).toBe(expected);
    expect(osaDistance(b, a)).toBe(expected);
  });

  it('stops at max + 1', () => {
    expect(osaDistance('abcdef', 'uvwxyz', 1)).toBe(2);
    expect(osaDistance('a', 'abcdef', 2)).toBe(3);
  });
});
