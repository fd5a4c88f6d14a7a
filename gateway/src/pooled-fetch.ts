/**
 * The gateway's HTTP client for subgraphs over the network (the distributed
 * topology): undici's `request` on keep-alive connection pools, one pool per
 * subgraph origin, instead of Node's `fetch` — the same undici underneath,
 * without the WHATWG Request/Response objects and web streams that cost the
 * gateway a third of its CPU per fetch in the profile. It answers Apollo's
 * `Fetcher` contract (what RemoteGraphQLDataSource calls).
 */
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import type { FormattedExecutionResult } from 'graphql';
import { STATUS_CODES } from 'node:http';
import { Agent, request } from 'undici';
import type { LocalResponse, LocalSubgraph } from '@c360/kit/local';

/** Pools by origin, connections kept alive between fetches. */
const agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 600_000, connections: 256 });

/** A Fetcher over the pooled agent; each fetch is aborted after `timeoutMs` (a TimeoutError, as `fetch` says it). */
export function pooledFetcher(timeoutMs: number): Fetcher {
  return async (url, init) => {
    const response = await request(url, {
      method: (init?.method ?? 'GET') as 'GET',
      headers: init?.headers,
      body: init?.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    let text: Promise<string> | null = null;
    const body = () => (text ??= response.body.text());
    const answer: FetcherResponse = {
      get bodyUsed() {
        return text !== null;
      },
      url,
      redirected: false,
      status: response.statusCode,
      ok: response.statusCode >= 200 && response.statusCode < 300,
      statusText: STATUS_CODES[response.statusCode] ?? '',
      headers,
      text: body,
      json: async () => JSON.parse(await body()) as unknown,
      arrayBuffer: async () => new TextEncoder().encode(await body()).buffer as ArrayBuffer,
      clone: () => answer,
    };
    return answer;
  };
}

/**
 * A subgraph in another process, behind the same interface as one in this process (`LocalSubgraph`), so
 * that the data source sends every fetch the same way: the GraphQL request as one JSON body on a pooled
 * keep-alive connection, the answer parsed once, its headers read where they are. Leaner than
 * RemoteGraphQLDataSource's own path, which builds node-fetch `Headers` and a `Request` it only keeps for
 * error reports, then `Headers` again from the answer: the subgraph HTTP client was half of the
 * distributed gateway's CPU in the profile. undici drops a connection that stalls
 * (headers, then between body chunks) a second after the data source's budget for the whole fetch.
 */
export function httpSubgraph(name: string, url: string, timeoutMs: number): LocalSubgraph {
  return {
    name,
    async execute(body, headers): Promise<LocalResponse> {
      const response = await request(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        dispatcher: agent,
        // Only to let go of a stalled connection: the data source's budget (timeoutMs) answers first.
        headersTimeout: timeoutMs + 1000,
        bodyTimeout: timeoutMs + 1000,
      });
      const text = await response.body.text();
      const raw = response.headers;
      const answer = {
        status: response.statusCode,
        statusText: STATUS_CODES[response.statusCode],
        headers: {
          get(header: string): string | undefined {
            const value = raw[header.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
          },
        },
      };
      const type = answer.headers.get('content-type') ?? '';
      const json = type.startsWith('application/json') || type.startsWith('application/graphql-response+json');
      let parsed: unknown = text;
      if (json) {
        try {
          parsed = JSON.parse(text) as unknown;
        } catch {
          parsed = text;
        }
      }
      // As RemoteGraphQLDataSource: a 2xx must be a GraphQL response (a JSON object); a 4xx/5xx carries what it said.
      if (response.statusCode < 400 && (typeof parsed !== 'object' || parsed === null)) {
        throw new Error(`Expected JSON response body, but received: ${text.slice(0, 200)}`);
      }
      return { ...answer, body: parsed as FormattedExecutionResult };
    },
  };
}
