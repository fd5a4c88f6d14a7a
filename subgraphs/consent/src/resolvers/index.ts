import type { Resolvers } from '../__generated__/resolvers-types';
import { ConsentEvent, ConsentEventConnection } from './ConsentEvent';
import { ConsentState } from './ConsentState';
import { ConsentSubject } from './ConsentSubject';
import { Customer } from './Customer';
import { Mutation, RecordConsentPayload } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Customer,
  ConsentSubject,
  ConsentState,
  ConsentEvent,
  ConsentEventConnection,
  RecordConsentPayload,
};
