/**
 * Introspection answered by graphql-js itself, so that every option of
 * `getIntrospectionQuery` works (descriptions, specifiedByUrl,
 * directiveIsRepeatable, schemaDescription, inputValueDeprecation, oneOf).
 *
 * Apollo Gateway plans introspection through its own copy of the
 * introspection types, which lacks fields graphql-js added since (`isOneOf`,
 * graphql 16.9): the operation validates against the API schema, then the
 * planner throws and the client gets a 500. An operation that selects only
 * introspection fields at its root (`__schema`, `__type`, `__typename`) needs
 * no subgraph: it is executed here against the API schema Apollo Server
 * validated it with. An operation mixing them with data fields goes to the
 * planner, except one asking for a field the planner lacks, which gets a
 * typed 400 saying how to ask instead.
 *
 * Runs after the introspection gate (didResolveOperation), so the gate's
 * per-client refusal still applies.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { execute, GraphQLError, Kind, visit, type DocumentNode, type SelectionSetNode } from 'graphql';
import { perDocument } from './per-document';

const ROOT_INTROSPECTION = new Set(['__schema', '__type', '__typename']);
/** Introspection fields graphql-js serves that Apollo's query planner does not know. */
const UNPLANNABLE = new Set(['isOneOf']);

/** Whether `set` (fragments followed) selects only introspection fields. */
function onlyIntrospection(set: SelectionSetNode, document: DocumentNode): boolean {
  return set.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return ROOT_INTROSPECTION.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyIntrospection(selection.selectionSet, document);
    const fragment = document.definitions.find(
      (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
    );
    return fragment?.kind === Kind.FRAGMENT_DEFINITION && onlyIntrospection(fragment.selectionSet, document);
  });
}

/** The first field of the document the planner cannot plan, if any: walked once per operation (perDocument). */
const unplannableField = perDocument((_schema, document): string | undefined => {
  let found: string | undefined;
  visit(document, {
    Field(node) {
      if (UNPLANNABLE.has(node.name.value)) found ??= node.name.value;
    },
  });
  return found;
});

export function useLocalIntrospection<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema }) {
          if (!operation || onlyIntrospection(operation.selectionSet, document)) return;
          const field = unplannableField(schema, document);
          if (!field) return;
          throw new GraphQLError(
            `"${field}" can only be introspected in an operation that selects nothing but __schema, __type ` +
              'and __typename at its root: send the introspection on its own',
            { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } },
          );
        },
        async responseForOperation({ operation, document, schema, request, contextValue }) {
          if (!operation || !onlyIntrospection(operation.selectionSet, document)) return null;
          const result = await execute({
            schema,
            document,
            operationName: request.operationName,
            variableValues: request.variables,
            contextValue,
          });
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: { ...result, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) },
            },
          };
        },
      };
    },
  };
}
