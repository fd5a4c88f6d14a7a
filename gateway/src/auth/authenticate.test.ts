import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { KNOWN_SCOPES } from '@c360/kit/auth';
import { ANONYMOUS, AuthenticationError, Authenticator, scopesOf, type JwtOptions } from './authenticate';
import { loadClients, parseClients, DEFAULT_CLIENTS_PATH, type Clients } from './clients';
import { DEMO_KEYS } from './demo-keys';
import { generateApiKey, hashApiKey, keyEntry } from './keys';

const salesKey = generateApiKey();
const partnerKey = generateApiKey();
const revokedKey = generateApiKey();
const clients: Clients = parseClients(
  JSON.stringify({
    clients: [
      { name: 'sales-app', scopes: ['customer:read', 'pii:read'], keys: [keyEntry('sales-app', salesKey)] },
      {
        name: 'partner-app',
        scopes: ['customer:read'],
        persistedOnly: true,
        rateLimit: { points: 5, durationSeconds: 60 },
        keys: [
          { id: 'p1', sha256: hashApiKey(partnerKey) },
          { id: 'p0', sha256: hashApiKey(revokedKey), revoked: true },
        ],
      },
    ],
  }),
);

const SECRET = 'a-shared-hs256-secret-of-32-characters!!';
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'c360-gateway';
const hs256: JwtOptions = { secret: SECRET, issuer: ISSUER, audience: AUDIENCE };

const authenticator = (allowAnonymous = false, jwt: JwtOptions | null = hs256) =>
  new Authenticator({ clients: () => clients, jwt: jwt ?? undefined, allowAnonymous });

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AuthenticationError);
    return (err as Error).message;
  }
  throw new Error('expected the credential to be refused');
}

const token = (
  claims: Record<string, unknown>,
  options: { expires?: string; issuer?: string; audience?: string } = {},
) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(new TextEncoder().encode(SECRET));

describe('API keys', () => {
  it('authenticate their client, from x-api-key or a bearer header, with its scopes and key id', async () => {
    const expected = { client: 'sales-app', scopes: ['customer:read', 'pii:read'], via: 'api-key' };
    expect(await authenticator().authenticate({ 'x-api-key': salesKey })).toMatchObject(expected);
    expect(await authenticator().authenticate({ authorization: `Bearer ${salesKey}` })).toMatchObject(expected);
  });

  it('carry the persisted-only flag (with the manifest, the client name by default) and the rate limit', async () => {
    expect(await authenticator().authenticate({ 'x-api-key': partnerKey })).toEqual({
      client: 'partner-app',
      scopes: ['customer:read'],
      via: 'api-key',
      keyId: 'p1',
      persistedOnly: { manifest: 'partner-app' },
      rateLimit: { points: 5, durationSeconds: 60 },
    });
  });

  it('are refused when unknown, malformed or revoked, with one message that tells nothing more', async () => {
    for (const key of [generateApiKey(), 'c360_short', revokedKey]) {
      expect(await refusal(authenticator(true).authenticate({ 'x-api-key': key }))).toBe('The API key is not valid');
    }
  });

  it('are stored as the SHA-256 of the key', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(generateApiKey()).toMatch(/^c360_[A-Za-z0-9_-]{43}$/);
  });
});

describe('requests without credentials', () => {
  it('are the anonymous developer, with every scope, in development', async () => {
    expect(await authenticator(true).authenticate({})).toEqual({
      client: 'anonymous',
      scopes: KNOWN_SCOPES,
      via: 'anonymous',
    });
    expect(ANONYMOUS.scopes).toEqual(expect.arrayContaining(['pii:read', 'identity:write', 'analyst']));
  });

  it('are refused in production, saying how to authenticate', async () => {
    expect(await refusal(authenticator(false).authenticate({}))).toBe(
      'This API needs credentials: send your API key in the x-api-key header, or a bearer token in Authorization',
    );
  });

  it('are refused when both credentials are sent, or Authorization is not a bearer', async () => {
    expect(await refusal(authenticator().authenticate({ 'x-api-key': salesKey, authorization: 'Bearer x' }))).toMatch(
      /either x-api-key or Authorization/,
    );
    expect(await refusal(authenticator().authenticate({ authorization: 'Basic dXNlcjpwdw==' }))).toBe(
      'Expected "Authorization: Bearer <token or API key>"',
    );
  });
});

