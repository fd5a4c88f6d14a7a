/**
 * The page's only way to the gateway: a registered operation by its SHA-256
 * hash (Apollo's `extensions.persistedQuery`), never a document's text. The
 * hash comes from GraphQL Code Generator's client preset (`__meta__.hash`).
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string; [key: string]: unknown };
}

export interface GraphQLResult<T> {
  data: T | null;
  errors: GraphQLErrorShape[];
  /** Set when no GraphQL answer came back at all (network, HTTP error without a GraphQL body). */
  failure?: string;
}

export const GRAPHQL_URL = '/graphql';

function hashOf(document: unknown): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('Operation without a persisted-document hash: run npm run codegen');
  // The client preset writes `sha256:<hex>`; Apollo's persistedQuery extension carries the bare hex.
  return hash.replace(/^sha256:/, '');
}

export async function execute<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
  apiKey: string,
): Promise<GraphQLResult<TData>> {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(document) } },
      }),
    });
  } catch (err) {
    return { data: null, errors: [], failure: `The gateway cannot be reached (${(err as Error).message})` };
  }
  let body: { data?: TData | null; errors?: GraphQLErrorShape[]; error?: { code?: string; message?: string } };
  try {
    body = await response.json();
  } catch {
    return { data: null, errors: [], failure: `The gateway answered ${response.status} ${response.statusText}` };
  }
  if (body.error) {
    // The gateway's own refusals (authentication, rate limit, trusted documents) come as { error }.
    return {
      data: null,
      errors: [{ message: body.error.message ?? 'refused', extensions: { code: body.error.code } }],
      failure: body.error.message,
    };
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The errors about one field of `customer` (e.g. shopAccounts): what makes a panel "unavailable". */
export const errorsAt = (errors: GraphQLErrorShape[], ...path: (string | number)[]) =>
  errors.filter((e) => path.every((p, i) => e.path?.[i] === p));
