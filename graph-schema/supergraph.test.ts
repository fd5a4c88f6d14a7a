import { readFileSync } from 'node:fs';
import { compose, readSubgraphs, SUPERGRAPH_PATH } from './compose';

describe('supergraph', () => {
  it('is composed from the current subgraph schemas (run `npm run compose` when this fails)', () => {
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(compose());
  });

  it('fails composition with a message naming the problem when subgraphs disagree', () => {
    const subgraphs = readSubgraphs();
    const broken = subgraphs.map((s) =>
      s.name === 'crm' ? { ...s, sdl: s.sdl.replace('system: String!', 'system: Int!') } : s,
    );
    expect(() => compose(broken)).toThrow(/Composition failed:[\s\S]*SourceRecord\.system/);
  });
});
