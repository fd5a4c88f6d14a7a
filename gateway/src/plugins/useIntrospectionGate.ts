/**
 * Introspection and the Sandbox landing page in production: off, except for
 * clients holding the `analyst` scope (analysts explore the graph; apps do
 * not need to). In development both are open to everyone.
 *
 * Apollo Server's own `introspection` switch is one setting for every
 * client, so the gateway leaves it on and refuses introspection per client
 * here, once the operation is resolved and before it executes.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type express from 'express';
import { GraphQLError, Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { hasScope, SCOPES } from '@c360/kit/auth';
import { recordOf, sendError, type GatewayContext } from '../request';

export interface IntrospectionGateOptions {
  /** Whether every client may introspect (development). */
  open: boolean;
  /** The scope that opens introspection and the Sandbox in production. @default 'analyst' */
  scope?: string;
}

/** Whether an operation asks for `__schema` or `__type` (anywhere, fragments included). */
export function introspects(document: DocumentNode): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === '__schema' || s.name.value === '__type' || visit(s.selectionSet)
        : s.kind === Kind.INLINE_FRAGMENT && visit(s.selectionSet),
    ) ?? false;
  return document.definitions.some(
    (d) => (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) && visit(d.selectionSet),
  );
}

export function useIntrospectionGate(options: IntrospectionGateOptions): ApolloServerPlugin<GatewayContext> {
  const scope = options.scope ?? SCOPES.analyst;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (options.open || hasScope(contextValue.principal, scope) || !introspects(document)) return;
          throw new GraphQLError(
            `Introspection is off in production; it needs the ${scope} scope, which client "${contextValue.principal.client}" does not hold`,
            { extensions: { code: 'FORBIDDEN', requiredScope: scope, http: { status: 403 } } },
          );
        },
      };
    },
  };
}

/** Express middleware: the landing page (a browser's GET asking for HTML) only for the scope, in production. */
export function landingPageGate(options: IntrospectionGateOptions): express.RequestHandler {
  const scope = options.scope ?? SCOPES.analyst;
  return (req, res, next) => {
    const wantsPage =
      req.method === 'GET' &&
      req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
    if (!wantsPage || options.open || hasScope(recordOf(res).principal, scope)) return next();
    sendError(res, 403, 'FORBIDDEN', `The Sandbox is off in production; it needs the ${scope} scope`, {
      requiredScope: scope,
    });
  };
}
