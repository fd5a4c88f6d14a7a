import { GraphQLScalarType } from 'graphql';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { ErasureJob, PiiRead } from './types';

/** Any JSON value (output only here: the export's data). */
export const JSON = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

export const resolvers: Resolvers = { JSON, Query, Mutation, ErasureJob, PiiRead };
