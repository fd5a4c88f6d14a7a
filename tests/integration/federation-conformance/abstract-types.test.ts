import { link, startConformance, type Conformance } from './harness';

/** Interfaces and unions across subgraphs: an entity interface, and a union whose members come from two subgraphs. */
let conformance: Conformance;

const media = [
  { __typename: 'Book', id: 'b1', title: 'Dune' },
  { __typename: 'Film', id: 'f1', title: 'Alien' },
];

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'catalogue',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Query {
          media: [Media!]!
        }
        interface Media @key(fields: "id") {
          id: ID!
          title: String!
        }
        type Book implements Media @key(fields: "id") {
          id: ID!
          title: String!
        }
        type Film implements Media @key(fields: "id") {
          id: ID!
          title: String!
        }
      `,
      resolvers: {
        Query: { media: () => media },
        Media: {
          __resolveType: (m: { __typename: string }) => m.__typename,
          __resolveReference: (ref: { id: string }) => media.find((m) => m.id === ref.id),
        },
        Book: { __resolveReference: (ref: { id: string }) => media.find((m) => m.id === ref.id) },
        Film: { __resolveReference: (ref: { id: string }) => media.find((m) => m.id === ref.id) },
      },
    },
    {
      name: 'details',
      typeDefs: /* GraphQL */ `
        ${link('@key')}
        type Query {
          search(term: String!): [SearchResult!]!
        }
        union SearchResult = Book | Film | Author
        type Book @key(fields: "id") {
          id: ID!
          pages: Int!
        }
        type Film @key(fields: "id") {
          id: ID!
          minutes: Int!
        }
        type Author {
          name: String!
        }
      `,
      resolvers: {
        Query: {
          search: () => [
            { __typename: 'Film', id: 'f1' },
            { __typename: 'Author', name: 'Herbert' },
            { __typename: 'Book', id: 'b1' },
          ],
        },
        SearchResult: { __resolveType: (r: { __typename: string }) => r.__typename },
        Book: { __resolveReference: (ref: { id: string }) => ref, pages: () => 412 },
        Film: { __resolveReference: (ref: { id: string }) => ref, minutes: () => 117 },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('interfaces and unions across subgraphs', () => {
  it('resolves an interface list with type-specific fields of another subgraph', async () => {
    await conformance.expectAnswer('{ media { __typename id title ... on Book { pages } ... on Film { minutes } } }', {
      data: {
        media: [
          { __typename: 'Book', id: 'b1', title: 'Dune', pages: 412 },
          { __typename: 'Film', id: 'f1', title: 'Alien', minutes: 117 },
        ],
      },
    });
  });

  it('resolves a union whose members are entities of another subgraph and a value type', async () => {
    await conformance.expectAnswer(
      '{ search(term: "x") { __typename ... on Media { title } ... on Book { pages } ... on Author { name } } }',
      {
        data: {
          search: [
            { __typename: 'Film', title: 'Alien' },
            { __typename: 'Author', name: 'Herbert' },
            { __typename: 'Book', title: 'Dune', pages: 412 },
          ],
        },
      },
    );
  });
});
