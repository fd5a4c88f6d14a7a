import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
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

  it('documents every type, field, argument and enum value that clients see (analysts read them in Sandbox)', () => {
    const api = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).schema.toAPISchema().toGraphQLJSSchema();
    const undocumented: string[] = [];
    const builtIn = new Set(['String', 'Int', 'Float', 'Boolean', 'ID', 'Query', 'Mutation']);
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || builtIn.has(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) undocumented.push(`${type.name}.${value.name}`);
      }
    }
    for (const root of [api.getQueryType(), api.getMutationType()]) {
      for (const field of Object.values(root?.getFields() ?? {})) {
        if (!field.description) undocumented.push(`${root!.name}.${field.name}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
