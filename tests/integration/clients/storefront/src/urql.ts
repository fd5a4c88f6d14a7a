import { Client, CombinedError, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import type { DocumentNode } from 'graphql';

export interface UrqlOptions {
  /** The gateway's GraphQL endpoint, e.g. https://api.example.com/graphql */
  endpoint: string;
  /** The app's API key. */
  apiKey: string;
  /** `trusted` (client preset hashes only), `apq` (hash, then text once), or `none`. */
  persisted: 'trusted' | 'apq' | 'none';
  /** Another fetch (server-side rendering, tests). */
  fetch?: typeof fetch;
}

export function createUrqlClient({ endpoint, apiKey, persisted, fetch }: UrqlOptions) {
  return new Client({
    url: endpoint,
    // urql sends queries with GET when the URL is short enough. The gateway's CSRF prevention accepts a GET
    // that carries the API key (a header only sent after a CORS preflight): nothing else to add.
    preferGetMethod: 'within-url-limit',
    fetch,
    fetchOptions: { headers: { 'x-api-key': apiKey } },
    exchanges: [
      ...(persisted === 'none'
        ? []
        : [
            persistedExchange({
              // Trusted documents: the client preset's hash, and never the text.
              ...(persisted === 'trusted'
                ? {
                    generateHash: async (_query: string, document: DocumentNode) =>
                      (document as { __meta__?: { hash?: string } }).__meta__!.hash!,
                    enforcePersistedQueries: true,
                  }
                : {}),
            }),
          ]),
      fetchExchange,
    ],
  });
}

/** The `extensions.code` of a failed result (urql reads GraphQL errors whatever the HTTP status). */
export function errorCode(error: CombinedError | undefined): string | undefined {
  return (
    (error?.graphQLErrors[0]?.extensions?.code as string | undefined) ?? (error?.networkError ? 'NETWORK' : undefined)
  );
}
