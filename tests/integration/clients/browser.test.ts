import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '@c360/test-setup/chromium';
import ts from 'typescript';
import { ContactCardDocument, ContactNameDocument } from './storefront/__generated__/graphql';
import { startClientsWorld, type ClientsWorld } from './fixtures';

/**
 * A front end on another origin, in a real headless Chromium: the page (served on http://localhost:P)
 * calls the gateway (http://127.0.0.1:G) with the plain-fetch snippet of docs/front-end.md, through a
 * real CORS preflight. A page on an origin the gateway does not list cannot read anything.
 */
interface Site {
  origin: string;
  close(): Promise<void>;
}

/** A static site serving an empty page and the fetch snippet compiled to a browser module. */
async function startSite(): Promise<Site> {
  const source = readFileSync(path.join(__dirname, 'storefront', 'src', 'fetch.ts'), 'utf8');
  const module = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const server = http.createServer((req, res) => {
    if (req.url === '/fetch.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(module);
    else
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><title>storefront</title><script type="module">' +
            "import { runDocument } from '/fetch.js'; window.runDocument = runDocument;</script>",
        );
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const hashOf = (document: object) => (document as { __meta__: { hash: string } }).__meta__.hash;

let site: Site;
let stranger: Site;
let world: ClientsWorld;
let browser: Browser;

beforeAll(async () => {
  site = await startSite();
  stranger = await startSite();
  world = await startClientsWorld({ CORS_ORIGINS: site.origin, CORS_MAX_AGE_SECONDS: '120' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await world?.stop();
  await site?.close();
  await stranger?.close();
});

/** Runs a document from a page of `origin` with the docs' runDocument; returns what the page could read. */
async function fromPage(origin: string, apiKey: string, document: object) {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    await page.waitForFunction(() => 'runDocument' in globalThis);
    return await page.evaluate(
      async ({ endpoint, apiKey, hash, variables }) => {
        const { runDocument } = globalThis as unknown as {
          runDocument: typeof import('./storefront/src/fetch').runDocument;
        };
        try {
          return { data: await runDocument(endpoint, apiKey, { __meta__: { hash } }, variables) };
        } catch (error) {
          const e = error as { code?: string; status?: number; name: string; message: string };
          return { code: e.code ?? null, status: e.status ?? null, error: e.name };
        }
      },
      {
        endpoint: world.gateway.url,
        apiKey,
        hash: hashOf(document),
        variables: { contactId: world.contact.contactId },
      },
    );
  } finally {
    await page.close();
  }
}

describe('a browser app on another origin', () => {
  it('runs a persisted document through the preflight, and reads refusals and the exposed headers', async () => {
    expect(await fromPage(site.origin, world.keys.storefront, ContactCardDocument)).toEqual({
      data: { __typename: 'Query', crmContact: { __typename: 'CrmContact', ...world.contact } },
    });
    expect({
      forbidden: await fromPage(site.origin, world.keys.storefront, ContactNameDocument),
      unauthenticated: await fromPage(site.origin, 'c360_not-a-key', ContactCardDocument),
    }).toEqual({
      forbidden: { code: 'FORBIDDEN', status: 403, error: 'Error' },
      unauthenticated: { code: 'UNAUTHENTICATED', status: 401, error: 'Error' },
    });
    const page = await browser.newPage();
    await page.goto(site.origin);
    const headers = await page.evaluate(async (endpoint) => {
      const response = await fetch(`${endpoint}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'x-api-key': 'c360_not-a-key', 'x-request-id': 'from-the-browser' },
      });
      return { status: response.status, requestId: response.headers.get('x-request-id') };
    }, world.gateway.url);
    await page.close();
    expect(headers).toEqual({ status: 401, requestId: 'from-the-browser' });
  });

  it('is kept from reading anything on an origin the gateway does not list', async () => {
    expect(await fromPage(stranger.origin, world.keys.storefront, ContactCardDocument)).toEqual({
      code: null,
      status: null,
      error: 'TypeError',
    });
  });
});

describe('preflights', () => {
  const preflight = (origin: string) =>
    fetch(world.gateway.url, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });

  it('are answered before authentication, with the configured max-age, for a listed origin only', async () => {
    const listed = await preflight(site.origin);
    const other = await preflight(stranger.origin);
    const pick = (res: Response) => ({
      status: res.status,
      origin: res.headers.get('access-control-allow-origin'),
      methods: res.headers.get('access-control-allow-methods'),
      headers: res.headers.get('access-control-allow-headers'),
      maxAge: res.headers.get('access-control-max-age'),
      vary: res.headers.get('vary'),
    });
    expect({ listed: pick(listed), other: pick(other) }).toEqual({
      listed: {
        status: 204,
        origin: site.origin,
        methods: 'GET, POST',
        headers: 'content-type,x-api-key',
        maxAge: '120',
        // Every gateway answer varies on the credential headers (never shared between callers), preflights too.
        vary: 'Authorization, X-Api-Key, Cookie, X-C360-Signature, Origin, Access-Control-Request-Headers',
      },
      other: {
        status: 204,
        origin: null,
        methods: null,
        headers: null,
        maxAge: null,
        vary: 'Authorization, X-Api-Key, Cookie, X-C360-Signature, Origin',
      },
    });
  });
});
