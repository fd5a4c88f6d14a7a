/**
 * Refusals shaped by the GraphQL-over-HTTP spec, so that every client can
 * read `extensions.code` whatever refused the request.
 *
 * The response's media type is the one the client prefers, chosen exactly as
 * Apollo Server chooses it (`application/json` first on a tie, so `*` and no
 * `Accept` mean `application/json`):
 *
 * - `application/graphql-response+json` (what Apollo Client 4, urql 6 and
 *   graphql-request 7 ask for first): the spec's status codes — 400 for a
 *   request error, 401, 403, 429 … Clients parse these bodies whatever the
 *   status (Apollo Client 4 only does so for this media type).
 * - `application/json` named in `Accept` (a legacy client that asks for it):
 *   200 for every GraphQL response, as the spec asks of this media type, so
 *   that a client which treats non-2xx as a network failure still sees the
 *   errors; the `WWW-Authenticate` and `Retry-After` headers stay.
 * - no `Accept`, or only wildcards (curl, scripts, probes, Apollo Client 3):
 *   `application/json` with the HTTP status of the refusal, which the spec
 *   allows during its transition, and which operators' tools rely on.
 *
 * Requests that are not well-formed GraphQL-over-HTTP requests (a body that is
 * not JSON, too large, a refused CSRF check) keep their 4xx in every case.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';

export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';

export interface ResponseShape {
  /** The media type of the answer. */
  mediaType: typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;
  /** The HTTP status to send, for a GraphQL response that a refusal or request error would give `status`. */
  status(status: number): number;
}

const keep = (status: number) => status;
const ok = () => 200;
const NAMES_JSON = /(^|,)\s*application\/json\s*(;|,|$)/i;

/** How to answer a client whose `Accept` header is `accept` (Apollo Server's own negotiation). */
export function responseShape(accept: string | undefined): ResponseShape {
  const preferred = new Negotiator({ headers: { accept } }).mediaType([APPLICATION_JSON, GRAPHQL_RESPONSE_JSON]);
  if (preferred === GRAPHQL_RESPONSE_JSON) return { mediaType: GRAPHQL_RESPONSE_JSON, status: keep };
  return { mediaType: APPLICATION_JSON, status: NAMES_JSON.test(accept ?? '') ? ok : keep };
}

/**
 * Apollo Server plugin: a GraphQL response with an error status (a parse or
 * validation error, a refusal by a plugin) goes out with 200 to a client that
 * named `application/json` in `Accept` (the spec's rule for that media type).
 */
export function useGraphQLOverHttp<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          const status = response.http.status;
          if (status === undefined || status < 400 || response.body.kind !== 'single') return;
          response.http.status = responseShape(request.http?.headers.get('accept')).status(status);
        },
      };
    },
  };
}
