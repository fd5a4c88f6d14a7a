/**
 * HTTP caching that cannot leak one caller's answer to another.
 *
 * Every answer of the gateway depends on who asks: the client's scopes decide
 * which fields are masked (PII), which operations run (persisted-only
 * partners) and what is audited. So no answer is `public`: an answer the
 * subgraphs' cache hints allow to be reused is `private, max-age=N` (only the
 * caller's own user agent may keep it), every other answer is `no-store`, and
 * every answer varies on the credential headers, so that a cache that keeps
 * it anyway never hands it to a request with other credentials.
 *
 * Apollo Server's own header (which would be `public` when every hint is) is
 * switched off: this plugin installs the cache-control plugin with
 * `calculateHttpHeaders: false` and writes the header from the same policy.
 * Answers refused before GraphQL runs (401, 403, 413, 429 …) get `no-store`
 * from `cacheHeadersMiddleware`.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type express from 'express';

/** The request headers a gateway answer depends on: every way a caller authenticates. */
export const CREDENTIAL_HEADERS = ['Authorization', 'X-Api-Key', 'Cookie', 'X-C360-Signature'] as const;

export interface CacheHeadersOptions {
  /** Longest max-age the gateway grants a client, in seconds, whatever the hints allow. @default 60 */
  maxAgeSeconds?: number;
}

/** Express middleware for every gateway route: `no-store` and `Vary` on the credentials, unless GraphQL says more. */
export function cacheHeadersMiddleware(): express.RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    res.vary(CREDENTIAL_HEADERS.join(', '));
    next();
  };
}

export function useCacheHeaders<TContext extends BaseContext>(
  options: CacheHeadersOptions = {},
): ApolloServerPlugin<TContext>[] {
  const ceiling = options.maxAgeSeconds ?? 60;
  return [
    ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ response, overallCachePolicy }) {
            const result = response.body.kind === 'single' ? response.body.singleResult : null;
            const policy = overallCachePolicy.policyIfCacheable();
            const maxAge = Math.min(policy?.maxAge ?? 0, ceiling);
            const reusable = result !== null && !result.errors?.length && maxAge > 0;
            response.http.headers.set('cache-control', reusable ? `private, max-age=${maxAge}` : 'no-store');
            const vary = response.http.headers.get('vary');
            response.http.headers.set('vary', [vary, ...CREDENTIAL_HEADERS].filter(Boolean).join(', '));
          },
        };
      },
    },
  ];
}
