/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query ContactCard($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    company\n    ownerName\n  }\n}": typeof types.ContactCardDocument,
    "query ContactName($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    firstName\n    lastName\n  }\n}": typeof types.ContactNameDocument,
};
const documents: Documents = {
    "query ContactCard($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    company\n    ownerName\n  }\n}": types.ContactCardDocument,
    "query ContactName($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    firstName\n    lastName\n  }\n}": types.ContactNameDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ContactCard($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    company\n    ownerName\n  }\n}"): (typeof documents)["query ContactCard($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    company\n    ownerName\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ContactName($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    firstName\n    lastName\n  }\n}"): (typeof documents)["query ContactName($contactId: ID!) {\n  crmContact(contactId: $contactId) {\n    contactId\n    firstName\n    lastName\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;