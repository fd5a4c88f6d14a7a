import { readFileSync } from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { gql } from '@apollo/client';
import { sha256Hex } from '@c360/gateway/persisted/manifests';
import { ContactCardDocument, ContactNameDocument } from './storefront/__generated__/graphql';
import { createApolloClient, errorCode as apolloCode } from './storefront/src/apollo-client';
import { createGraphQLRequestClient, errorCode as requestCode } from './storefront/src/graphql-request';
import { GraphQLResponseError, runDocument } from './storefront/src/fetch';
import { createRelayFetch } from './storefront/src/relay';
import { createUrqlClient, errorCode as urqlCode } from './storefront/src/urql';
import { manifestPath, recordingFetch, startClientsWorld, type ClientsWorld } from './fixtures';

/**
 * Apollo Client 4, urql 6, graphql-request 7, a Relay fetch function and plain fetch against the real
 * gateway (production mode) and CRM subgraph, each set up as docs/front-end.md shows (the snippets
 * under storefront/src are the page's code): data, persisted documents in every form, and every refusal
 * surfacing its extensions.code.
 */
let world: ClientsWorld;
let endpoint: string;

beforeAll(async () => {
  world = await startClientsWorld();
  endpoint = world.gateway.url;
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

/** The answer to ContactCard, as registered: with the __typename fields the preset adds for Apollo Client's cache. */
const card = () => ({ __typename: 'Query', crmContact: { __typename: 'CrmContact', ...world.contact } });
const cardVars = () => ({ contactId: world.contact.contactId });
const hashOf = (document: object) => (document as { __meta__: { hash: string } }).__meta__.hash;
/** A query no manifest holds, for the clients free to send any operation. */
const ADHOC = /* GraphQL */ `
  query AdHoc($contactId: ID!) {
    crmContact(contactId: $contactId) {
      contactId
      company
    }
  }
`;

describe('the document set', () => {
  it('is hashed by today\'s client preset as "sha256:<hex>", the form the gateway must accept', () => {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string>;
    expect(Object.keys(manifest).sort()).toEqual([hashOf(ContactCardDocument), hashOf(ContactNameDocument)].sort());
    for (const [key, text] of Object.entries(manifest)) expect(key).toBe(`sha256:${sha256Hex(text)}`);
  });
});

describe('Apollo Client 4', () => {
  it('runs trusted documents by hash alone, one request without the text', async () => {
    const { fetch, seen } = recordingFetch();
    const client = createApolloClient({ endpoint, apiKey: world.keys.storefront, persisted: 'trusted', fetch });
    const { data } = await client.query({ query: ContactCardDocument, variables: cardVars() });
    // The registered text runs, with the __typename fields Apollo's cache needs (codegen's addTypename transform).
    expect(data).toEqual(card());
    expect(seen.map((r) => [r.status, r.body?.query, (r.body?.extensions as any)?.persistedQuery?.sha256Hash])).toEqual(
      [[200, undefined, hashOf(ContactCardDocument)]],
    );
  });

  it('registers an unknown operation by APQ once, then sends the hash alone', async () => {
    const { fetch, seen } = recordingFetch();
    const client = createApolloClient({ endpoint, apiKey: world.keys['web-app'], persisted: 'apq', fetch });
    const query = gql(ADHOC.replace('AdHoc', `AdHoc${Date.now()}`));
    const first = await client.query({ query, variables: cardVars(), fetchPolicy: 'network-only' });
    const second = await client.query({ query, variables: cardVars(), fetchPolicy: 'network-only' });
    expect([first.data, second.data]).toEqual([
      { crmContact: { __typename: 'CrmContact', contactId: world.contact.contactId, company: world.contact.company } },
      { crmContact: { __typename: 'CrmContact', contactId: world.contact.contactId, company: world.contact.company } },
    ]);
    // Hash alone (not found), hash + text (registered), then the hash alone is enough.
    expect(seen.map((r) => typeof r.body?.query)).toEqual(['undefined', 'string', 'undefined']);
  });

  it('surfaces extensions.code of every refusal as CombinedGraphQLErrors', async () => {
    const code = async (apiKey: string, persisted: 'trusted' | 'apq' | 'none', query: any, variables: object) => {
      const client = createApolloClient({ endpoint, apiKey, persisted });
      try {
        await client.query({ query, variables });
        return 'no error';
      } catch (error) {
        return apolloCode(error);
      }
    };
    expect({
      unregistered: await code(world.keys.storefront, 'none', gql(ADHOC), cardVars()),
      pii: await code(world.keys.storefront, 'trusted', ContactNameDocument, cardVars()),
      badKey: await code('c360_not-a-key', 'none', gql(ADHOC), cardVars()),
      badInput: await code(world.keys['web-app'], 'none', gql(ADHOC), { contactId: { not: 'an id' } }),
      introspection: await code(world.keys['web-app'], 'none', gql('{ __schema { description } }'), {}),
    }).toEqual({
      unregistered: 'PERSISTED_QUERY_NOT_ALLOWED',
      pii: 'FORBIDDEN',
      badKey: 'UNAUTHENTICATED',
      badInput: 'BAD_USER_INPUT',
      introspection: 'FORBIDDEN',
    });
  });
});

describe('urql 6', () => {
  it('runs trusted documents by hash alone, by GET (its default), through CSRF prevention', async () => {
    const { fetch, seen } = recordingFetch();
    const client = createUrqlClient({ endpoint, apiKey: world.keys.storefront, persisted: 'trusted', fetch });
    const result = await client.query(ContactCardDocument, cardVars()).toPromise();
    expect({ data: result.data, error: result.error?.message }).toEqual({ data: card(), error: undefined });
    expect(seen.map((r) => [r.method, r.status, r.url.searchParams.has('query')])).toEqual([['GET', 200, false]]);
  });

  it('registers an unknown operation by APQ once, then sends the hash alone', async () => {
    const { fetch, seen } = recordingFetch();
    const client = createUrqlClient({ endpoint, apiKey: world.keys['web-app'], persisted: 'apq', fetch });
    const query = ADHOC.replace('AdHoc', `AdHocUrql${Date.now()}`);
    const first = await client.query(query, cardVars(), { requestPolicy: 'network-only' }).toPromise();
    const second = await client.query(query, cardVars(), { requestPolicy: 'network-only' }).toPromise();
    const expected = { crmContact: { contactId: world.contact.contactId, company: world.contact.company } };
    expect([first.data, second.data, first.error, second.error]).toEqual([expected, expected, undefined, undefined]);
    expect(seen.map((r) => r.url.searchParams.has('query') || typeof r.body?.query === 'string')).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('surfaces extensions.code of every refusal in CombinedError.graphQLErrors', async () => {
    const code = async (apiKey: string, persisted: 'trusted' | 'apq' | 'none', query: any, variables: object) =>
      urqlCode((await createUrqlClient({ endpoint, apiKey, persisted }).query(query, variables).toPromise()).error);
    expect({
      unregistered: await code(world.keys.storefront, 'none', ADHOC, cardVars()),
      pii: await code(world.keys.storefront, 'trusted', ContactNameDocument, cardVars()),
      badKey: await code('c360_not-a-key', 'none', ADHOC, cardVars()),
      badInput: await code(world.keys['web-app'], 'none', ADHOC, { contactId: { not: 'an id' } }),
      unknownHash: await code(
        world.keys.storefront,
        'trusted',
        Object.assign(gql(ADHOC), { __meta__: { hash: `sha256:${'0'.repeat(64)}` } }),
        cardVars(),
      ),
    }).toEqual({
      unregistered: 'PERSISTED_QUERY_NOT_ALLOWED',
      pii: 'FORBIDDEN',
      badKey: 'UNAUTHENTICATED',
      badInput: 'BAD_USER_INPUT',
      unknownHash: 'PERSISTED_QUERY_NOT_ALLOWED',
    });
  });
});

describe('graphql-request 7', () => {
  it.each(['GET', 'POST'] as const)('runs trusted documents by documentId, by %s', async (method) => {
    const { fetch, seen } = recordingFetch();
    const client = createGraphQLRequestClient({
      endpoint,
      apiKey: world.keys.storefront,
      method,
      persisted: true,
      fetch,
    });
    expect(await client.request(ContactCardDocument, cardVars())).toEqual(card());
    expect(seen.map((r) => [r.method, r.status, r.url.searchParams.get('documentId') ?? r.body?.documentId])).toEqual([
      [method, 200, hashOf(ContactCardDocument)],
    ]);
  });

  it('runs a registered document sent as its printed text, for a persisted-only client', async () => {
    const client = createGraphQLRequestClient({ endpoint, apiKey: world.keys.storefront, method: 'GET' });
    expect(await client.request(ContactCardDocument, cardVars())).toEqual(card());
  });

  it('surfaces extensions.code of every refusal in ClientError', async () => {
    const code = async (apiKey: string, query: any, variables: object, method: 'GET' | 'POST' = 'POST') => {
      try {
        await createGraphQLRequestClient({ endpoint, apiKey, method }).request(query, variables);
        return 'no error';
      } catch (error) {
        return requestCode(error);
      }
    };
    expect({
      unregistered: await code(world.keys.storefront, ADHOC, cardVars(), 'GET'),
      pii: await code(world.keys.storefront, ContactNameDocument, cardVars()),
      badKey: await code('c360_not-a-key', ADHOC, cardVars()),
      badInput: await code(world.keys['web-app'], ADHOC, { contactId: { not: 'an id' } }, 'GET'),
      validation: await code(world.keys['web-app'], '{ crmContact { nope } }', {}),
    }).toEqual({
      unregistered: 'PERSISTED_QUERY_NOT_ALLOWED',
      pii: 'FORBIDDEN',
      badKey: 'UNAUTHENTICATED',
      badInput: 'BAD_USER_INPUT',
      validation: 'GRAPHQL_VALIDATION_FAILED',
    });
  });
});

describe('Relay (fetch function) and plain fetch', () => {
  it('run a persisted document by id, and read refusals from the body', async () => {
    const relay = createRelayFetch({ endpoint, apiKey: world.keys.storefront });
    expect(await relay({ name: 'ContactCard', id: hashOf(ContactCardDocument) }, cardVars())).toEqual({ data: card() });
    expect(await runDocument(endpoint, world.keys.storefront, ContactCardDocument, cardVars())).toEqual(card());
    const refused = await runDocument(endpoint, world.keys.storefront, ContactNameDocument, cardVars()).catch((e) => e);
    expect(refused instanceof GraphQLResponseError && [refused.code, refused.status]).toEqual(['FORBIDDEN', 403]);
  });
});

describe('persisted documents in every form', () => {
  const hex = () => hashOf(ContactCardDocument).slice('sha256:'.length);
  const forms = () => ({
    'documentId sha256:<hex>': { documentId: `sha256:${hex()}` },
    'documentId <hex>': { documentId: hex() },
    'persistedQuery sha256:<hex>': { extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${hex()}` } } },
    'persistedQuery <hex>': { extensions: { persistedQuery: { version: 1, sha256Hash: hex() } } },
    'persistedQuery <HEX>': { extensions: { persistedQuery: { version: 1, sha256Hash: hex().toUpperCase() } } },
  });

  it.each(['storefront', 'web-app'] as const)('run for %s by POST and GET', async (client) => {
    const answers: Record<string, unknown> = {};
    for (const [form, fields] of Object.entries(forms())) {
      const post = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': world.keys[client] },
        body: JSON.stringify({ ...fields, variables: cardVars() }),
      });
      const params = new URLSearchParams({ variables: JSON.stringify(cardVars()) });
      for (const [key, value] of Object.entries(fields))
        params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
      const get = await fetch(`${endpoint}?${params}`, { headers: { 'x-api-key': world.keys[client] } });
      answers[form] = [post.status, await post.json(), get.status, await get.json()];
    }
    const expected = [200, { data: card() }, 200, { data: card() }];
    expect(answers).toEqual(Object.fromEntries(Object.keys(forms()).map((form) => [form, expected])));
  });

  it('answer an unknown hash with PERSISTED_QUERY_NOT_FOUND to an APQ client, in either field', async () => {
    const unknown = 'ab'.repeat(32);
    const codes = [];
    for (const fields of [
      { documentId: `sha256:${unknown}` },
      { extensions: { persistedQuery: { version: 1, sha256Hash: `sha256:${unknown}` } } },
    ]) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': world.keys['web-app'] },
        body: JSON.stringify(fields),
      });
      codes.push([res.status, ((await res.json()) as any).errors[0].extensions.code]);
    }
    expect(codes).toEqual([
      [200, 'PERSISTED_QUERY_NOT_FOUND'],
      [200, 'PERSISTED_QUERY_NOT_FOUND'],
    ]);
  });
});

describe('refusals per the GraphQL-over-HTTP spec', () => {
  const refuse = async (accept: string | undefined, apiKey: string) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...(accept ? { accept } : {}) },
      body: JSON.stringify({ query: ADHOC, variables: cardVars() }),
    });
    const body = (await res.json()) as any;
    return [res.status, res.headers.get('content-type')?.split(';')[0], body.errors[0].extensions.code];
  };

  it('use the spec status codes with application/graphql-response+json, 200 with application/json', async () => {
    expect({
      graphqlResponse: await refuse('application/graphql-response+json', world.keys.storefront),
      json: await refuse('application/json', world.keys.storefront),
      unauthenticated: await refuse('application/json', 'c360_nope'),
      unauthenticatedSpec: await refuse('application/graphql-response+json', 'c360_nope'),
      noAccept: await refuse(undefined, world.keys.storefront),
    }).toEqual({
      graphqlResponse: [403, 'application/graphql-response+json', 'PERSISTED_QUERY_NOT_ALLOWED'],
      json: [200, 'application/json', 'PERSISTED_QUERY_NOT_ALLOWED'],
      unauthenticated: [200, 'application/json', 'UNAUTHENTICATED'],
      unauthenticatedSpec: [401, 'application/graphql-response+json', 'UNAUTHENTICATED'],
      noAccept: [403, 'application/json', 'PERSISTED_QUERY_NOT_ALLOWED'],
    });
  });

  it('answer a request error of Apollo Server itself (validation) the same way', async () => {
    const invalid = async (accept: string) => {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': world.keys['web-app'], accept },
        body: JSON.stringify({ query: '{ crmContact(contactId: "x") { nope } }' }),
      });
      const body = (await res.json()) as any;
      return [res.status, res.headers.get('content-type')?.split(';')[0], body.errors[0].extensions.code];
    };
    expect([await invalid('application/graphql-response+json'), await invalid('application/json')]).toEqual([
      [400, 'application/graphql-response+json', 'GRAPHQL_VALIDATION_FAILED'],
      [200, 'application/json', 'GRAPHQL_VALIDATION_FAILED'],
    ]);
  });

  it('let every client read RATE_LIMITED, with Retry-After', async () => {
    const apollo = createApolloClient({ endpoint, apiKey: world.keys.burst, persisted: 'none' });
    const urql = createUrqlClient({ endpoint, apiKey: world.keys.burst, persisted: 'none' });
    const request = createGraphQLRequestClient({ endpoint, apiKey: world.keys.burst });
    const seen: unknown[] = [];
    for (let i = 0; i < 2; i++) await request.request(ADHOC, cardVars());
    seen.push(await apollo.query({ query: gql(ADHOC), variables: cardVars() }).then(() => 'ok', apolloCode));
    seen.push(urqlCode((await urql.query(ADHOC, cardVars()).toPromise()).error));
    seen.push(await request.request(ADHOC, cardVars()).then(() => 'ok', requestCode));
    const raw = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'x-api-key': world.keys.burst,
      },
      body: JSON.stringify({ query: ADHOC, variables: cardVars() }),
    });
    expect({ seen, status: raw.status, retryAfter: Number(raw.headers.get('retry-after')) > 0 }).toEqual({
      seen: ['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED'],
      status: 429,
      retryAfter: true,
    });
  });
});

describe('introspection', () => {
  const options = {
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
    oneOf: true,
  } as const;
  const introspect = async (apiKey: string, query: string) => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'x-api-key': apiKey },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as any;
    return [res.status, body.errors?.[0]?.extensions?.code ?? (body.data?.__schema ? 'schema' : body.data)];
  };

  it('answers 200 for every graphql-js option, alone and all together', async () => {
    const answers: Record<string, unknown> = {};
    for (const option of Object.keys(options))
      answers[option] = await introspect(world.keys.analyst, getIntrospectionQuery({ [option]: true }));
    answers.all = await introspect(world.keys.analyst, getIntrospectionQuery(options));
    expect(answers).toEqual(Object.fromEntries([...Object.keys(options), 'all'].map((o) => [o, [200, 'schema']])));
  });

  it('answers isOneOf truthfully, and a typed 400 or 403 instead of a 500', async () => {
    const oneOf = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': world.keys.analyst },
      body: JSON.stringify({
        query:
          '{ input: __type(name: "ConsentIdentifierInput") { isOneOf } object: __type(name: "CrmContact") { isOneOf } }',
      }),
    });
    // graphql-js: false for an input object without @oneOf, null for other kinds.
    expect(await oneOf.json()).toEqual({ data: { input: { isOneOf: false }, object: { isOneOf: null } } });
    expect({
      mixed: await introspect(
        world.keys.analyst,
        `{ __type(name: "CrmContact") { isOneOf } crmContact(contactId: "x") { contactId } }`,
      ),
      notAnalyst: await introspect(world.keys['web-app'], getIntrospectionQuery(options)),
    }).toEqual({ mixed: [400, 'BAD_USER_INPUT'], notAnalyst: [403, 'FORBIDDEN'] });
  });
});
