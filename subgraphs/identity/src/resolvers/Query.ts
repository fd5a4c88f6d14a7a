import { packCursor, unpackCursor } from '@c360/kit/cursor';
import { badUserInput } from '@c360/kit/errors';
import { AUDIENCE_MAX_CUSTOMERS } from '@c360/kit/audience';
import { requireScope, SCOPES } from '@c360/kit/auth';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { nameQueryOf } from '../matching/name-search';
import { normalizeIdentifier } from '../normalize';

/** Ids per `customers` call: a page of a list, batched in one Neo4j read. */
const MAX_CUSTOMERS = 100;
/** Identifiers per `customersByIdentifiers` call: a pasted list, looked up in one Neo4j read. */
const MAX_IDENTIFIERS = 500;

export const Query: QueryResolvers = {
  // What Customer.sourceRecords answers, read for thousands at once straight from Neo4j (a scan: no cache).
  identityAudienceRecords: async (_parent, { ids }, ctx) => {
    requireScope(ctx, SCOPES.customerRead);
    if (ids.length > AUDIENCE_MAX_CUSTOMERS) {
      throw badUserInput(`Invalid ids: expected at most ${AUDIENCE_MAX_CUSTOMERS} ids, received ${ids.length}`, 'ids');
    }
    return ctx.graph.sourceRecordsOf(ids);
  },
  customer: (_parent, { id }, { loaders }) => loaders.customers.load(id),

  customers: (_parent, { ids }, { loaders }) => {
    if (ids.length < 1 || ids.length > MAX_CUSTOMERS) {
      throw badUserInput(`Invalid ids: expected 1 to ${MAX_CUSTOMERS} customer ids, received ${ids.length}`, 'ids');
    }
    return Promise.all(ids.map((id) => loaders.customers.load(id)));
  },

  customerByIdentifier: async (_parent, { kind, value }, { graph, loaders, normalize }) => {
    const identifier = normalizeIdentifier(kind, value, undefined, normalize, 'value');
    const id = await graph.customerIdByIdentifier(identifier);
    return id ? loaders.customers.load(id) : null;
  },

  customerBySourceRecord: async (_parent, { system, localId }, { graph, loaders }) => {
    const id = await graph.customerIdBySourceRecord(system.trim().toLowerCase(), localId.trim());
    return id ? loaders.customers.load(id) : null;
  },

  customersByName: async (_parent, { name, postcode, first }, { graph, loaders }) => {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
    }
    const ids = await graph.customerIdsByNameAndPostcode(nameQueryOf(name, postcode), size);
    const customers = await Promise.all(ids.map((id) => loaders.customers.load(id)));
    return customers.filter((c) => c !== null);
  },

  normalizedIdentifier: (_parent, { kind, value, region }, { normalize }) =>
    normalizeIdentifier(kind, value, region, normalize, 'value'),

  customersByIdentifiers: async (_parent, { identifiers }, { graph, loaders, normalize }) => {
    if (identifiers.length < 1 || identifiers.length > MAX_IDENTIFIERS) {
      throw badUserInput(
        `Invalid identifiers: expected 1 to ${MAX_IDENTIFIERS} identifiers, received ${identifiers.length}`,
        'identifiers',
      );
    }
    // A malformed identifier fails its own entry (an Error in its slot: graphql-js reports it at
    // ["customersByIdentifiers", index]), so one typo in a pasted list does not fail the others.
    const normalized = identifiers.map((input, index) => {
      try {
        return normalizeIdentifier(input.kind, input.value, input.region, normalize, `identifiers[${index}].value`);
      } catch (err) {
        return err as Error;
      }
    });
    const valid = normalized.filter((n): n is Exclude<typeof n, Error> => !(n instanceof Error));
    const ids = await graph.customerIdsByIdentifiers(valid);
    // The customers loader batches (and dedupes) these into one more read.
    let next = 0;
    return Promise.all(
      normalized.map((n) => {
        // graphql-js reports an Error value of a list item at that item's path; the types only know values.
        if (n instanceof Error) return n as never;
        const id = ids[next++];
        return id ? loaders.customers.load(id) : null;
      }),
    );
  },

  identifierOwnerAt: async (_parent, { kind, value, at }, { graph, loaders, normalize }) => {
    const identifier = normalizeIdentifier(kind, value, undefined, normalize, 'value');
    const time = Date.parse(at);
    if (Number.isNaN(time))
      throw badUserInput(`Invalid at: expected an ISO-8601 date or date-time, received "${at}"`, 'at');
    const customerIdThen = await graph.customerIdAt(identifier, new Date(time));
    return customerIdThen ? { customerIdThen, customer: await loaders.customers.load(customerIdThen) } : null;
  },

  customerIds: async (_parent, { first, after }, { graph }) => {
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 1000) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 1000, received ${size}`, 'first');
    }
    let from: string | null = null;
    if (after) {
      const [tag, id] = unpackCursor(after) ?? [];
      if (tag !== 'customer-id' || typeof id !== 'string') {
        throw badUserInput(`Invalid after: expected a customer ids cursor (endCursor), received "${after}"`, 'after');
      }
      from = id;
    }
    const { ids, hasNextPage } = await graph.customerIds(size, from);
    return { ids, hasNextPage, endCursor: ids.length ? packCursor(['customer-id', ids[ids.length - 1]!]) : null };
  },

  matchReviews: async (_parent, { status, first, after }, { graph }) => {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > 100) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 100, received ${size}`, 'first');
    }
    let position: { score: number; id: string } | null = null;
    if (after) {
      const [tag, score, id] = unpackCursor(after) ?? [];
      if (tag !== 'match-review' || typeof score !== 'number' || typeof id !== 'string') {
        throw badUserInput(`Invalid after: expected a match reviews cursor (endCursor), received "${after}"`, 'after');
      }
      position = { score, id };
    }
    const page = await graph.matchReviews(status ?? 'PENDING', size, position);
    const last = page.reviews[page.reviews.length - 1];
    return {
      ...page,
      endCursor: last ? packCursor(['match-review', last.evidence.score, last.id]) : null,
    };
  },

  blockedIdentifiers: async (_parent, { first }, { graph }) => {
    const limit = first ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      throw badUserInput(`Invalid first: expected an integer from 1 to 1000, received ${limit}`, 'first');
    }
    return (await graph.blockedIdentifiers(limit)).map(({ kind, value, ...rest }) => ({
      identifier: { kind, value },
      ...rest,
    }));
  },
};
