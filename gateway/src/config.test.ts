import { ConfigError } from '@c360/kit/config';
import { loadGatewayConfig } from './config';

describe('gateway config', () => {
  it('defaults the subgraph budget and circuit breaker', () => {
    const config = loadGatewayConfig({});
    expect({
      timeout: config.SUBGRAPH_TIMEOUT_MS,
      failures: config.SUBGRAPH_BREAKER_FAILURES,
      cooldown: config.SUBGRAPH_BREAKER_COOLDOWN_MS,
    }).toEqual({ timeout: 5000, failures: 5, cooldown: 10_000 });
  });

  it('reads per-subgraph routing URLs and timeouts, keyed by lower-case subgraph name', () => {
    const config = loadGatewayConfig({
      SUBGRAPH_URL_CRM: 'http://crm.internal/graphql',
      SUBGRAPH_TIMEOUT_MS_COMMERCE: '300',
    });
    expect({ urls: config.subgraphUrls, timeouts: config.subgraphTimeouts }).toEqual({
      urls: { crm: 'http://crm.internal/graphql' },
      timeouts: { commerce: 300 },
    });
  });

  it('refuses a per-subgraph timeout that is not a positive whole number, naming the variable', () => {
    expect(() => loadGatewayConfig({ SUBGRAPH_TIMEOUT_MS_COMMERCE: 'soon' })).toThrow(
      'SUBGRAPH_TIMEOUT_MS_COMMERCE: expected a positive whole number of milliseconds (got "soon")',
    );
  });

  it('lists every bad subgraph resilience setting at once', () => {
    const load = () =>
      loadGatewayConfig({
        SUBGRAPH_TIMEOUT_MS: '0',
        SUBGRAPH_BREAKER_FAILURES: 'many',
        SUBGRAPH_BREAKER_COOLDOWN_MS: '1.5',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        expect.stringMatching(/^SUBGRAPH_TIMEOUT_MS: .* \(got "0"\)$/),
        expect.stringMatching(/^SUBGRAPH_BREAKER_FAILURES: .* \(got "many"\)$/),
        expect.stringMatching(/^SUBGRAPH_BREAKER_COOLDOWN_MS: .* \(got "1.5"\)$/),
      ]);
    }
  });

  it('defaults the access and limit settings', () => {
    const config = loadGatewayConfig({});
    expect({
      secret: config.SUBGRAPH_SHARED_SECRET,
      clients: config.CLIENTS_PATH,
      rate: [config.RATE_LIMIT_POINTS, config.RATE_LIMIT_DURATION_SECONDS],
      limits: [config.MAX_DEPTH, config.MAX_ALIASES, config.MAX_TOKENS, config.MAX_COST, config.MAX_DIRECTIVES],
      body: config.MAX_BODY_BYTES,
      apqTtl: config.APQ_TTL_SECONDS,
      prefix: config.GATEWAY_REDIS_PREFIX,
    }).toEqual({
      secret: undefined,
      clients: undefined,
      rate: [600, 60],
      limits: [10, 15, 1000, 50_000, 50],
      body: 1_048_576,
      apqTtl: 86_400,
      prefix: 'c360:gw:',
    });
  });

  it('reads SUBGRAPH_SHARED_SECRET as a list (current first, then those still accepted), each of 32 characters or more', () => {
    const [current, previous] = ['c'.repeat(32), 'p'.repeat(40)];
    expect(loadGatewayConfig({ SUBGRAPH_SHARED_SECRET: ` ${current}, ${previous} ` }).SUBGRAPH_SHARED_SECRET).toEqual([
      current,
      previous,
    ]);
    expect(() => loadGatewayConfig({ SUBGRAPH_SHARED_SECRET: `${current},short`, JWT_SECRET: 'short' })).toThrow(
      [
        'Invalid configuration:',
        `  - JWT_SECRET: expected a secret of at least 32 characters (got "short")`,
        `  - SUBGRAPH_SHARED_SECRET: expected one or more secrets of at least 32 characters, separated by commas (got "${current},short")`,
      ].join('\n'),
    );
  });

  it('opens CORS to any origin in development and to none in production, unless CORS_ORIGINS says otherwise', () => {
    expect([
      loadGatewayConfig({}).cors,
      loadGatewayConfig({ C360_MODE: 'production' }).cors,
      loadGatewayConfig({
        C360_MODE: 'production',
        CORS_ORIGINS: 'https://app.example.com, https://*.example.org:8443',
        CORS_CREDENTIALS: 'true',
        CORS_MAX_AGE_SECONDS: '60',
      }).cors,
    ]).toEqual([
      { origins: ['*'], credentials: false, maxAgeSeconds: 600 },
      { origins: [], credentials: false, maxAgeSeconds: 600 },
      { origins: ['https://app.example.com', 'https://*.example.org:8443'], credentials: true, maxAgeSeconds: 60 },
    ]);
  });

  it('refuses CORS origins that are not origins, and "*" with credentials, naming each', () => {
    expect(() =>
      loadGatewayConfig({ CORS_ORIGINS: 'https://app.example.com/path,app.example.com,*', CORS_CREDENTIALS: 'true' }),
    ).toThrow(
      new ConfigError([
        'CORS_ORIGINS: "https://app.example.com/path" is not an origin: expected scheme://host[:port] without a path, e.g. https://app.example.com, https://*.example.com, or *',
        'CORS_ORIGINS: "app.example.com" is not an origin: expected scheme://host[:port] without a path, e.g. https://app.example.com, https://*.example.com, or *',
        'CORS_ORIGINS: "*" cannot be combined with credentials: list the origins that may send cookies',
      ]),
    );
  });
});
