/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The customer page in a real browser: Debian's Chromium driven by
 * playwright-core (never a downloaded browser), against the whole product
 * started in this process with the demo clients file, where the page's four
 * views are persisted-only clients of the `customer-page` manifest.
 *
 *   npm run test:browser
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_KEYS } from '@c360/gateway/auth/demo-keys';
import { ensureCustomerPageBuilt } from '@c360/gateway/customer-page';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT, startProduct, type Product } from '@c360/embedded/product';
import { createLogger } from '@c360/kit/logger';
import { launchChromium } from '@c360/test-setup/chromium';
import { TEST_DATA_DIR, TEST_TRUTH_PATH, testEnv } from '@c360/test-setup/test-env';
import { createPeople, newPeople, removePeople, type PagePeople } from './fixtures';

// The docs' screenshots are rewritten only when asked (UPDATE_SCREENSHOTS=1, on the demo data alone): a test run
// leaves the tree as it was, and other suites' test data (their segments, people) never reaches the docs.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? path.join(REPO_ROOT, 'docs', 'screenshots')
  : path.join(REPO_ROOT, TEST_DATA_DIR, 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
// The shared test machine runs at load 30+ on 2 cores: generous bounds, none of them a retry.
jest.setTimeout(180_000);
const ACTION_TIMEOUT_MS = 60_000;
const PANELS = ['profile', 'kpis', 'segments', 'consent', 'orders', 'stores', 'web', 'tickets', 'surveys'];

let product: Product;
let people: PagePeople;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const logger = createLogger('warn');
  if (!ensureCustomerPageBuilt(logger)) throw new Error('the customer page could not be built');
  // The gateway cache off: after a merge or with a source stopped, the page must show what the sources say now.
  // Segment previews evaluate every customer (bulk, in the profile subgraph, reading each source a thousand
  // customers at a time): on the demo data at the shared machine's load (20+) that takes longer than the
  // interactive budgets (5 s a subgraph, 2 s a source read), so they are a minute here. Every subgraph's budget
  // too, the identity lookup's among them: beside the other test lanes, a search once showed no hit within a minute
  // (which of timeout or miss the page said was not kept then; openHit now puts it in the failure).
  const config = loadEmbeddedConfig(
    testEnv({
      SEED_DEMO: 'true',
      GATEWAY_CACHE: 'false',
      SUBGRAPH_TIMEOUT_MS: '60000',
      SUBGRAPH_TIMEOUT_MS_PROFILE: '60000',
      SOURCE_TIMEOUT_MS: '60000',
    }),
  );
  // The demo sources seeded when they are empty (idempotent), so that every panel has a source to read.
  product = await startProduct(config, createLogger(config.LOG_LEVEL), {
    pollFeeds: false,
    truthPath: TEST_TRUTH_PATH,
  });
  base = product.gateway.url.replace(/\/graphql$/, '');
  people = newPeople();
  await createPeople(product, people);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (people && product) await removePeople(product, people);
  await product?.stop();
});

/** A page of a fresh browser context; page errors fail the test that made them. */
async function open(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, errors };
}

async function signIn(page: Page, role: 'sales' | 'call-centre' | 'cashier' | 'steward' | 'marketer') {
  await page.goto(`${base}/app/`);
  await page
    .getByRole('radio', {
      name: new RegExp(
        `^${
          {
            sales: 'Sales rep',
            'call-centre': 'Call-centre agent',
            cashier: 'Store cashier',
            steward: 'Data steward',
            marketer: 'Marketer',
          }[role]
        }`,
      ),
    })
    .check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
}

/** Opens the single search's hit; when the search found none, fails with what the page says instead. */
async function openHit(page: Page) {
  const result = page.getByTestId('single-result');
  await result.locator('a.hit, .error, p:has-text("No customer holds")').first().waitFor();
  if ((await result.locator('a.hit').count()) === 0)
    throw new Error(`the search found no customer to open; the page says: ${await result.textContent()}`);
  await result.locator('a.hit').click();
}

