import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import {
  ANONYMOUS_DEVELOPER,
  CALLER_HEADERS,
  configureSubgraphAuth,
  generateSecret,
  requireScope,
  signCaller,
  verifyCaller,
  type Caller,
  type CallerContext,
  type SubgraphAuthOptions,
} from './auth';
import { startSubgraph } from './bootstrap';
import type { RunningServer } from './http';
import { createLogger } from './logger';
import { postGraphQL } from './testing';

const secret = generateSecret();
const NOW = 1_760_000_000_000;

describe('signed caller headers', () => {
  const caller = { client: 'sales app/é', scopes: ['pii:read', 'customer:read', 'pii:read'], requestId: 'req-1' };

  it('round-trip: the subgraph reads the client, the sorted scopes and the request id the gateway signed', () => {
    const headers = signCaller(caller, secret, NOW);
    expect(headers[CALLER_HEADERS.scopes]).toBe('customer:read pii:read');
    expect(verifyCaller(headers, [secret], 300_000, NOW + 1000)).toEqual({
      ok: true,
      caller: { client: 'sales app/é', scopes: ['customer:read', 'pii:read'], requestId: 'req-1', verified: true },
    });
  });

  it('are refused when a scope or the client was changed on the way', () => {
    const headers = signCaller(caller, secret, NOW);
    const widened = { ...headers, [CALLER_HEADERS.scopes]: 'admin customer:read pii:read' };
    const renamed = { ...headers, [CALLER_HEADERS.client]: 'privacy-officer' };
    for (const forged of [widened, renamed]) {
      expect(verifyCaller(forged, [secret], 300_000, NOW)).toEqual({
        ok: false,
        reason: 'invalid',
        message: 'the gateway signature does not match',
      });
    }
  });

  it('are refused when signed with another secret, and accepted with any secret of a rotation', () => {
    const old = generateSecret();
    const headers = signCaller(caller, old, NOW);
    expect(verifyCaller(headers, [secret], 300_000, NOW)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(verifyCaller(headers, [secret, old], 300_000, NOW)).toMatchObject({ ok: true });
  });

  it('are refused once older than maxAgeMs (a replay)', () => {
    const headers = signCaller(caller, secret, NOW);
    expect(verifyCaller(headers, [secret], 300_000, NOW + 300_001)).toEqual({
      ok: false,
      reason: 'expired',
      message: 'the gateway signature is older than 300000 ms',
    });
  });

  it('once verified, are still refused when expired, changed on the way or checked against other secrets', () => {
    // A request's headers go to a dozen subgraphs: verifications after the first skip the HMAC, not the rules.
    const headers = signCaller(caller, secret, NOW);
    const secrets = [secret];
    expect(verifyCaller(headers, secrets, 300_000, NOW)).toMatchObject({ ok: true });
    expect(verifyCaller(headers, secrets, 300_000, NOW + 1)).toMatchObject({ ok: true });
    expect(verifyCaller(headers, secrets, 300_000, NOW + 300_001)).toMatchObject({ ok: false, reason: 'expired' });
    const widened = { ...headers, [CALLER_HEADERS.scopes]: 'admin customer:read pii:read' };
    expect(verifyCaller(widened, secrets, 300_000, NOW)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(verifyCaller(headers, [generateSecret()], 300_000, NOW)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('are missing when a request carries no signature', () => {
    expect(verifyCaller({ [CALLER_HEADERS.client]: 'x' }, [secret])).toEqual({
      ok: false,
      reason: 'missing',
      message: 'the request carries no gateway signature',
    });
  });
});

describe('requireScope', () => {
  const ctx = (scopes: string[]): CallerContext => ({ caller: { client: 'partner-app', scopes, verified: true } });

  it('passes when the caller holds the scope', () => {
    expect(() => requireScope(ctx(['customer:read', 'consent:write']), 'consent:write')).not.toThrow();
  });

  it('throws FORBIDDEN naming the scope needed, the client and what it holds', () => {
    let error: GraphQLError | undefined;
    try {
      requireScope(ctx(['customer:read']), 'consent:write');
    } catch (err) {
      error = err as GraphQLError;
    }
    expect({ message: error?.message, extensions: error?.extensions }).toEqual({
      message: 'This operation needs the consent:write scope; client "partner-app" holds: customer:read',
      extensions: { code: 'FORBIDDEN', requiredScope: 'consent:write', client: 'partner-app' },
    });
  });

  it('throws for a context without a caller', () => {
    expect(() => requireScope({}, 'admin')).toThrow(
      'This operation needs the admin scope; client "unknown" holds: none',
    );
  });
});

describe('configureSubgraphAuth', () => {
  it('refuses production settings without a secret', () => {
    expect(() => configureSubgraphAuth({ mode: 'production' })).toThrow(/SUBGRAPH_SHARED_SECRET/);
  });
});

/** A subgraph whose one field answers who called it, as its context saw it. */
describe('a subgraph behind the caller check', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'c360-auth-'));
  const schemaPath = path.join(dir, 'schema.graphql');
  writeFileSync(schemaPath, 'type Query { whoAmI: String! }');
  const servers: RunningServer[] = [];

  async function start(auth?: SubgraphAuthOptions) {
    const server = await startSubgraph<{ caller?: Caller }>({
      name: 'probe',
      schemaPath,
      resolvers: {
        Query: { whoAmI: (_: unknown, __: unknown, ctx: CallerContext) => `${ctx.caller.client}:${ctx.caller.scopes}` },
      },
      context: () => ({}),
      health: async () => {},
      host: '127.0.0.1',
      logger: createLogger('silent'),
      auth,
    });
    servers.push(server);
    return server;
  }

  afterAll(async () => {
    for (const server of servers) await server.stop();
    configureSubgraphAuth({});
    rmSync(dir, { recursive: true, force: true });
  });

  const query = '{ whoAmI }';
  const signed = (scopes: string[], key = secret) => signCaller({ client: 'sales-app', scopes }, key);

  it('in production, serves a signed request as the caller the gateway named', async () => {
    const server = await start({ mode: 'production', secrets: [secret] });
    expect(await postGraphQL(server.url, query, {}, signed(['customer:read']))).toEqual({
      status: 200,
      data: { whoAmI: 'sales-app:customer:read' },
    });
  });

  it('in production, refuses an unsigned or wrongly signed request with 401 UNAUTHENTICATED', async () => {
    const server = await start({ mode: 'production', secrets: [secret] });
    expect(await postGraphQL(server.url, query, {}, { [CALLER_HEADERS.client]: 'sales-app' })).toEqual({
      status: 401,
      errors: [
        {
          message: 'Subgraph requests must come through the gateway: the request carries no gateway signature',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    const forged = await postGraphQL(server.url, query, {}, signed(['admin'], generateSecret()));
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.message).toBe(
      'Subgraph requests must come through the gateway: the gateway signature does not match',
    );
  });

  it('in development, serves an unsigned request as the anonymous developer, but still refuses a bad signature', async () => {
    const server = await start({ mode: 'development', secrets: [secret] });
    expect((await postGraphQL(server.url, query)).data).toEqual({
      whoAmI: `anonymous:${ANONYMOUS_DEVELOPER.scopes.join(',')}`,
    });
    expect((await postGraphQL(server.url, query, {}, signed(['admin'], generateSecret()))).status).toBe(401);
  });

  it('without its own auth option, follows the process-wide settings, read per request', async () => {
    const server = await start();
    expect((await postGraphQL(server.url, query)).status).toBe(200);
    configureSubgraphAuth({ mode: 'production', secrets: [secret] });
    expect((await postGraphQL(server.url, query)).status).toBe(401);
    expect((await postGraphQL(server.url, query, {}, signed(['pii:read']))).data).toEqual({
      whoAmI: 'sales-app:pii:read',
    });
  });
});
