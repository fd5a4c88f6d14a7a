import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

import { customerIdsInResult } from '../audit/customer-ids';
import { perDocument } from './per-document';

/** The scope a client needs to read fields marked `@pii`. */
export const PII_SCOPE = 'pii:read';

/**
 * The fields marked `@pii` in a supergraph, as `Type.field`. Read from the
 * supergraph SDL (where `@composeDirective` keeps the directive) because the
 * gateway's API schema drops custom directives.
 */
export function piiFieldsOf(supergraphSdl: string): Set<string> {
  const fields = new Set<string>();
  visit(parse(supergraphSdl), {
    ObjectTypeDefinition: collect,
    ObjectTypeExtension: collect,
    InterfaceTypeDefinition: collect,
  });
  function collect(node: {
    name: { value: string };
    fields?: readonly { name: { value: string }; directives?: readonly { name: { value: string } }[] }[];
  }) {
    for (const field of node.fields ?? []) {
      if (field.directives?.some((d) => d.name.value === 'pii')) fields.add(`${node.name.value}.${field.name.value}`);
    }
  }
  return fields;
}

/** The `@pii` fields an operation selects (fragments included), sorted, without duplicates. */
export function piiFieldsSelected(schema: GraphQLSchema, document: DocumentNode, piiFields: Set<string>): string[] {
  const selected = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      [Kind.FIELD]() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && piiFields.has(`${parent.name}.${field.name}`))
          selected.add(`${parent.name}.${field.name}`);
      },
    }),
  );
  return [...selected].sort();
}

export interface PiiGuardOptions<TContext extends BaseContext> {
  /** Fields marked `@pii` (see piiFieldsOf). */
  piiFields: Set<string>;
  /** Whether the caller of this request holds the pii:read scope. */
  canReadPii: (context: TContext) => boolean;
  /**
   * Called once per operation that read PII and was allowed to, after the
   * response is built, for the audit log. @default none
   */
  onPiiRead?: (
    context: TContext,
    read: { fields: string[]; operationName: string | null; customerIds: string[] },
  ) => void | Promise<void>;
}

/**
 * Refuses, before any subgraph is called, an operation that selects `@pii`
 * fields when the client lacks `pii:read`: the whole operation fails with
 * FORBIDDEN naming the fields, so that a client never receives a response
 * that silently lacks data. Subgraphs enforce the same rule on their side.
 */
export function usePiiGuard<TContext extends BaseContext>(
  options: PiiGuardOptions<TContext>,
): ApolloServerPlugin<TContext> {
  // The fields depend on the schema and the document only: walked once per operation, not once per request.
  const selectedIn = perDocument((schema, document) => piiFieldsSelected(schema, document, options.piiFields));
  return {
    async requestDidStart() {
      let fields: string[] = [];
      return {
        async didResolveOperation({ schema, document, contextValue }) {
          fields = selectedIn(schema, document);
          if (fields.length > 0 && !options.canReadPii(contextValue)) {
            throw new GraphQLError(
              `This operation reads personal data (${fields.join(', ')}), which needs the ${PII_SCOPE} scope; ` +
                'remove those fields or use a client that holds the scope.',
              { extensions: { code: 'FORBIDDEN', piiFields: [...fields], http: { status: 403 } } },
            );
          }
        },
        async willSendResponse({ contextValue, operationName, response, document, schema, request }) {
          if (fields.length > 0 && options.canReadPii(contextValue)) {
            const data = response.body.kind === 'single' ? response.body.singleResult.data : null;
            // Whose data was read: the customers whose id the response holds (see customerIdsInResult).
            const customerIds = document
              ? customerIdsInResult(schema, document, operationName, data, request.variables)
              : [];
            // The answer waits for its audit record (a durable write): no PII leaves unrecorded.
            try {
              // A copy: the selected fields are shared by every request of the operation.
              await options.onPiiRead?.(contextValue, {
                fields: [...fields],
                operationName: operationName ?? null,
                customerIds,
              });
            } catch {
              response.http.status = 503;
              response.body = {
                kind: 'single',
                singleResult: {
                  errors: [
                    {
                      message: 'The audit of personal data reads could not be written: no personal data was sent',
                      extensions: { code: 'AUDIT_UNAVAILABLE' },
                    },
                  ],
                },
              };
            }
          }
        },
      };
    },
  };
}
