import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLError } from 'graphql';
import { SubgraphAudienceData } from './audience-data';

/**
 * The engine's bulk reads against stand-in subgraphs: what each source is asked (its own local
 * ids, the facts the needs name, the KPI window), how answers are merged, and that a source that
 * fails or answers out of step fails the read with SOURCE_UNAVAILABLE naming it.
 */
type Handler = (body: { query: string; variables: Record<string, any> }) => unknown;
const servers: Server[] = [];

async function subgraph(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(handler(JSON.parse(raw))));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const RECORDS = [
  [
    { system: 'commerce', localId: '7' },
    { system: 'consent', localId: 's1' },
  ],
  [{ system: 'consent', localId: 's2' }],
];

async function dataWith(consent: Handler) {
  const asked: Record<string, any> = {};
  const identityUrl = await subgraph(({ variables }) => ({
    data: { records: variables.r.map((_: string, i: number) => RECORDS[i]) },
  }));
  const consentUrl = await subgraph((body) => {
    asked.consent = body.variables;
    return consent(body);
  });
  const data = new SubgraphAudienceData({
    identityUrl,
    sourceUrls: { consent: consentUrl },
  });
  return { data, asked };
}

describe('SubgraphAudienceData', () => {
  it('asks each source once for the page, with its own local ids, and merges the answers in order', async () => {
    const { data, asked } = await dataWith(({ variables }) => ({
      data: { facts: variables.c.map((ids: string[]) => ({ consents: ids.map((id) => ({ purpose: id })) })) },
    }));
    const now = new Date('2026-06-01T00:00:00.000Z');
    const models = await data.customers(['c1', 'c2'], new Set(['consents'] as const), now);
    expect(asked.consent).toEqual({ c: [['s1'], ['s2']], f: ['consents'], since: '2025-06-01T00:00:00.000Z' });
    expect(models).toEqual([
      { id: 'c1', consents: [{ purpose: 's1' }] },
      { id: 'c2', consents: [{ purpose: 's2' }] },
    ]);
  });

  it.each([
    ['an error', () => ({ errors: [{ message: 'register down' }], data: null })],
    ['too few answers', () => ({ data: { facts: [{ consents: [] }] } })],
  ])('fails with SOURCE_UNAVAILABLE naming the source when it answers %s', async (_case, answer) => {
    const { data } = await dataWith(answer);
    const failure = (await data
      .customers(['c1', 'c2'], new Set(['consents'] as const))
      .catch((e) => e)) as GraphQLError;
    expect(failure.extensions).toEqual({ code: 'SOURCE_UNAVAILABLE', source: 'consent' });
    expect(failure.message).toContain('consent could not be read');
  });
});
