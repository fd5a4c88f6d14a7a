import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import { Pool } from 'pg';
import type { Product } from '@c360/embedded/product';
import { TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';
import { capturingLogger, post } from '../../integration/gateway-access/fixtures';
import { signCaller } from '@c360/kit/auth';
import { as, SECRET, startProductionProduct } from '../product';

/**
 * The security probe suite: the gateway of the product started in production
 * mode, probed as an attacker would. Every probe is refused with its typed
 * error and HTTP status, no data leaks, nothing is written, and the refusal
 * is counted in the metrics (`c360_gateway_errors_total{code}`) and in the
 * request log (`errorCodes`). docs/security.md lists them.
 */
const JWT_SECRET = 'probe-suite-jwt-secret-0123456789abcdef';
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'c360-api';
/**
 * A person the demo sources hold now, from the ground truth their last seeding wrote: another suite of the lane
 * may have reseeded them with fewer people than DEMO_PEOPLE (segment-api.test seeds 400), and the generator's
 * people differ with the count.
 */
function emailOfSomeoneInTheCrm(): string {
  const truth = JSON.parse(readFileSync(TEST_TRUTH_PATH, 'utf8')) as {
    people: { records: { system: string }[]; identifiers: { kind: string; value: string }[] }[];
  };
  const person = truth.people.find(
    (p) => p.records.some((r) => r.system === 'crm') && p.identifiers.some((i) => i.kind === 'EMAIL'),
  )!;
  return person.identifiers.find((i) => i.kind === 'EMAIL')!.value;
}
let EMAIL: string;
const { logger, lines } = capturingLogger('info');

let product: Product;
let url: string;
let privacy: Pool;

beforeAll(async () => {
  product = await startProductionProduct(
    {
      JWT_SECRET,
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_UNLISTED_CLIENT_SCOPES: 'customer:read',
      // Low limits, so that small documents probe them (the defaults are 10 and 50 000).
      MAX_DEPTH: '5',
      MAX_COST: '100',
    },
    logger,
  );
  url = product.gateway.url;
  privacy = new Pool({ connectionString: testEnv().PRIVACY_DATABASE_URL, max: 1 });
  EMAIL = emailOfSomeoneInTheCrm();
}, 600_000);
afterAll(async () => {
  await product?.stop();
  await privacy?.end();
});

const gql = (body: unknown, headers: Record<string, string> = as('sales-app')) => post(url, body, headers);

/** Asserts a refusal: status, one error of `code`, no data, and the request counted and logged with the code. */
async function expectRefused(
  res: Awaited<ReturnType<typeof post>>,
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
) {
  expect({
    status: res.status,
    code: res.body?.errors?.[0]?.extensions?.code,
    ...pick(res.body?.errors?.[0]?.extensions, extra),
  }).toEqual({
    status,
    code,
    ...extra,
  });
  expect(res.body.data ?? null).toBeNull();
  const text = JSON.stringify(res.body);
  expect(text).not.toContain(EMAIL);
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  expect(text).not.toMatch(/Did you mean/);
  const requestId = res.headers.get('x-request-id');
  await waitFor(() => lines.some((l) => l.msg === 'request' && l.requestId === requestId));
  const line = lines.find((l) => l.msg === 'request' && l.requestId === requestId)!;
  expect({ status: line.status, codes: line.errorCodes }).toEqual({ status, codes: expect.arrayContaining([code]) });
}

const pick = (from: Record<string, unknown> | undefined, keys: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(keys).map((k) => [k, from?.[k]]));

async function waitFor(check: () => boolean, ms = 3000) {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

async function errorsTotal(): Promise<Record<string, number>> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: as('monitoring') })).text();
  const counts: Record<string, number> = {};
  for (const [, code, n] of text.matchAll(/^c360_gateway_errors_total\{code="(\w+)"\} (\d+)$/gm))
    counts[code!] = Number(n);
  return counts;
}

const jwt = (claims: Record<string, unknown>, options: { secret?: string; exp?: number | string; aud?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? JWT_SECRET));

