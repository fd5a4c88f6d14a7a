import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import type { DocumentNode } from 'graphql';

export interface ApolloOptions {
  /** The gateway's GraphQL endpoint, e.g. https://api.example.com/graphql */
  endpoint: string;
  /** The app's API key (from the platform team's `c360 keys create`). */
  apiKey: string;
  /**
   * - `trusted`: trusted documents from the client preset: sends only the hash the preset wrote
   *   (`sha256:<hex>`); the only mode a persisted-only client may use.
   * - `apq`: automatic persisted queries: the hash first, the text once when the gateway does not know it.
   * - `none`: the full text every time.
   */
  persisted: 'trusted' | 'apq' | 'none';
  /** Another fetch (server-side rendering, tests). */
  fetch?: typeof fetch;
}

/** SHA-256 (hex) with the Web Crypto API, in browsers and Node alike. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export function createApolloClient({ endpoint, apiKey, persisted, fetch }: ApolloOptions) {
  // Apollo Client 4 asks for application/graphql-response+json: the gateway's refusals (401, 403, 429 …)
  // then arrive as GraphQL errors with their extensions.code, not as a bare "status code 403".
  const http = new HttpLink({ uri: endpoint, headers: { 'x-api-key': apiKey }, fetch });
  const link =
    persisted === 'trusted'
      ? new PersistedQueryLink({
          // The client preset stores each document's hash on it.
          generateHash: (document: DocumentNode) => (document as { __meta__?: { hash?: string } }).__meta__!.hash!,
        }).concat(http)
      : persisted === 'apq'
        ? new PersistedQueryLink({ sha256 }).concat(http)
        : http;
  return new ApolloClient({ link, cache: new InMemoryCache() });
}

/** The `extensions.code` of a failed operation, whatever failed: what a UI switches on. */
export function errorCode(error: unknown): string | undefined {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.extensions?.code as string | undefined;
  if (ServerError.is(error)) return `HTTP_${error.statusCode}`;
  return undefined;
}
