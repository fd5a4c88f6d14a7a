/**
 * The cache policy of a subgraph answer, computed once per operation instead of once per field.
 *
 * Apollo's cache-control plugin hooks every resolved field (willResolveField, which also makes
 * Apollo wrap every resolver of the schema) to fold each field's hint into the answer's policy.
 * Our schemas carry no `@cacheControl` hint and no resolver sets one, so that fold always comes
 * to the same thing: the default max-age as soon as one root field runs (the plugin gives root
 * fields and composite fields the default; scalar fields give nothing), no policy when none runs
 * (every root field skipped, only `__typename`, invalid variables). `useDefaultCachePolicy` says exactly that from
 * the operation, before execution; `cachePolicyPlugins` keeps Apollo's plugin for a schema that
 * does carry hints.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  getDirectiveValues,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** Whether any type or field of the schema has a `@cacheControl` directive (the hints Apollo's plugin reads). */
export function hasCacheHints(schema: GraphQLSchema): boolean {
  const hinted = (node: { directives?: readonly { name: { value: string } }[] } | null | undefined) =>
    node?.directives?.some((d) => d.name.value === 'cacheControl') ?? false;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (hinted(type.astNode) || type.extensionASTNodes.some(hinted)) return true;
    if ('getFields' in type)
      for (const field of Object.values(type.getFields())) if (hinted(field.astNode)) return true;
  }
  return false;
}

/**
 * Apollo's cache-control plugin where the schema has hints; else the same policy per operation.
 * Either way `calculateHttpHeaders` is off: the caller writes the header from `overallCachePolicy`.
 */
export function cachePolicyPlugins(schema: GraphQLSchema, defaultMaxAge: number): ApolloServerPlugin<BaseContext>[] {
  return hasCacheHints(schema)
    ? [ApolloServerPluginCacheControl({ defaultMaxAge, calculateHttpHeaders: false })]
    : useDefaultCachePolicy(defaultMaxAge);
}

/** For a schema without hints: the answer may be reused for `defaultMaxAge` seconds when a root field runs. */
export function useDefaultCachePolicy(defaultMaxAge: number): ApolloServerPlugin<BaseContext>[] {
  // Per operation (Apollo keeps one parsed document per query text): whether a root field runs,
  // or undefined where a @skip/@include on the way takes a variable.
  const known = new WeakMap<OperationDefinitionNode, boolean | undefined>();
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      return {
        async executionDidStart({ schema, document, operation, request, overallCachePolicy, response }) {
          // As Apollo's plugin: a policy set before execution is left as it is.
          if (overallCachePolicy.maxAge !== undefined || overallCachePolicy.scope !== undefined) return;
          let runs = known.get(operation);
          if (runs === undefined && !known.has(operation)) {
            runs = runsARootField(schema, document, operation, null);
            known.set(operation, runs);
          }
          runs ??= runsARootField(schema, document, operation, request.variables ?? {});
          if (!runs) return;
          return {
            // No data: execution stopped before any field (invalid variables), which Apollo's plugin never saw.
            async executionDidEnd() {
              const body = response.body;
              if (body?.kind === 'single' && body.singleResult.data !== undefined)
                overallCachePolicy.restrict({ maxAge: defaultMaxAge });
            },
          };
        },
      };
    },
  };
  // Without a cache-control plugin of its own, Apollo Server installs one (default max-age 0) that would
  // hook every field again and make every answer uncacheable.
  return [ApolloServerPluginCacheControlDisabled(), plugin];
}

/**
 * Whether execution resolves at least one root field of the schema: a selection of the operation,
 * through its fragments, that `@skip`/`@include` keep and that is not a meta field (`__typename`,
 * `__schema`, `__type`: graphql-js answers those itself, Apollo's plugin never sees them).
 * Without variables (null), undefined when a `@skip`/`@include` on the way takes one.
 */
function runsARootField(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | null,
): boolean | undefined {
  let variables: Record<string, unknown> | undefined;
  let needsVariables = false;
  const kept = (node: SelectionNode): boolean => {
    if (!node.directives?.length) return true;
    if (rawVariables === null) {
      if (node.directives.some((d) => d.arguments?.some((a) => a.value.kind === Kind.VARIABLE))) {
        needsVariables = true;
        return false;
      }
      variables = {};
    }
    // Coerced as execution coerces them (defaults included).
    variables ??= getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables!).coerced ?? {};
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
    return true;
  };
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (!kept(selection)) return false;
      if (selection.kind === Kind.FIELD) return !selection.name.value.startsWith('__');
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      const name = selection.name.value;
      if (visited.has(name)) return false;
      visited.add(name);
      const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
      return fragment?.kind === Kind.FRAGMENT_DEFINITION ? walk(fragment.selectionSet) : false;
    });
  const runs = walk(operation.selectionSet);
  return runs || !needsVariables ? runs : undefined;
}
