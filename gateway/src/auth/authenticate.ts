/**
 * Who is calling the gateway: an API key (`x-api-key: c360_…`, or
 * `Authorization: Bearer c360_…`), a JWT (`Authorization: Bearer eyJ…`,
 * checked with jose against a shared HS256 secret or the identity
 * provider's JWKS), or — in development only — nobody.
 *
 * A credential that is present but wrong (unknown or revoked key, expired or
 * badly signed token) is refused with 401 in every mode: a typo must never
 * silently turn into the anonymous developer.
 */
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { KNOWN_SCOPES } from '@c360/kit/auth';
import { manifestOf, type Clients, type RateLimit } from './clients';
import { hashApiKey, looksLikeApiKey } from './keys';

/** The authenticated caller of one gateway request: what every later step decides on. */
export interface Principal {
  /** Client name: the clients file's name, or the JWT's `azp`/`client_id`/`sub`; `anonymous` in development. */
  client: string;
  scopes: readonly string[];
  /** `service`: a product service (the privacy subgraph) calling with the signed caller headers subgraphs trust. */
  via: 'api-key' | 'jwt' | 'anonymous' | 'service';
  /** Which key authenticated (its id in the clients file), for the logs. */
  keyId?: string;
  /** The JWT's subject, when it is not the client name (a user acting through an app). */
  subject?: string;
  /** When set, only the operations of this manifest may run (trusted documents). */
  persistedOnly?: { manifest: string };
  /** The client's own rate limit; the default one when unset. */
  rateLimit?: RateLimit;
}

/** A refused credential: answered 401 UNAUTHENTICATED with this message. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export interface JwtOptions {
  /** HS256 shared secret. */
  secret?: string;
  /** JWKS URL of the identity provider. */
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Accepted clock skew, in seconds. @default 30 */
  clockToleranceSeconds?: number;
  /**
   * The scopes a token may grant a client that is not in the clients file
   * (JWT_UNLISTED_CLIENT_SCOPES): `'*'` trusts every scope the identity
   * provider put in the token; a list keeps only those (an empty list refuses
   * such tokens). A client listed in the clients file never holds more than
   * its scopes there, whatever this says. @default '*'
   */
  unlistedClientScopes?: readonly string[] | '*';
}

export interface AuthenticatorOptions {
  /** The clients file's current content (it may be reloaded: read on every request). */
  clients: () => Clients;
  /** JWT settings; JWTs are refused when unset. @default none */
  jwt?: JwtOptions;
  /** Whether requests without credentials are served as the anonymous developer (development mode). */
  allowAnonymous: boolean;
}

/** The anonymous developer of development mode: every scope, as on the subgraphs. */
export const ANONYMOUS: Principal = Object.freeze({ client: 'anonymous', scopes: KNOWN_SCOPES, via: 'anonymous' });

type Headers = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export class Authenticator {
  private readonly jwtKey?: { key: Uint8Array | JWTVerifyGetKey; algorithms?: string[] };

  constructor(private readonly options: AuthenticatorOptions) {
    const { jwt } = options;
    if (jwt?.jwksUrl) this.jwtKey = { key: createRemoteJWKSet(new URL(jwt.jwksUrl)) };
    else if (jwt?.secret) this.jwtKey = { key: new TextEncoder().encode(jwt.secret), algorithms: ['HS256'] };
  }

  /** The principal of a request, from its headers; throws AuthenticationError for a refused or missing credential. */
  async authenticate(headers: Headers): Promise<Principal> {
    const apiKey = first(headers['x-api-key'])?.trim();
    const authorization = first(headers.authorization)?.trim();
    if (apiKey && authorization) {
      throw new AuthenticationError('Send one credential: either x-api-key or Authorization, not both');
    }
    if (apiKey) return this.byApiKey(apiKey);
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new AuthenticationError('Expected "Authorization: Bearer <token or API key>"');
      const token = match[1]!;
      return looksLikeApiKey(token) ? this.byApiKey(token) : this.byJwt(token);
    }
    if (this.options.allowAnonymous) return ANONYMOUS;
    throw new AuthenticationError(
      'This API needs credentials: send your API key in the x-api-key header, or a bearer token in Authorization',
    );
  }

  private byApiKey(key: string): Principal {
    // Same answer for a malformed, unknown or revoked key: the refusal tells an attacker nothing.
    const found = looksLikeApiKey(key) ? this.options.clients().byKeyHash.get(hashApiKey(key)) : undefined;
    if (!found) throw new AuthenticationError('The API key is not valid');
    const { client, keyId } = found;
    return {
      client: client.name,
      scopes: client.scopes,
      via: 'api-key',
      keyId,
      persistedOnly: client.persistedOnly ? { manifest: manifestOf(client) } : undefined,
      rateLimit: client.rateLimit,
    };
  }

  private async byJwt(token: string): Promise<Principal> {
    const jwt = this.options.jwt;
    if (!jwt || !this.jwtKey) throw new AuthenticationError('Bearer tokens are not accepted here; use an API key');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwtKey.key as Uint8Array, {
        issuer: jwt.issuer,
        audience: jwt.audience,
        algorithms: this.jwtKey.algorithms,
        clockTolerance: jwt.clockToleranceSeconds ?? 30,
      }));
    } catch (err) {
      throw new AuthenticationError(`The bearer token is not valid: ${describeJoseError(err)}`);
    }
    const client = [payload.azp, payload.client_id, payload.sub].find(
      (v): v is string => typeof v === 'string' && v !== '',
    );
    if (!client) throw new AuthenticationError('The bearer token names no client (azp, client_id or sub)');
    let scopes = scopesOf(payload);
    // A client also listed in the clients file keeps its limits there, and cannot hold more than its scopes there.
    const entry = this.options.clients().byName.get(client);
    if (entry) scopes = scopes.filter((s) => entry.scopes.includes(s));
    else {
      const trusted = jwt.unlistedClientScopes ?? '*';
      if (trusted !== '*') {
        if (trusted.length === 0) {
          throw new AuthenticationError(
            `The bearer token's client "${client}" is not in the clients file, and tokens of unlisted clients are not accepted`,
          );
        }
        scopes = scopes.filter((s) => trusted.includes(s));
      }
    }
    return {
      client,
      scopes,
      via: 'jwt',
      subject: typeof payload.sub === 'string' && payload.sub !== client ? payload.sub : undefined,
      persistedOnly: entry?.persistedOnly ? { manifest: manifestOf(entry) } : undefined,
      rateLimit: entry?.rateLimit,
    };
  }
}

/** Scopes from `scope` (a space-separated string, RFC 8693) or `scp` (an array or string, as Azure AD and Okta send). */
export function scopesOf(payload: JWTPayload): string[] {
  const raw = payload.scope ?? payload.scp;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(' ') : [];
  return [...new Set(list.filter((s): s is string => typeof s === 'string' && s !== ''))];
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'it has expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed)
    return `its "${err.claim}" claim is not accepted (${err.reason})`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the identity provider matches it';
  if (err instanceof joseErrors.JWSInvalid || err instanceof joseErrors.JWTInvalid) return 'it is malformed';
  if (err instanceof joseErrors.JOSEError) return err.code;
  return 'it could not be checked';
}
