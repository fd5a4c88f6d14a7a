/**
 * The audience engine's reads, from the subgraphs that own the data: the
 * identity subgraph for the customer set and each customer's source records
 * (`identityAudienceRecords`), then every source subgraph the rule needs once
 * per page for all of the page's customers, through its bulk field
 * `<source>AudienceFacts`: one JSON object per customer, computed by the
 * source's own batched queries (`WHERE id = ANY` / `IN (...)` over its
 * records, purchases as one GROUP BY per currency), with no per-entity
 * GraphQL execution of each record (what bounded the `_entities` reads this
 * replaced).
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
import { ALL_NEEDS, type AudienceData, type AudienceNeed, type CustomerIdPage } from './audience-engine';
import type { CustomerModel } from './customer';
import { packCursor } from '@c360/kit/cursor';
import { kpiWindowStart } from './kpis';

/**
 * What each source's bulk field (`<source>AudienceFacts`) is asked, per need: the CustomerModel
 * fields profile @requires of it, as plain JSON, purchases as totals per currency and KPI window.
 */
export const BULK_FACTS: Record<AudienceNeed, Record<string, string[]>> = {
  contacts: { crm: ['crmContacts'], commerce: ['shopAccounts'], stores: ['loyaltyCards'], support: ['helpDeskUsers'] },
  purchases: { commerce: ['onlinePurchaseTotals'], stores: ['inStorePurchaseTotals'] },
  tickets: { support: ['openSupportTicketCount'] },
  consents: { consent: ['consents'] },
  nps: { surveys: ['latestNps'] },
  web: { web: ['lastWebSession'] },
};

/** Each source's bulk facts for these needs. */
export function bulkFactsFor(needs: ReadonlySet<AudienceNeed>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const need of needs) {
    for (const [source, facts] of Object.entries(BULK_FACTS[need])) out[source] = [...(out[source] ?? []), ...facts];
  }
  return out;
}

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
  /** Milliseconds spent waiting for each subgraph, and customers asked of it, since the object was made (benchmarks read it). */
  readonly timings: Record<string, { ms: number; customers: number; requests: number }> = {};

  constructor(private readonly options: SubgraphAudienceDataOptions) {}

  private count(name: string, started: number, customers: number) {
    const t = (this.timings[name] ??= { ms: 0, customers: 0, requests: 0 });
    t.ms += Date.now() - started;
    t.customers += customers;
    t.requests += 1;
  }

  private async call(name: string, url: string, query: string, variables: Record<string, unknown>) {
    const started = Date.now();
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
    const asked = variables.r ?? variables.c;
    this.count(name, started, Array.isArray(asked) ? asked.length : 0);
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

  async customers(
    ids: readonly string[],
    needs: ReadonlySet<AudienceNeed> = ALL_NEEDS,
    now: Date = new Date(),
  ): Promise<CustomerModel[]> {
    const records = await this.call(
      'identity',
      this.options.identityUrl,
      'query AudienceRecords($r: [ID!]!) { records: identityAudienceRecords(ids: $r) }',
      { r: ids },
    );
    const found = records.records as { system: string; localId: string }[][];
    if (!Array.isArray(found) || found.length !== ids.length) {
      throw unavailable(
        'identity',
        `expected ${ids.length} answers, received ${Array.isArray(found) ? found.length : typeof found}`,
      );
    }
    const models: CustomerModel[] = ids.map((id) => ({ id }));
    const since = kpiWindowStart(now).toISOString();
    await Promise.all(
      Object.entries(bulkFactsFor(needs)).map(async ([name, facts]) => {
        const url = this.options.sourceUrls[name];
        if (!url) throw unavailable(name, 'no URL configured');
        const data = await this.call(
          name,
          url,
          `query AudienceFacts($c: [[ID!]!]!, $f: [String!]!, $since: String) { facts: ${name}AudienceFacts(customers: $c, facts: $f, since: $since) }`,
          {
            c: found.map((records) => records.filter((r) => r.system === name).map((r) => r.localId)),
            f: facts,
            since,
          },
        );
        const answers = data.facts as Record<string, unknown>[];
        if (!Array.isArray(answers) || answers.length !== ids.length) {
          throw unavailable(
            name,
            `expected ${ids.length} answers, received ${Array.isArray(answers) ? answers.length : typeof answers}`,
          );
        }
        answers.forEach((answer, i) => Object.assign(models[i]!, answer));
      }),
    );
    return models;
  }
}
