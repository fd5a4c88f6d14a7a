// Relay's network layer: `Network.create(createRelayFetch({ endpoint, apiKey }))` from relay-runtime.

/** What Relay passes a fetch function (relay-runtime's RequestParameters, the fields used here). */
export interface RelayRequestParameters {
  name: string;
  /** The persisted document's id, when relay-compiler's `persistConfig` is on. */
  id?: string | null;
  /** The document text, when documents are not persisted. */
  text?: string | null;
}

export function createRelayFetch({ endpoint, apiKey }: { endpoint: string; apiKey: string }) {
  return async (params: RelayRequestParameters, variables: Record<string, unknown>) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json;q=0.9',
        'x-api-key': apiKey,
      },
      body: JSON.stringify(
        params.id
          ? { documentId: params.id, operationName: params.name, variables }
          : { query: params.text, operationName: params.name, variables },
      ),
    });
    // Relay reads `errors` (and their extensions.code) from the GraphQL response itself, whatever the status.
    return response.json();
  };
}