async function search(page: Page, value: string) {
  await page.getByLabel('Identifier', { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('[data-testid="single-result"] .normalized').waitFor();
}

/** Waits until no panel is loading; returns each panel's status. */
async function panelStatuses(page: Page): Promise<Record<string, string>> {
  await page.waitForFunction(
    (count) => {
      const panels = [...document.querySelectorAll('[data-panel]')];
      return panels.length >= count && panels.every((p) => p.getAttribute('data-status') !== 'loading');
    },
    PANELS.length,
    { timeout: ACTION_TIMEOUT_MS },
  );
  return page.$$eval('[data-panel]', (panels) =>
    Object.fromEntries(panels.map((p) => [p.getAttribute('data-panel'), p.getAttribute('data-status')])),
  );
}

/**
 * Presses Tab until the element matching `selector` has the focus: reachable by keyboard. It gives up after one
 * more press than the page has tabbable elements (counted again after each press, as views render lists late):
 * a fixed cap failed when the shared test database held many segments, each a button before the rule editor.
 */
async function tabTo(page: Page, selector: string) {
  const state = (sel: string) =>
    page.evaluate((target) => {
      const tabbable = [
        ...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]'),
      ].filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.getClientRects().length > 0);
      return { here: document.activeElement?.matches(target) ?? false, tabbable: tabbable.length };
    }, sel);
  for (let presses = 0; presses <= (await state(selector)).tabbable; presses++) {
    await page.keyboard.press('Tab');
    if ((await state(selector)).here) return;
  }
  const { tabbable } = await state(selector);
  throw new Error(`${selector} is not reachable with Tab (${tabbable} tabbable elements on the page)`);
}

async function axeViolations(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({
      resultTypes: ['violations'],
    }),
  )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

