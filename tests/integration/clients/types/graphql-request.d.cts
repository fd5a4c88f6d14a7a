// graphql-request 7 ships a CommonJS build (main.cjs) but types only for its ES module: the repo's
// CommonJS type check (module node16) would refuse the import. These are the same types, for require.
import type * as GraphQLRequest from '../../../../node_modules/graphql-request/build/entrypoints/main.js' with {
  'resolution-mode': 'import',
};

export declare const GraphQLClient: typeof GraphQLRequest.GraphQLClient;
export type GraphQLClient = GraphQLRequest.GraphQLClient;
export declare const ClientError: typeof GraphQLRequest.ClientError;
export type ClientError = GraphQLRequest.ClientError;
export type RequestMiddleware = GraphQLRequest.RequestMiddleware;
