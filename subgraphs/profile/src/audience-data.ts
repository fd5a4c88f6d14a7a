/**
 * The audience engine's reads, from the subgraphs that own the data: the
 * identity subgraph for the customer set and each customer's source records,
 * then every source subgraph once per page for all of the page's customers
 * (one `_entities` request carrying thousands of representations, which each
 * source answers with one batched query of its own system: `WHERE id = ANY`
 * over its records, not a query per customer).
 *
 * Subgraphs of this process are called in process (the same registry the
 * gateway uses), others over HTTP. Requests are signed as the internal
 * client `profile-audience` with customer:read and pii:read: membership needs
 * contact data (email domains, contact points), and what leaves the engine is
 * customer ids, plus contact points only for callers holding pii:read.
 */
import { signCaller, SCOPES } from '@c360/kit/auth';
import { localSubgraphAt } from '@c360/kit/local';
import { GraphQLError } from 'graphql';
import type { AudienceData, CustomerIdPage } from './audience-engine';
import type { CustomerModel } from './customer';
import { packCursor } from '@c360/kit/cursor';

/** What each source subgraph is asked of a customer: the fields profile @requires of it. */
export const SOURCE_SELECTIONS: Record<string, string> = {
  crm: 'crmContacts { contactId firstName lastName personalEmail workEmail mobilePhone workPhone company address { street city postcode country } updatedAt }',
  commerce:
    'shopAccounts { accountId email firstName lastName phone country updatedAt } onlinePurchases { reference purchasedAt total { amount currency } }',
  stores:
    'loyaltyCards { cardNumber firstName lastName email phone country updatedAt } inStorePurchases { reference purchasedAt total { amount currency } }',
  support: 'helpDeskUsers { id name email phone locale updatedAt } openSupportTicketCount',
  surveys: 'latestNps { score }',
  web: 'lastWebSession { startedAt }',
  consent: 'consents { purpose channel granted since }',
};

export interface SubgraphAudienceDataOptions {
  /** The identity subgraph's GraphQL URL. */
  identityUrl: string;
  /** Each source subgraph's GraphQL URL, by name (crm, commerce, stores, support, surveys, web, consent). */
  sourceUrls: Record<string, string>;
  /** The secret subgraphs verify callers with (SUBGRAPH_SHARED_SECRET); none in development. */
  secret?: string;
  /** Budget of one request, in ms. @default 60000 */
  timeoutMs?: number;
}

interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

export const AUDIENCE_CLIENT = 'profile-audience';

function unavailable(source: string, message: string): GraphQLError {
  return new GraphQLError(`The audience could not be evaluated: ${source} could not be read (${message})`, {
    extensions: { code: 'SOURCE_UNAVAILABLE', source },
  });
}

export class SubgraphAudienceData implements AudienceData {
  constructor(private readonly options: SubgraphAudienceDataOptions) {}

  private async call(name: string, url: string, query: string, variables: Record<string, unknown>) {
    const headers = this.options.secret
      ? signCaller({ client: AUDIENCE_CLIENT, scopes: [SCOPES.customerRead, SCOPES.piiRead] }, this.options.secret)
      : {};
    let body: GraphQLBody;
    try {
      const local = localSubgraphAt(url);
      if (local) {
        body = (await local.execute({ query, variables }, headers)).body as GraphQLBody;
      } else {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true', ...headers },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
        });
        body = (await response.json()) as GraphQLBody;
      }
    } catch (err) {
      throw unavailable(name, (err as Error).message);
    }
    if (body.errors?.length) throw unavailable(name, body.errors[0]!.message);
    if (!body.data) throw unavailable(name, 'no data');
    return body.data;
  }

  async customerIds(after: string | null, first: number): Promise<CustomerIdPage> {
    const ids: string[] = [];
    let cursor = after === null ? null : packCursor(['customer-id', after]);
    for (;;) {
      const data = await this.call(
        'identity',
        this.options.identityUrl,
        'query AudienceIds($first: Int, $after: String) { customerIds(first: $first, after: $after) { ids endCursor hasNextPage } }',
        { first: Math.min(1000, first - ids.length), after: cursor },
      );
      const page = data.customerIds as { ids: string[]; endCursor: string | null; hasNextPage: boolean };
      ids.push(...page.ids);
      if (!page.hasNextPage || ids.length >= first) return { ids, hasNextPage: page.hasNextPage };
      cursor = page.endCursor;
    }
  }

  async customers(ids: readonly string[]): Promise<CustomerModel[]> {
    const records = await this.call(
      'identity',
      this.options.identityUrl,
      'query AudienceRecords($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id sourceRecords { system localId } } } }',
      { r: ids.map((id) => ({ __typename: 'Customer', id })) },
    );
    const found = records._entities as ({ id: string; sourceRecords: { system: string; localId: string }[] } | null)[];
    const representations = ids.map((id, i) => ({
      __typename: 'Customer',
      id,
      sourceRecords: found[i]?.sourceRecords ?? [],
    }));
    const models: CustomerModel[] = ids.map((id) => ({ id }));
    await Promise.all(
      Object.entries(SOURCE_SELECTIONS).map(async ([name, selection]) => {
        const url = this.options.sourceUrls[name];
        if (!url) throw unavailable(name, 'no URL configured');
        const data = await this.call(
          name,
          url,
          `query AudienceFacts($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { ${selection} } } }`,
          { r: representations },
        );
        const entities = data._entities as (Record<string, unknown> | null)[];
        entities.forEach((entity, i) => Object.assign(models[i]!, entity ?? {}));
      }),
    );
    return models;
  }
}
