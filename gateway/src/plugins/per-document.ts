import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * A function of a schema and a parsed document, computed once per pair. Apollo Server keeps one parsed
 * document per operation text, so a repeated operation is the same object: what a plugin derives from the
 * document alone (the PII fields it selects, what its literals are refused for, …) is walked once per
 * operation, not once per request. Weak on both: a supergraph reload drops the old schema's entries, a
 * document Apollo Server evicts drops its own.
 */
export function perDocument<T>(
  compute: (schema: GraphQLSchema, document: DocumentNode) => T,
): (schema: GraphQLSchema, document: DocumentNode) => T {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { value: T }>>();
  return (schema, document) => {
    let byDocument = bySchema.get(schema);
    if (!byDocument) bySchema.set(schema, (byDocument = new WeakMap()));
    let known = byDocument.get(document);
    if (!known) byDocument.set(document, (known = { value: compute(schema, document) }));
    return known.value;
  };
}
