import { loadGatewayConfig } from '@c360/gateway/config';
import { startGateway, type RunningGateway } from '@c360/gateway/server';
import { createLogger } from '@c360/kit/logger';
import { testEnv } from '@c360/test-setup/test-env';

/**
 * CSRF prevention stays on: a GET or a simple POST must carry a header that a browser only sends after
 * a CORS preflight. The API key and Authorization are such headers (production: every request has one,
 * see clients.test.ts for urql's and graphql-request's GETs); the anonymous developer of development
 * mode has none and adds Apollo's `apollo-require-preflight`.
 */
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startGateway({
    config: loadGatewayConfig(testEnv({ C360_MODE: 'development', PORT: '0' })),
    logger: createLogger('silent'),
    redis: null,
    subgraphUrls: Object.fromEntries(
      ['identity', 'crm', 'commerce', 'web', 'support', 'surveys', 'stores', 'consent', 'profile', 'privacy'].map(
        (name) => [name, 'http://127.0.0.1:9/graphql'],
      ),
    ),
  });
}, 60_000);

afterAll(async () => {
  await gateway?.stop();
});

const typename = () => `${gateway.url}?query=${encodeURIComponent('{ __typename }')}`;

describe('CSRF prevention', () => {
  it('refuses an anonymous GET and a text/plain POST without a preflight header, and serves them with one', async () => {
    const answer = async (res: Response) => [res.status, await res.text()];
    const get = await fetch(typename());
    const simplePost = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    const preflighted = await fetch(typename(), { headers: { 'apollo-require-preflight': 'true' } });
    const [getStatus, getBody] = await answer(get);
    expect({
      get: getStatus,
      mentions: String(getBody).includes('apollo-require-preflight'),
      simplePost: simplePost.status,
      preflighted: await answer(preflighted),
    }).toEqual({
      get: 400,
      mentions: true,
      simplePost: 400,
      preflighted: [200, '{"data":{"__typename":"Query"}}\n'],
    });
  });
});
