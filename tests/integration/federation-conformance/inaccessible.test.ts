import { link, startConformance, type Conformance } from './harness';

/** @inaccessible: hidden from the API schema (refused by validation), still usable as a key and by @requires. */
let conformance: Conformance;

beforeAll(async () => {
  conformance = await startConformance([
    {
      name: 'people',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@inaccessible')}
        type Query {
          people: [Person!]!
        }
        type Person @key(fields: "internalId") {
          internalId: ID! @inaccessible
          name: String!
          secretScore: Int @inaccessible
        }
      `,
      resolvers: {
        Query: {
          people: () => [
            { internalId: 'x-1', name: 'Ada', secretScore: 9 },
            { internalId: 'x-2', name: 'Bob', secretScore: 1 },
          ],
        },
        Person: { __resolveReference: (ref: { internalId: string }) => ref },
      },
    },
    {
      name: 'badges',
      typeDefs: /* GraphQL */ `
        ${link('@key', '@inaccessible')}
        type Person @key(fields: "internalId") {
          internalId: ID! @inaccessible
          badge: String!
        }
      `,
      resolvers: {
        Person: {
          __resolveReference: (ref: { internalId: string }) => ref,
          badge: (p: { internalId: string }) => `badge of ${p.internalId}`,
        },
      },
    },
  ]);
}, 60_000);

afterAll(() => conformance?.stop());

describe('@inaccessible', () => {
  it('joins by an inaccessible key', async () => {
    await conformance.expectAnswer('{ people { name badge } }', {
      data: {
        people: [
          { name: 'Ada', badge: 'badge of x-1' },
          { name: 'Bob', badge: 'badge of x-2' },
        ],
      },
    });
  });

  it('refuses an inaccessible field the same way everywhere', async () => {
    const answers = await conformance.answers('{ people { name secretScore } }');
    const vanilla = answers.vanilla!;
    expect(vanilla).toMatch(/^400 .*Cannot query field \\"secretScore\\" on type \\"Person\\"/);
    expect(answers).toEqual({
      vanilla,
      'c360 without caches': vanilla,
      'c360 with caches, first miss': vanilla,
      'c360 with caches, kept': vanilla,
      'c360 with caches, warm': vanilla,
    });
  });
});
