/**
 * Input values refused before any subgraph is called: a string longer than
 * the limit (an identifier of 900 kB is not an identifier; looking it up
 * would cost every source a query), an ID longer than an id, or a string
 * holding a NUL character (no source system stores one: PostgreSQL refuses
 * it, which a source would report as an outage). Every string of the
 * operation is checked: literals in the document and variables, at any depth
 * of input objects and lists. A refusal is a 400 BAD_USER_INPUT naming the
 * argument or variable and the limit.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { perDocument } from './per-document';

export interface InputLimitsOptions {
  /** Longest string input, in characters. @default 4096 */
  maxStringLength?: number;
  /** Longest ID input, in characters. @default 256 */
  maxIdLength?: number;
}

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

export function useInputLimits<TContext extends BaseContext>(
  options: InputLimitsOptions = {},
): ApolloServerPlugin<TContext> {
  const maxString = options.maxStringLength ?? 4096;
  const maxId = options.maxIdLength ?? 256;

  const check = (value: string, isId: boolean, where: string) => {
    if (value.includes('\u0000')) throw refuse(`${where}: a NUL character is not accepted in any input`);
    const max = isId ? maxId : maxString;
    if (value.length > max) {
      throw refuse(
        `${where}: expected ${isId ? 'an ID' : 'a string'} of at most ${max} characters, received ${value.length}`,
      );
    }
  };

  /** Checks every string in a variable's value, at any depth. */
  const checkValue = (value: unknown, isId: boolean, where: string): void => {
    if (typeof value === 'string') check(value, isId, where);
    else if (Array.isArray(value)) value.forEach((v, i) => checkValue(v, isId, `${where}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) checkValue(v, false, `${where}.${key}`);
    }
  };

  /** What the document's literals are refused for (null: accepted): checked once per operation, not per request. */
  const literalRefusal = perDocument((schema, document): string | null => {
    try {
      const typeInfo = new TypeInfo(schema);
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          [Kind.STRING](node) {
            const type = typeInfo.getInputType();
            const isId = type ? getNamedType(type).name === 'ID' : false;
            const argument = typeInfo.getArgument();
            check(node.value, isId, argument ? `Argument "${argument.name}"` : 'A string in the document');
          },
        }),
      );
      return null;
    } catch (err) {
      if (!(err instanceof GraphQLError)) throw err;
      return err.message;
    }
  });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          for (const definition of operation?.variableDefinitions ?? []) {
            const name = definition.variable.name.value;
            const type = typeFromAST(schema as GraphQLSchema, definition.type) as GraphQLInputType | undefined;
            const isId = type ? getNamedType(type).name === 'ID' : false;
            checkValue(request.variables?.[name], isId, `Variable "$${name}"`);
          }
          const refusal = literalRefusal(schema as GraphQLSchema, document);
          if (refusal !== null) throw refuse(refusal);
        },
      };
    },
  };
}