describe('customer page, in Chromium', () => {
  it('finds the customer by a phone written in another format, shows it normalised, and opens the 360 with every panel', async () => {
    const { context, page, errors } = await open();
    await signIn(page, 'call-centre');
    // Stored as "+33 7 .. .. .. .." in the CRM; typed here the French national way with dots.
    const national = `0${people.ada.mobile.replace(/^\+33 /, '').replace(/ /g, '.')}`;
    await search(page, national);
    const e164 = `+33${people.ada.mobile.replace(/^\+33 /, '').replace(/ /g, '')}`;
    await expect(page.getByTestId('normalized').textContent()).resolves.toBe(e164);
    await expect(page.locator('.kind').textContent()).resolves.toBe('phone');
    // A pasted list goes to customersByIdentifiers in one request: one row per line, in order.
    await page
      .getByLabel('Paste up to 500 identifiers, one per line')
      .fill([people.ada.email.toUpperCase(), `nobody-${people.tag}@example.org`, '+33 1 23 45'].join('\n'));
    await page.getByRole('button', { name: 'Look them all up' }).click();
    await page.locator('table.batch').waitFor();
    await expect(page.locator('table.batch caption').textContent()).resolves.toBe('1 of 3 identifiers found');
    const rows = await page.$$eval('table.batch tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain(`Ada ${people.ada.family}`);
    expect(rows[1]).toContain('not found');
    expect(rows[2]).toMatch(/Invalid PHONE/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search.png') });
    await openHit(page);
    await page.getByRole('heading', { name: 'Customer 360' }).waitFor();
    const statuses = await panelStatuses(page);
    expect(statuses).toEqual(Object.fromEntries(PANELS.map((p) => [p, 'ready'])));
    await expect(page.locator('[data-panel="profile"]').textContent()).resolves.toContain(`Ada ${people.ada.family}`);
    await expect(page.getByTestId('records').textContent()).resolves.toBe(
      [`commerce:${people.ada.accountId}`, `crm:${people.ada.contactId}`].join(', '),
    );
    // Lineage: the golden name says which record it came from, on hover and on focus.
    await page.locator('.lineage').first().hover();
    await expect(page.locator('.lineage .tip').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.lineage .tip').first().textContent()).resolves.toMatch(/^From (crm|commerce) record /);
    expect(errors).toEqual([]);
    // The screenshot for the docs: a demo person present in every source (the seed's ground truth).
    const truth = JSON.parse(readFileSync(TEST_TRUTH_PATH, 'utf8')) as {
      people: { records: { system: string }[]; identifiers: { kind: string; value: string }[] }[];
    };
    const everywhere = truth.people.find(
      (p) => new Set(p.records.map((r) => r.system)).size >= 7 && p.identifiers.some((i) => i.kind === 'EMAIL'),
    )!;
    await page.goto(`${base}/app/#/`);
    await search(page, everywhere.identifiers.find((i) => i.kind === 'EMAIL')!.value);
    await openHit(page);
    await page.getByRole('heading', { name: 'Customer 360' }).waitFor();
    await panelStatuses(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'customer-360.png'), fullPage: true });
    await context.close();
  });

  it('finds the customer by name and postcode typed another way, and tells a cashier it needs personal-data access', async () => {
    const { context, page, errors } = await open();
    await signIn(page, 'sales');
    // Stored as "Ada <Family>" at 75011 in the CRM; typed family name first, upper case, postcode spaced.
    await page.getByLabel('Name', { exact: true }).fill(`${people.ada.family.toUpperCase()} ada`);
    await page.getByLabel('Postcode', { exact: true }).fill('75 011');
    await page.getByRole('button', { name: 'Find by name' }).click();
    const result = page.getByTestId('name-result');
    await result.locator('a.hit').first().waitFor();
    await expect(result.locator('a.hit').count()).resolves.toBe(1);
    await expect(result.locator('a.hit').textContent()).resolves.toContain(`Ada ${people.ada.family}`);
    await expect(result.locator('a.hit').getAttribute('href')).resolves.toBe(`#/customer/${people.ada.customerId}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-by-name.png') });
    // Another postcode: nobody, said so.
    await page.getByLabel('Postcode', { exact: true }).fill('75012');
    await page.getByRole('button', { name: 'Find by name' }).click();
    await result.getByText('Nobody of that name at that postcode.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
    const cashier = await open();
    await signIn(cashier.page, 'cashier');
    await expect(cashier.page.getByTestId('name-search-needs-pii').textContent()).resolves.toContain('pii:read');
    await cashier.context.close();
  });

  it('lets a marketer edit a segment rule with a live preview of its size and sample, save it, and export it with progress', async () => {
    const { context, page, errors } = await open();
    const segment = `page-test-${people.tag}`;
    try {
      await signIn(page, 'marketer');
      await page.getByRole('link', { name: 'Segments' }).click();
      await page.getByRole('heading', { name: 'New segment' }).waitFor();
      const rule = page.getByLabel('Rule (JSON rule language)');
      /** Types a rule; waits for the preview of that very text (never a stale one); returns its status. */
      const preview = page.locator('[data-panel="segment-preview"]');
      const edit = async (value: object) => {
        const text = JSON.stringify(value, null, 2);
        await rule.fill(text);
        await page.waitForFunction(
          (t) => {
            const panel = document.querySelector('[data-panel="segment-preview"]');
            return panel?.getAttribute('data-rule') === t && panel.getAttribute('data-status') !== 'counting';
          },
          text,
          { timeout: ACTION_TIMEOUT_MS },
        );
        return preview.getAttribute('data-status');
      };
      const sizeOf = async (value: object) => {
        const status = await edit(value);
        // The refusal's text, when there is one, says why.
        const error = status === 'ready' ? null : await page.getByTestId('preview-error').textContent();
        expect({ status, error }).toEqual({ status: 'ready', error: null });
        return Number(await page.getByTestId('preview-size').textContent());
      };
      // Every customer with a purchase: the demo data has many, and a sample of them shows.
      const buyers = await sizeOf({ all: [{ field: 'kpi.orderCount', op: 'gte', value: 1 }] });
      expect(buyers).toBeGreaterThan(0);
      await expect(preview.locator('ul.hits li').count()).resolves.toBe(Math.min(10, buyers));
      // Edited: a bar nobody reaches; the size follows as the rule is typed.
      expect(await sizeOf({ all: [{ field: 'kpi.orderCount', op: 'gte', value: 1_000_000 }] })).toBe(0);
      // A rule the language refuses: the preview says where.
      expect(await edit({ all: [{ field: 'kpi.nope', op: 'gte', value: 1 }] })).toBe('invalid');
      await expect(page.getByTestId('preview-error').textContent()).resolves.toContain('rule.all.0.field');
      // Buyers reachable by email: a subset of the buyers.
      const buyersByEmail = {
        all: [
          { field: 'kpi.orderCount', op: 'gte', value: 1 },
          { field: 'contactable.EMAIL', op: 'eq', value: true },
        ],
      };
      const reachable = await sizeOf(buyersByEmail);
      expect(reachable).toBeLessThanOrEqual(buyers);
      await page.getByLabel('Name', { exact: true }).fill(segment);
      await page.getByLabel('Description').fill('Browser test: buyers reachable by email');
      await page.getByRole('button', { name: 'Define segment' }).click();
      await expect(page.getByTestId('save-result').filter({ hasText: 'Saved' }).textContent()).resolves.toBe(
        `Saved ${segment}, version 1`,
      );
      await page.getByRole('heading', { name: `Edit ${segment}` }).waitFor();
      await page.screenshot({ path: path.join(SCREENSHOTS, 'segments.png'), fullPage: true });
      // Export: pages through the members, with progress, then offers the CSV (customerId per line, as the CLI).
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const link = page.getByRole('link', { name: `Download ${segment}.csv` });
      // Each page of members is a bulk evaluation of the whole demo base: minutes at the shared machine's load.
      await link.waitFor({ timeout: 240_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const lines = readFileSync((await download.path())!, 'utf8')
        .trim()
        .split('\n');
      expect(lines[0]).toBe('customerId');
      expect(lines).toHaveLength(reachable + 1);
      // A second version: the rule edited and saved again.
      expect(await sizeOf({ all: [{ field: 'kpi.orderCount', op: 'gte', value: 2 }] })).toBeLessThanOrEqual(buyers);
      await page.getByRole('button', { name: 'Save new version' }).click();
      await expect(page.getByTestId('save-result').filter({ hasText: 'version 2' }).textContent()).resolves.toBe(
        `Saved ${segment}, version 2`,
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await fetch(product.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': DEMO_KEYS['privacy-officer'] },
        body: JSON.stringify({
          query: 'mutation ($n: String!) { deleteSegment(name: $n) }',
          variables: { n: segment },
        }),
      });
    }
  }, 480_000);

  it('draws the identity graph with its links labelled by rule, and shows the evidence of a link on click', async () => {
    const { context, page, errors } = await open();
    await signIn(page, 'steward');
    await page.goto(`${base}/app/#/customer/${people.ada.customerId}/graph`);
    await page.locator('.cy canvas').first().waitFor();
    const links = page.locator('.link-list button', { hasText: 'deterministic' });
    await expect(links.count()).resolves.toBe(1);
    await links.first().click();
    const evidence = page.getByTestId('evidence');
    await expect(evidence.textContent()).resolves.toContain(`EMAIL ${people.ada.email}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'identity-graph.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets a steward accept a pending review side by side; the page shows the merged customer', async () => {
    const { context, page, errors } = await open();
    await signIn(page, 'steward');
    await page.getByRole('link', { name: 'Match review' }).click();
    // The queue is best score first: page through it (Show more) to the pair of our test person.
    const item = page.locator('.queue-item', { hasText: people.marie.contactId });
    await page.locator('[data-panel="queue"][data-status="ready"]').waitFor();
    while ((await item.count()) === 0) {
      const more = page.getByRole('button', { name: /^Show more/ });
      if ((await more.count()) === 0) throw new Error(`no pending review of ${people.marie.contactId} in the queue`);
      const before = await page.locator('.queue-item').count();
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('.queue-item').length > n, before);
    }
    await item.first().click();
    const pair = page.locator('[data-panel="pair"]');
    await pair.locator('table.side-by-side').waitFor();
    await expect(pair.locator('table.side-by-side caption').textContent()).resolves.toContain(people.marie.contactId);
    await expect(pair.locator('table.side-by-side tbody tr').first().textContent()).resolves.toContain(
      `Marie ${people.marie.family}`,
    );
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'match-review.png') });
    await page.getByRole('button', { name: 'Accept: same person' }).click();
    // The merged customer opens; a refusal is shown in the queue's status line instead (and fails here with its text).
    const status = page.locator('.review p[role="status"], main p[role="status"]');
    await page.getByRole('heading', { name: 'Customer 360' }).or(status).first().waitFor();
    expect(await status.allTextContents()).toEqual([]);
    await panelStatuses(page);
    await expect(page.getByTestId('records').textContent()).resolves.toBe(
      [`commerce:${people.marie.accountId}`, `crm:${people.marie.contactId}`].join(', '),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a cashier the personal data masked, yet present', async () => {
    const { context, page, errors } = await open();
    await signIn(page, 'cashier');
    await search(page, people.ada.email.toUpperCase());
    await expect(page.locator('a.hit .masked').count()).resolves.toBe(1);
    await page.locator('a.hit').click();
    await panelStatuses(page);
    const profile = page.locator('[data-panel="profile"]');
    // Name, email and phone exist and are masked; their source still shows.
    await expect(profile.locator('.masked').count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(profile.getByText('Email hidden (needs pii:read)').count()).resolves.toBe(1);
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toContain(people.ada.family);
    expect(text).not.toContain(people.ada.email);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe-core violation on the search, 360, graph, review and segments views', async () => {
    const { context, page } = await open();
    await signIn(page, 'steward');
    const found: Record<string, unknown> = {};
    found.search = await axeViolations(page);
    await page.goto(`${base}/app/#/customer/${people.ada.customerId}`);
    await panelStatuses(page);
    found.customer = await axeViolations(page);
    await page.goto(`${base}/app/#/customer/${people.ada.customerId}/graph`);
    await page.locator('.cy canvas').first().waitFor();
    found.graph = await axeViolations(page);
    await page.goto(`${base}/app/#/review`);
    await page.locator('[data-panel="queue"][data-status="ready"]').waitFor();
    found.review = await axeViolations(page);
    await context.close();
    const marketer = await open();
    await signIn(marketer.page, 'marketer');
    await marketer.page.goto(`${base}/app/#/segments`);
    await marketer.page.locator('[data-panel="segment-preview"][data-status="ready"]').waitFor();
    found.segments = await axeViolations(marketer.page);
    await marketer.context.close();
    expect(found).toEqual({ search: [], customer: [], graph: [], review: [], segments: [] });
  });

  it('is keyboard navigable: a search is typed and submitted, and the result opened, without a mouse', async () => {
    const { context, page } = await open();
    await signIn(page, 'sales');
    // The identifier field has the focus on arrival.
    await page.keyboard.type(people.ada.email);
    await page.keyboard.press('Enter');
    await page.locator('a.hit').waitFor();
    await page.locator('a.hit').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Customer 360' }).waitFor();
    await expect(page.evaluate(() => window.location.hash)).resolves.toBe(`#/customer/${people.ada.customerId}`);
    // Name + postcode: reached with Tab from the identifier field, submitted with Enter.
    await page.goto(`${base}/app/#/`);
    await page.getByLabel('Identifier', { exact: true }).focus();
    await tabTo(page, '#person-name');
    await page.keyboard.type(`ada ${people.ada.family}`);
    await tabTo(page, '#postcode');
    await page.keyboard.type(people.ada.postcode);
    await page.keyboard.press('Enter');
    await page.getByTestId('name-result').locator('a.hit').waitFor();
    await context.close();
    // Segments: the marketer reaches the view and the rule from the keyboard.
    const marketer = await open();
    await signIn(marketer.page, 'marketer');
    await marketer.page.locator('.skip').focus();
    await tabTo(marketer.page, 'a[href="#/segments"]');
    await marketer.page.keyboard.press('Enter');
    await marketer.page.getByRole('heading', { name: 'New segment' }).waitFor();
    await tabTo(marketer.page, '#segment-rule');
    await marketer.page.keyboard.press('Control+A');
    const typed = '{"field": "kpi.orderCount", "op": "gte", "value": 1000000}';
    await marketer.page.keyboard.type(typed);
    await marketer.page.locator(`[data-panel="segment-preview"][data-status="ready"][data-rule='${typed}']`).waitFor();
    await expect(marketer.page.getByTestId('preview-size').textContent()).resolves.toBe('0');
    await marketer.context.close();
  });

  it('refuses, in persisted-only mode, an operation that is not in the app manifest', async () => {
    const { context, page } = await open();
    await page.goto(`${base}/app/`);
    const manifest = JSON.parse(
      readFileSync(
        path.join(REPO_ROOT, 'clients', 'customer-page', '__generated__', 'persisted-documents.json'),
        'utf8',
      ),
    ) as Record<string, string>;
    const answers = await page.evaluate(
      async ({ key, registered }) => {
        const post = async (body: object) => {
          const res = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': key },
            body: JSON.stringify(body),
          });
          const json = (await res.json()) as {
            error?: { code?: string };
            errors?: { extensions?: { code?: string } }[];
          };
          return { status: res.status, code: json.error?.code ?? json.errors?.[0]?.extensions?.code ?? null };
        };
        return {
          text: await post({ query: '{ customerIds(first: 1) { ids } }' }),
          hash: await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
          registered: await post({
            variables: { first: 1 },
            extensions: { persistedQuery: { version: 1, sha256Hash: registered } },
          }),
        };
      },
      {
        key: DEMO_KEYS['customer-page-steward'],
        registered: Object.entries(manifest).find(([, doc]) => doc.includes('query MatchReviewQueue('))![0],
      },
    );
    expect(answers).toEqual({
      text: { status: 403, code: 'PERSISTED_QUERY_NOT_ALLOWED' },
      hash: { status: 403, code: 'PERSISTED_QUERY_NOT_ALLOWED' },
      registered: { status: 200, code: null },
    });
    await context.close();
  });

  it('serves the self-hosted explorer with every non-local request blocked', async () => {
    const { context, page, errors } = await open();
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      blocked.push(url.href);
      return route.abort('blockedbyclient');
    });
    const response = await page.goto(`${base}/explorer`);
    expect(response?.status()).toBe(200);
    await page.locator('.graphiql-container').waitFor();
    await page
      .getByRole('button', { name: /explorer/i })
      .first()
      .waitFor();
    await page.locator('.graphiql-execute-button').waitFor();
    // Nothing had to come from outside: scripts, styles and fonts are served by the gateway.
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says "unavailable" in the panels that need web analytics when it is down, and renders the rest', async () => {
    await product.sources.web.stop();
    const { context, page, errors } = await open();
    await signIn(page, 'sales');
    await page.goto(`${base}/app/#/customer/${people.ada.customerId}`);
    const statuses = await panelStatuses(page);
    // KPIs (days since the last visit) and segments (rules may read it) are computed from the web
    // source too (@requires): without it they are unavailable as well, never computed from half the data.
    expect(statuses).toEqual({
      ...Object.fromEntries(PANELS.map((p) => [p, 'ready'])),
      web: 'unavailable',
      kpis: 'unavailable',
      segments: 'unavailable',
    });
    await expect(page.locator('[data-panel="web"] .unavailable').textContent()).resolves.toMatch(/^Unavailable — /);
    await expect(page.locator('[data-panel="profile"]').textContent()).resolves.toContain(`Ada ${people.ada.family}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
