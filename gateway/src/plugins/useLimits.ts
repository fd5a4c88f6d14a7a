/**
 * Operation limits, enforced by GraphQL Armor before anything executes (its
 * rules run in Apollo Server's validation, so a refused operation never
 * reaches the query planner or a subgraph):
 * depth, aliases, cost and directives per operation, and field
 * suggestions ("Did you mean …?") removed from error messages so that the
 * schema cannot be guessed field by field when introspection is off.
 *
 * Tokens are counted by graphql-js's own parser (`maxTokens`, passed through
 * Apollo Server's `parseOptions`): the same lexer-level count as Armor's token
 * plugin, but Armor's plugin throws from Apollo's parsing hook, which Apollo
 * Server 5 answers with a 500; the parser's limit is a 400 like any syntax error.
 *
 * A refused operation gets a 400 with `extensions.code`
 * OPERATION_LIMIT_EXCEEDED (see errors.ts) and `extensions.limit` naming the
 * limit: `depth`, `aliases`, `tokens`, `cost` or `directives`.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';

export interface LimitsOptions {
  /** Deepest selection (fragments flattened, introspection ignored). @default 10 */
  maxDepth?: number;
  /** Most aliases per operation. @default 15 */
  maxAliases?: number;
  /** Most tokens per document. @default 1000 */
  maxTokens?: number;
  /** Highest cost per operation (objects 2, scalars 1, ×1.5 per level). @default 50000 */
  maxCost?: number;
  /** Most directives per operation. @default 50 */
  maxDirectives?: number;
}

export type LimitName = 'depth' | 'aliases' | 'tokens' | 'cost' | 'directives';

/** graphql-js's message for a document over `maxTokens`. */
export const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;

/** Reports a refusal with the limit it broke; Armor's messages start with "Syntax Error: ", which they are not. */
const reportAs =
  (limit: LimitName) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    const message = error.message.replace(/^Syntax Error: /, '');
    context?.reportError(new GraphQLError(message, { extensions: { limit } }));
  };

export function useLimits(options: LimitsOptions = {}): {
  plugins: ApolloServerPlugin<BaseContext>[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const common = { exposeLimits: true, propagateOnRejection: false };
  const armor = new ApolloArmor({
    maxDepth: { ...common, n: options.maxDepth ?? 10, flattenFragments: true, onReject: [reportAs('depth')] },
    // allowList [] counts aliases of __typename too (Armor lets them through by default): 100 of them are a bomb as well.
    maxAliases: { ...common, n: options.maxAliases ?? 15, allowList: [], onReject: [reportAs('aliases')] },
    maxTokens: { enabled: false },
    costLimit: { ...common, maxCost: options.maxCost ?? 50_000, onReject: [reportAs('cost')] },
    maxDirectives: { ...common, n: options.maxDirectives ?? 50, onReject: [reportAs('directives')] },
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  return {
    plugins: plugins as ApolloServerPlugin<BaseContext>[],
    validationRules,
    parseOptions: { maxTokens: options.maxTokens ?? 1000 },
  };
}