const LOOKUP = /* GraphQL */ `
  query Lookup($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
    }
  }
`;

describe('security probes against the gateway in production', () => {
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await errorsTotal();
  });

  describe('operation bombs', () => {
    it('depth bomb: 400 OPERATION_LIMIT_EXCEEDED (depth)', async () => {
      const res = await gql({
        query: '{ customer(id: "x") { shopAccounts { orders(first: 1) { edges { node { total { amount } } } } } } }',
      });
      await expectRefused(res, 400, 'OPERATION_LIMIT_EXCEEDED', { limit: 'depth' });
    });

    it('alias bomb: 400 OPERATION_LIMIT_EXCEEDED (aliases)', async () => {
      const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: customer(id: "x") { id }`).join(' ');
      await expectRefused(await gql({ query: `{ ${aliases} }` }), 400, 'OPERATION_LIMIT_EXCEEDED', {
        limit: 'aliases',
      });
    });

    it('__typename alias bomb: 400 OPERATION_LIMIT_EXCEEDED (aliases)', async () => {
      const aliases = Array.from({ length: 100 }, (_, i) => `t${i}: __typename`).join(' ');
      await expectRefused(await gql({ query: `{ ${aliases} }` }), 400, 'OPERATION_LIMIT_EXCEEDED', {
        limit: 'aliases',
      });
    });

    it('breadth (cost) bomb: 400 OPERATION_LIMIT_EXCEEDED (cost)', async () => {
      const fields = Array.from(
        { length: 14 },
        (_, i) => `c${i}: customer(id: "x") { id sourceRecords { system localId } shopAccounts { accountId email } }`,
      ).join(' ');
      await expectRefused(await gql({ query: `{ ${fields} }` }), 400, 'OPERATION_LIMIT_EXCEEDED', { limit: 'cost' });
    });

    it('token bomb: 400 OPERATION_LIMIT_EXCEEDED (tokens)', async () => {
      await expectRefused(await gql({ query: `{ ${'__typename '.repeat(3000)} }` }), 400, 'OPERATION_LIMIT_EXCEEDED', {
        limit: 'tokens',
      });
    });

    it('900 duplicated fields: 400 OPERATION_LIMIT_EXCEEDED saying why, not "Validation aborted."', async () => {
      const res = await gql({ query: `{ customer(id: "x") { ${'id '.repeat(900)} } }` });
      expect(res.status).toBe(400);
      expect(res.body.data ?? null).toBeNull();
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            message: expect.stringMatching(/repeats the same fields too many times/),
            extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'fields' },
          }),
        ]),
      );
      expect(JSON.stringify(res.body)).not.toContain('Validation aborted');
    });

    it('fragment cycle: 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const res = await gql({
        query:
          'query { customer(id: "x") { ...A } } fragment A on Customer { mergedFrom { ...B } } fragment B on Customer { ...A }',
      });
      await expectRefused(res, 400, 'GRAPHQL_VALIDATION_FAILED');
    });

    it('directive overloading: 400 OPERATION_LIMIT_EXCEEDED (directives)', async () => {
      await expectRefused(
        await gql({ query: `{ __typename ${'@include(if: true) '.repeat(60)} }` }),
        400,
        'OPERATION_LIMIT_EXCEEDED',
        { limit: 'directives' },
      );
    });

    it('batched array of operations: 400 BAD_REQUEST', async () => {
      const res = await gql([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).not.toContain('"data"');
    });
  });

  describe('oversized and malformed input', () => {
    it('a body over the limit: 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await gql({ query: LOOKUP, variables: { email: 'x'.repeat(1_100_000) } });
      await expectRefused(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('a 900 kB identifier in a variable: 400 BAD_USER_INPUT, no lookup', async () => {
      const res = await gql({ query: LOOKUP, variables: { email: `${'a'.repeat(900_000)}@x.test` } });
      await expectRefused(res, 400, 'BAD_USER_INPUT');
      expect(res.body.errors[0].message).toMatch(/Variable "\$email": expected a string of at most 4096 characters/);
    });

    it('a 900 kB identifier literal: 400 BAD_USER_INPUT', async () => {
      const res = await gql({ query: `{ customer(id: "${'1'.repeat(900_000)}") { id } }` });
      await expectRefused(res, 400, 'BAD_USER_INPUT');
    });

    it('an ID longer than an id: 400 BAD_USER_INPUT', async () => {
      const res = await gql({
        query: 'query ($id: ID!) { customer(id: $id) { id } }',
        variables: { id: 'x'.repeat(300) },
      });
      await expectRefused(res, 400, 'BAD_USER_INPUT');
    });

    it('a NUL byte in an identifier: 400 BAD_USER_INPUT, not an outage', async () => {
      const res = await gql({ query: LOOKUP, variables: { email: 'a\u0000b@example.com' } });
      await expectRefused(res, 400, 'BAD_USER_INPUT');
      const literal = await gql({ query: '{ customer(id: "a\\u0000b") { id } }' });
      await expectRefused(literal, 400, 'BAD_USER_INPUT');
      // The same document again (the parsed document is kept, and so is what its literals were refused for).
      const again = await gql({ query: '{ customer(id: "a\\u0000b") { id } }' });
      await expectRefused(again, 400, 'BAD_USER_INPUT');
      expect(again.body.errors[0].message).toBe(literal.body.errors[0].message);
    });

    it('malformed JSON: 400 BAD_REQUEST', async () => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...as('sales-app') },
        body: '{"query": "{ __typename }"',
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    });

    it.each([
      ['Cypher', "x' OR 1=1 WITH 1 AS x MATCH (n) DETACH DELETE n //"],
      ['SQL', "x'; DROP TABLE contacts; --"],
      ['header', 'x\r\nSet-Cookie: pwned=1'],
      ['path', '../../../../etc/passwd'],
    ])('%s injection in an identifier: BAD_USER_INPUT or unknown, nothing leaked or written', async (_kind, value) => {
      const res = await gql({ query: LOOKUP, variables: { email: value } });
      // Not an email: refused as bad input by the identity subgraph's normaliser, nothing looked up.
      expect({ status: res.status, data: res.body.data, code: res.body.errors?.[0]?.extensions?.code }).toEqual({
        status: 200,
        data: { customerByIdentifier: null },
        code: 'BAD_USER_INPUT',
      });
      // Nor a loyalty card: every kind is validated before any lookup.
      const card = await gql({
        query: 'query ($v: String!) { customerByIdentifier(kind: LOYALTY_CARD, value: $v) { id } }',
        variables: { v: value },
      });
      expect({ status: card.status, data: card.body.data, code: card.body.errors?.[0]?.extensions?.code }).toEqual({
        status: 200,
        data: { customerByIdentifier: null },
        code: 'BAD_USER_INPUT',
      });
      expect(res.headers.get('set-cookie')).toBeNull();
      const id = await gql({ query: 'query ($id: ID!) { customer(id: $id) { id } }', variables: { id: value } });
      expect({ status: id.status, data: id.body.data }).toEqual({ status: 200, data: { customer: null } });
      for (const error of id.body.errors ?? []) expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(id.body)).not.toMatch(/Neo4j|Cypher|syntax|SQL|postgres/i);
    });

    it('the injection strings left the graph and the sources as they were', async () => {
      const { records } = await product.driver.executeQuery('MATCH (n) RETURN count(n) AS n');
      expect(records[0]!.get('n')).toBeGreaterThan(0);
      const crm = new Pool({ connectionString: testEnv().CRM_DATABASE_URL, max: 1 });
      try {
        const { rows } = await crm.query('SELECT count(*)::int AS n FROM contacts');
        expect(rows[0].n).toBeGreaterThan(0);
      } finally {
        await crm.end();
      }
    });
  });

  describe('CSRF, introspection and suggestions', () => {
    it('CSRF: a simple cross-site request (no header a browser would preflight) is refused, and carries no credential', async () => {
      // What a page of another site can make a browser send without a preflight: no custom header, so no
      // API key or bearer token (the gateway takes no cookie). Refused: 400 by CSRF prevention, or 401.
      const simple = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`);
      expect([400, 401]).toContain(simple.status);
      expect(((await simple.json()) as { data?: unknown }).data ?? null).toBeNull();
      const form = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect([400, 401]).toContain(form.status);
      // A credential header makes any request one the browser preflights (and CORS then decides): a GET
      // with it is what urql and graphql-request send, and it is served.
      const withKey = await fetch(`${url}?query=${encodeURIComponent('{ __typename }')}`, { headers: as('sales-app') });
      expect(withKey.status).toBe(200);
    });

    it('introspection without the analyst scope: 403 FORBIDDEN', async () => {
      await expectRefused(await gql({ query: '{ __schema { queryType { name } } }' }), 403, 'FORBIDDEN');
      await expectRefused(await gql({ query: '{ __type(name: "Customer") { name } }' }), 403, 'FORBIDDEN');
    });

    it('no suggestion of any kind: fields, arguments, types, enum values (literal and variable)', async () => {
      const probes = [
        '{ customr(id: "x") { id } }',
        '{ customer(idd: "x") { id } }',
        '{ customer(id: "x") { ... on Custome { id } } }',
        '{ customerByIdentifier(kind: EMAL, value: "x") { id } }',
      ];
      for (const query of probes) {
        const res = await gql({ query });
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|Suggestion|"EMAIL"/);
      }
      const variable = await gql({
        query: 'query ($kind: IdentifierKind!) { customerByIdentifier(kind: $kind, value: "x") { id } }',
        variables: { kind: 'EMAL' },
      });
      expect(variable.status).toBe(400);
      expect(variable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(variable.body)).not.toMatch(/Did you mean|EMAIL/);
    });
  });

  describe('access', () => {
    it('a partner key sending a non-persisted operation: 403 PERSISTED_QUERY_NOT_ALLOWED', async () => {
      await expectRefused(
        await gql({ query: LOOKUP, variables: { email: EMAIL } }, as('partner-app')),
        403,
        'PERSISTED_QUERY_NOT_ALLOWED',
      );
    });

    it('PII fields without pii:read: 403 FORBIDDEN before any subgraph call', async () => {
      const res = await gql(
        {
          query:
            'query ($email: String!) { customerByIdentifier(kind: EMAIL, value: $email) { crmContacts { firstName personalEmail } } }',
          variables: { email: EMAIL },
        },
        as('reader-app'),
      );
      await expectRefused(res, 403, 'FORBIDDEN');
    });

    it('an admin mutation without the admin scope: 403 FORBIDDEN like PII, nothing written', async () => {
      const {
        rows: [before],
      } = await privacy.query('SELECT count(*)::int AS n FROM erasure_job');
      const customer = await gql({ query: LOOKUP, variables: { email: EMAIL } });
      const id = customer.body.data.customerByIdentifier.id as string;
      const res = await gql(
        { query: 'mutation ($id: ID!) { requestErasure(id: $id, reason: "probe") { id status } }', variables: { id } },
        as('reader-app'),
      );
      await expectRefused(res, 403, 'FORBIDDEN');
      const {
        rows: [after],
      } = await privacy.query('SELECT count(*)::int AS n FROM erasure_job');
      expect(after.n).toBe(before.n);
      const query = await gql(
        { query: 'query ($id: ID!) { erasureJob(id: $id) { id } }', variables: { id } },
        as('reader-app'),
      );
      await expectRefused(query, 403, 'FORBIDDEN');
    });

    it('no credentials: 401 UNAUTHENTICATED with a challenge', async () => {
      const res = await gql({ query: LOOKUP, variables: { email: EMAIL } }, {});
      await expectRefused(res, 401, 'UNAUTHENTICATED');
      expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    });

    const tokenProbes: [string, () => Promise<string>][] = [
      [
        'forged (another secret)',
        () => jwt({ azp: 'idp-app', scope: 'customer:read' }, { secret: 'another-secret-0123456789abcdef0123456789' }),
      ],
      ['expired', () => jwt({ azp: 'idp-app', scope: 'customer:read' }, { exp: Math.floor(Date.now() / 1000) - 3600 })],
      ['wrong audience', () => jwt({ azp: 'idp-app', scope: 'customer:read' }, { aud: 'another-api' })],
      [
        'alg none',
        async () => {
          const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
          const now = Math.floor(Date.now() / 1000);
          return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ azp: 'idp-app', scope: 'customer:read pii:read admin', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 })}.`;
        },
      ],
      [
        'HS256 signed with the shared subgraph secret instead',
        async () => {
          const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
          const body = `${b64({ alg: 'HS256' })}.${b64({ azp: 'x', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 60 })}`;
          return `${body}.${createHmac('sha256', 'not-the-secret').update(body).digest('base64url')}`;
        },
      ],
    ];
    it.each(tokenProbes)('a %s token: 401 UNAUTHENTICATED', async (_name, make) => {
      const res = await gql(
        { query: LOOKUP, variables: { email: EMAIL } },
        { authorization: `Bearer ${await make()}` },
      );
      await expectRefused(res, 401, 'UNAUTHENTICATED');
    });

    it('a valid token of a client absent from the clients file holds only JWT_UNLISTED_CLIENT_SCOPES', async () => {
      const token = await jwt({ azp: 'idp-app', scope: 'customer:read pii:read admin' });
      const ok = await gql({ query: LOOKUP, variables: { email: EMAIL } }, { authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect(ok.body.data.customerByIdentifier.id).toEqual(expect.any(String));
      const pii = await gql(
        {
          query:
            'query ($email: String!) { customerByIdentifier(kind: EMAIL, value: $email) { crmContacts { firstName } } }',
          variables: { email: EMAIL },
        },
        { authorization: `Bearer ${token}` },
      );
      await expectRefused(pii, 403, 'FORBIDDEN');
    });
  });

  describe('caching', () => {
    it('an answer with personal data is private and varies on the credentials; refusals are no-store', async () => {
      const res = await gql({
        query:
          'query ($email: String!) { customerByIdentifier(kind: EMAIL, value: $email) { id crmContacts { firstName } } }',
        variables: { email: EMAIL },
      });
      expect(res.status).toBe(200);
      const cacheControl = res.headers.get('cache-control') ?? '';
      expect(cacheControl).not.toMatch(/public/);
      expect(cacheControl).toMatch(/^(private, max-age=\d+|no-store)$/);
      expect(res.headers.get('vary')).toMatch(/X-Api-Key/i);
      expect(res.headers.get('vary')).toMatch(/Authorization/i);
      const refused = await gql({ query: LOOKUP, variables: { email: EMAIL } }, {});
      expect(refused.headers.get('cache-control')).toBe('no-store');
    });

    it('a subgraph answer is never public and varies on the signed caller', async () => {
      const res = await fetch(product.sources.crm.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signCaller({ client: 'gateway', scopes: ['customer:read', 'pii:read'] }, SECRET),
        },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).not.toMatch(/public/);
      expect(res.headers.get('vary')).toMatch(/X-C360-Signature/i);
    });
  });

  it('counts every refusal in the metrics by code', async () => {
    const after = await errorsTotal();
    const delta = (code: string) => (after[code] ?? 0) - (before[code] ?? 0);
    for (const code of [
      'OPERATION_LIMIT_EXCEEDED',
      'BAD_USER_INPUT',
      'FORBIDDEN',
      'UNAUTHENTICATED',
      'PERSISTED_QUERY_NOT_ALLOWED',
      'PAYLOAD_TOO_LARGE',
    ]) {
      expect({ code, counted: delta(code) > 0 }).toEqual({ code, counted: true });
    }
  });
});
