import { COMPARISONS } from './comparisons';
import { levels } from './testing';

describe('comparisons', () => {
  it('declares m and u that are probabilities summing to 1 for every level', () => {
    for (const c of COMPARISONS) {
      for (const p of [c.m, c.u]) {
        expect(p).toHaveLength(c.levels.length);
        expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      }
    }
  });

  it.each([
    ['Jean', 'JEAN', 'exact'],
    ['Robert', 'Bob', 'nickname'],
    ['Peggy', 'Maggie', 'nickname'],
    ['Jonathan', 'Jonathon', 'close'],
    ['Jonathan', 'Johnathan', 'phonetic'],
    ['Jean Luc', 'Jean', 'close'],
    ['Catherine', 'Katrin', 'phonetic'],
    ['J.', 'John', 'initial'],
    ['Claire', 'Jean', 'different'],
  ])('given name %p / %p: %s', (a, b, level) => {
    expect(levels({ given_name: a }, { given_name: b }).given_name).toBe(level);
  });

  it.each([
    ['Müller', 'MULLER', 'exact'],
    ['Poulain', 'Poulin', 'close'],
    ['Garcia', 'García López', 'close'],
    ['Schmidt', 'Smith', 'phonetic'],
    ['Dupont', 'Martin', 'different'],
  ])('family name %p / %p: %s', (a, b, level) => {
    expect(levels({ family_name: a }, { family_name: b }).family_name).toBe(level);
  });

  it('recognises given and family names written in each other column', () => {
    expect(
      levels({ given_name: 'Jean', family_name: 'Dupont' }, { given_name: 'DUPONT', family_name: 'Jean' }),
    ).toMatchObject({ given_name: 'swapped', family_name: 'swapped' });
    expect(
      levels({ given_name: 'Jean', family_name: 'Dupont' }, { given_name: 'Dupond', family_name: 'Jean' }),
    ).toMatchObject({ given_name: 'swapped', family_name: 'swapped' });
  });

  it('compares full names only when given and family names cannot be, in any word order', () => {
    expect(levels({ full_name: 'Jean Dupont' }, { given_name: 'Jean', family_name: 'Dupont' })).toEqual({
      full_name: 'exact',
    });
    expect(levels({ full_name: 'DUPONT, Jean' }, { full_name: 'jean dupont' })).toEqual({ full_name: 'exact' });
    expect(levels({ full_name: 'Jean Dupont' }, { full_name: 'Jean Pierre Dupond' })).toEqual({ full_name: 'close' });
    expect(levels({ full_name: 'Jon Smith' }, { full_name: 'John Schmidt' })).toEqual({ full_name: 'phonetic' });
    expect(levels({ full_name: 'Jean Dupont' }, { full_name: 'Claire Martin' })).toEqual({ full_name: 'different' });
    // Both sides have given and family names: the full name would count them twice.
    expect(
      levels(
        { given_name: 'Jean', family_name: 'Dupont', full_name: 'Jean Dupont' },
        { given_name: 'Jean', family_name: 'Dupont', full_name: 'Jean Dupont' },
      ),
    ).toEqual({ given_name: 'exact', family_name: 'exact' });
  });

  it.each([
    ['1980-03-12', '12/03/1980', 'exact'],
    ['1980-03-12', '1980-12-03', 'transposed'],
    ['1980-03-12', '1981-03-12', 'one_component'],
    ['1980-03-12', '1980-03-13', 'one_component'],
    ['1980-03-12', '1975-10-05', 'different'],
  ])('date of birth %p / %p: %s', (a, b, level) => {
    expect(levels({ date_of_birth: a }, { date_of_birth: b }).date_of_birth).toBe(level);
  });

  it.each([
    ['Jean.Dupont@Gmail.com', 'jean.dupont@gmail.com', 'exact'],
    ['jean.dupont+shop@gmail.com', 'jean.dupont@gmail.com', 'exact'],
    ['bob.smith@yahoo.com', 'bob.smtih@yahoo.com', 'close'],
    ['jean.dupont@gmail.com', 'jean.dupont@gmial.com', 'close'],
    ['f.gakstadter@gmail.com', 'd.gakstadter@gmail.com', 'different'],
    ['jean.dupont@gmail.com', 'jean.dupont@free.fr', 'same_local'],
    ['jean.dupont@gmail.com', 'claire.dupont@gmail.com', 'different'],
  ])('email %p / %p: %s', (a, b, level) => {
    expect(levels({ email: a }, { email: b }).email).toBe(level);
  });

  it.each([
    ['06 12 34 56 78', '+33 6 12 34 56 78', 'exact'],
    ['06 12 34 56 78', '06 12 34 56 87', 'close'],
    ['06 12 34 56 78', '06 12 34 56 79', 'close'],
    ['06 12 34 56 78', '07 98 76 54 32', 'different'],
  ])('phone %p / %p: %s', (a, b, level) => {
    expect(levels({ phone: a, country: 'FR' }, { phone: b, country: 'FR' }).phone).toBe(level);
  });

  it.each([
    [['12 rue de la Paix', 'Paris', '75002'], ['12 Rue de la Paix', 'PARIS', '75002'], 'exact'],
    [['10 Baker St', 'London', ''], ['10 Baker Street', 'London', 'NW1 6XE'], 'exact'],
    [['12 rue de la Paix', 'Paris', '75002'], ['12 rue de la Pais', 'Paris', '75002'], 'close'],
    [['12 rue de la Paix', 'Paris', '75002'], ['3 rue Gaillon', 'Paris', '75002'], 'same_postcode'],
    [['12 rue de la Paix', 'Paris', '75002'], ['15 rue des Abbesses', 'Paris', '75018'], 'same_city'],
    [['12 rue de la Paix', 'Paris', '75002'], ['12 rue de la Paix', 'Lyon', '69002'], 'different'],
  ])('address %p / %p: %s', ([s1, c1, p1], [s2, c2, p2], level) => {
    expect(levels({ street: s1, city: c1, postcode: p1 }, { street: s2, city: c2, postcode: p2 }).address).toBe(level);
  });

  it('compares countries and identifiers exactly, and leaves out what a side lacks', () => {
    expect(
      levels({ country: 'France', loyalty_card: '1234-5678' }, { country: 'fr', loyalty_card: '12345678' }),
    ).toEqual({
      country: 'exact',
      loyalty_card: 'exact',
    });
    expect(levels({ country: 'FR', cookie: 'abc' }, { country: 'DE', cookie: 'abd' })).toEqual({
      country: 'different',
      cookie: 'different',
    });
    expect(levels({ given_name: 'Jean', email: 'a@b.fr' }, { family_name: 'Dupont', phone: '0612345678' })).toEqual({});
  });
});