describe('JWT bearer tokens (HS256 shared secret)', () => {
  it('name the client from azp, client_id or sub, and read scopes from scope or scp', async () => {
    const auth = authenticator();
    expect(
      await auth.authenticate({
        authorization: `Bearer ${await token({ azp: 'crm-app', sub: 'u-1', scope: 'customer:read pii:read' })}`,
      }),
    ).toEqual({ client: 'crm-app', scopes: ['customer:read', 'pii:read'], via: 'jwt', subject: 'u-1' });
    expect(
      await auth.authenticate({
        authorization: `Bearer ${await token({ client_id: 'batch', scp: ['identity:write'] })}`,
      }),
    ).toMatchObject({ client: 'batch', scopes: ['identity:write'] });
    expect(
      await auth.authenticate({ authorization: `Bearer ${await token({ sub: 'svc', scp: 'customer:read' })}` }),
    ).toEqual({ client: 'svc', scopes: ['customer:read'], via: 'jwt' });
  });

  it('of a client listed in the clients file keep its limits and no more than its scopes', async () => {
    const jwt = await token({ azp: 'partner-app', scope: 'customer:read pii:read admin' });
    expect(await authenticator().authenticate({ authorization: `Bearer ${jwt}` })).toEqual({
      client: 'partner-app',
      scopes: ['customer:read'],
      via: 'jwt',
      persistedOnly: { manifest: 'partner-app' },
      rateLimit: { points: 5, durationSeconds: 60 },
    });
  });

  it('are refused when expired, of another issuer or audience, badly signed, or naming no client', async () => {
    const auth = authenticator(true);
    const bearer = async (jwt: string | Promise<string>) =>
      refusal(auth.authenticate({ authorization: `Bearer ${await jwt}` }));
    expect(await bearer(token({ sub: 'x' }, { expires: '-1m' }))).toBe('The bearer token is not valid: it has expired');
    expect(await bearer(token({ sub: 'x' }, { issuer: 'https://evil.test/' }))).toBe(
      'The bearer token is not valid: its "iss" claim is not accepted (check_failed)',
    );
    expect(await bearer(token({ sub: 'x' }, { audience: 'other-api' }))).toBe(
      'The bearer token is not valid: its "aud" claim is not accepted (check_failed)',
    );
    const forged = await new SignJWT({ sub: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    expect(await bearer(forged)).toBe('The bearer token is not valid: its signature does not verify');
    expect(await bearer('not.a.jwt')).toBe('The bearer token is not valid: it is malformed');
    expect(await bearer(token({ scope: 'admin' }))).toBe('The bearer token names no client (azp, client_id or sub)');
  });

  it('are refused when the gateway accepts no JWT', async () => {
    expect(await refusal(authenticator(true, null).authenticate({ authorization: 'Bearer a.b.c' }))).toBe(
      'Bearer tokens are not accepted here; use an API key',
    );
  });

  it('take their scopes from scope (space-separated) or scp (array), without duplicates', () => {
    expect(scopesOf({ scope: 'a b a' })).toEqual(['a', 'b']);
    expect(scopesOf({ scp: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(scopesOf({})).toEqual([]);
  });
});

describe('JWT bearer tokens (JWKS of an identity provider)', () => {
  let server: http.Server;
  let jwksUrl: string;
  let privateKey: KeyLike;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('are verified with the provider key their kid names', async () => {
    const auth = authenticator(false, { jwksUrl, issuer: ISSUER, audience: AUDIENCE });
    const jwt = await new SignJWT({ azp: 'call-centre', scope: 'customer:read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await auth.authenticate({ authorization: `Bearer ${jwt}` })).toEqual({
      client: 'call-centre',
      scopes: ['customer:read'],
      via: 'jwt',
    });
    const unknownKid = await new SignJWT({ azp: 'x' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k2' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await refusal(auth.authenticate({ authorization: `Bearer ${unknownKid}` }))).toBe(
      'The bearer token is not valid: no key of the identity provider matches it',
    );
  });
});

describe('the clients file', () => {
  it('refuses, all at once, a bad name, scope or hash, a client listed twice and a key reused', () => {
    const hash = hashApiKey(generateApiKey());
    const text = JSON.stringify({
      clients: [
        { name: 'Sales App', scopes: ['customer:read'], keys: [] },
        { name: 'a', scopes: ['Customer Read'], keys: [{ id: 'k', sha256: 'abc' }] },
      ],
    });
    expect(() => parseClients(text, 'clients.json')).toThrow(
      [
        'Invalid clients file clients.json:',
        '  - clients.0.name: expected a lower-case name like "sales-app"',
        '  - clients.1.scopes.0: expected a scope like "customer:read"',
        '  - clients.1.keys.0.sha256: expected 64 lower-case hex digits (the SHA-256 of the key)',
      ].join('\n'),
    );
    const twice = JSON.stringify({
      clients: [
        { name: 'a', scopes: [], keys: [{ id: 'k1', sha256: hash }] },
        { name: 'a', scopes: [], keys: [{ id: 'k2', sha256: hash }] },
      ],
    });
    expect(() => parseClients(twice, 'clients.json')).toThrow(
      [
        'Invalid clients file clients.json:',
        '  - clients.1.name: "a" is listed twice',
        '  - clients.1.keys.0.sha256: the same key is listed twice',
      ].join('\n'),
    );
    expect(() => parseClients('{', 'clients.json')).toThrow(/clients.json:\n {2}- not valid JSON/);
  });

  it('of the demo is marked demo, and its published keys authenticate its clients', async () => {
    const demo = loadClients(DEFAULT_CLIENTS_PATH);
    expect(demo.demo).toBe(true);
    const auth = new Authenticator({ clients: () => demo, allowAnonymous: false });
    // The demo keys are published in the front-end teams' guide and, for the customer page's views, in its page.
    const docs = path.join(__dirname, '..', '..', '..', 'docs');
    const readme = ['front-end.md', 'customer-page.md'].map((f) => readFileSync(path.join(docs, f), 'utf8')).join('\n');
    for (const [name, key] of Object.entries(DEMO_KEYS)) {
      expect((await auth.authenticate({ 'x-api-key': key })).client).toBe(name);
      expect(readme).toContain(`| \`${name}\``);
      expect(readme).toContain(`\`${key}\``);
    }
  });
});
