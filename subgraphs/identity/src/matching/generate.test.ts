import { generate } from './generate';

describe('generate', () => {
  it('corrupts initials into letters, never into the text "undefined"', () => {
    // A transposition drawn on a one-letter value (an initial) once read a neighbour past its end.
    const { files } = generate({ people: 3000, level: 'extreme', seed: 78, link: false, contacts: true });
    const rows = files[0]!.rows;
    const initials = rows.filter((r) => /^[a-z]$/.test(r.given_name!)).length;
    expect(initials).toBeGreaterThan(50);
    const broken = rows.filter((r) => Object.values(r).some((v) => v.includes('undefined')));
    expect(broken).toEqual([]);
  });
});
