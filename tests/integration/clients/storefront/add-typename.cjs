// The client preset's own transform: `__typename` in every selection, so that the registered documents are
// exactly what Apollo Client's cache asks for (it adds __typename) and their hashes match what it prints.
module.exports = require('@graphql-codegen/client-preset').addTypenameSelectionDocumentTransform;
