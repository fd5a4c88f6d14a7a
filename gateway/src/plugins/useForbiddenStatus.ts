/**
 * An operation a subgraph refused for want of a scope (FORBIDDEN: an admin
 * query or mutation asked by a client without `admin`, an identity write
 * without `identity:write` …) is answered like a PII field without
 * `pii:read`: HTTP 403, no data, the FORBIDDEN errors only. Subgraphs check
 * the scope before they do anything, so nothing was read or written.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

export function useForbiddenStatus<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const forbidden = response.body.singleResult.errors?.filter((e) => e.extensions?.code === 'FORBIDDEN') ?? [];
          if (forbidden.length === 0) return;
          response.http.status = 403;
          const { data } = response.body.singleResult;
          response.body.singleResult = { ...(data !== undefined && { data: null }), errors: forbidden };
        },
      };
    },
  };
}
