import { ClientError, GraphQLClient, type RequestMiddleware } from 'graphql-request';
import { Kind, type DocumentNode } from 'graphql';
import * as generated from '../__generated__/graphql';

export interface GraphQLRequestOptions {
  /** The gateway's GraphQL endpoint, e.g. https://api.example.com/graphql */
  endpoint: string;
  /** The app's API key. */
  apiKey: string;
  /** GET (cacheable) or POST; mutations always go by POST. */
  method?: 'GET' | 'POST';
  /** Send the client preset's hash (`documentId`) instead of the text: trusted documents. */
  persisted?: boolean;
  /** Another fetch (server-side rendering, tests). */
  fetch?: typeof fetch;
}

/** Operation name → the hash the client preset wrote for it. */
const hashes = new Map(
  Object.values(generated as Record<string, unknown>).flatMap((value) => {
    const document = value as DocumentNode & { __meta__?: { hash?: string } };
    const operation = document?.definitions?.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    return operation?.name && document.__meta__?.hash ? [[operation.name.value, document.__meta__.hash] as const] : [];
  }),
);

/** graphql-request has no persisted-documents option: replace the text by the document's id on the way out. */
const persistedDocuments: RequestMiddleware = (request) => {
  const documentId = request.operationName ? hashes.get(request.operationName) : undefined;
  if (!documentId) return request;
  if (typeof request.body === 'string') {
    const { query: _text, ...body } = JSON.parse(request.body) as Record<string, unknown>;
    return { ...request, body: JSON.stringify({ ...body, documentId }) };
  }
  const url = new URL(request.url);
  url.searchParams.delete('query');
  url.searchParams.set('documentId', documentId);
  return { ...request, url: url.href };
};

export function createGraphQLRequestClient({
  endpoint,
  apiKey,
  method = 'POST',
  persisted,
  fetch,
}: GraphQLRequestOptions) {
  // A GET carries the API key, which passes the gateway's CSRF prevention: no extra header needed.
  return new GraphQLClient(endpoint, {
    method,
    headers: { 'x-api-key': apiKey },
    fetch,
    ...(persisted ? { requestMiddleware: persistedDocuments } : {}),
  });
}

/** The `extensions.code` of a failed request (ClientError carries the parsed errors whatever the status). */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof ClientError) return error.response.errors?.[0]?.extensions?.code as string | undefined;
  return undefined;
}
