import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';

/**
 * SDL every subgraph with personal data puts at its top: the `@pii` directive,
 * linked as a feature of our own and kept in the supergraph by
 * `@composeDirective`, so that the gateway knows which fields are personal.
 * (The JS gateway refuses supergraphs that use `@requiresScopes` or `@authenticated`.)
 */
export const PII_DIRECTIVE_DOC = `@link(url: "https://c360.dev/pii/v1.0", import: ["@pii"]) @composeDirective(name: "@pii")`;

/** The `Type.field` names marked `@pii` in a subgraph schema. */
export function piiFieldsOfSchema(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.astNode?.directives?.some((d) => d.name.value === 'pii')) out.push(`${type.name}.${field.name}`);
    }
  }
  return out.sort();
}

/**
 * Makes every `@pii` field of a subgraph resolve to null with a FORBIDDEN
 * error on its path when `canRead(context)` is false: the second line of
 * defence, for a subgraph reached without going through the gateway (which
 * refuses such operations before calling anyone). Mutates and returns the schema.
 */
export function guardPiiFields<TContext>(
  schema: GraphQLSchema,
  canRead: (context: TContext) => boolean,
): GraphQLSchema {
  for (const name of piiFieldsOfSchema(schema)) {
    const [typeName, fieldName] = name.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[fieldName]!;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: TContext, info) => {
      if (!canRead(context)) {
        throw new GraphQLError(`${name} is personal data and needs the pii:read scope`, {
          extensions: { code: 'FORBIDDEN' },
        });
      }
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
