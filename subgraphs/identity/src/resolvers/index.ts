import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { MatchReview } from './MatchReview';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = { Query, Mutation, Customer, MatchReview };
