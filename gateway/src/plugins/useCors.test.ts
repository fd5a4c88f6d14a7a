import { originAllowed, originProblems } from './useCors';

describe('allowed origins', () => {
  const allowed = ['https://app.example.com', 'https://*.example.org', 'http://localhost:5173'];

  it('match exact origins, subdomain patterns and ports, and nothing else', () => {
    const origins = [
      'https://app.example.com',
      'https://APP.example.com',
      'http://app.example.com',
      'https://app.example.com:8443',
      'https://shop.example.org',
      'https://a.b.example.org',
      'https://example.org',
      'https://evilexample.org',
      'https://example.org.evil.com',
      'http://localhost:5173',
      'http://localhost:5174',
      'null',
    ];
    expect(Object.fromEntries(origins.map((o) => [o, originAllowed(o, allowed)]))).toEqual({
      'https://app.example.com': true,
      'https://APP.example.com': true,
      'http://app.example.com': false,
      'https://app.example.com:8443': false,
      'https://shop.example.org': true,
      'https://a.b.example.org': true,
      'https://example.org': false,
      'https://evilexample.org': false,
      'https://example.org.evil.com': false,
      'http://localhost:5173': true,
      'http://localhost:5174': false,
      null: false,
    });
  });

  it('match any origin with "*"', () => {
    expect(originAllowed('https://anything.test', ['*'])).toBe(true);
  });

  it('are checked: an origin with a path, without a scheme, or "*" with credentials is a problem', () => {
    expect(originProblems(['https://ok.example.com', 'https://*.ok.example.com', 'http://[::1]:4000'], false)).toEqual(
      [],
    );
    expect(originProblems(['https://x.example.com/', 'x.example.com', '*'], true)).toHaveLength(3);
  });
});
