/// <reference lib="dom" />
/**
 * `npm run bench:page [-- --rounds 5]`: the customer page's 360 view in Debian's Chromium
 * (playwright-core), on the whole product started in this process on the bench's databases with
 * the demo data (seeded on first use), the gateway cache off. Each round opens the 360 page of a
 * demo customer present in every source in a new browser context (cold: empty HTTP cache, first
 * visit), then reloads it (warm), and takes from Navigation Timing the ms from navigation start
 * to DOM interactive and to every panel out of its loading state (polled each frame); a round
 * where a panel failed instead of rendering its data is an error, not a figure. Prints the
 * medians and writes bench/results/customer-page.json (with the load average of each round).
 *
 * CHROMIUM_PATH names the browser (default /usr/bin/chromium: `apt-get install -y chromium`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { DEMO_KEYS } from '@c360/gateway/auth/demo-keys';
import { ensureCustomerPageBuilt } from '@c360/gateway/customer-page';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { REPO_ROOT, startProduct } from '@c360/embedded/product';
import { createLogger } from '@c360/kit/logger';
import { benchEnv } from './env';

const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PANELS = ['profile', 'kpis', 'segments', 'consent', 'orders', 'stores', 'web', 'tickets', 'surveys'];
const TIMEOUT_MS = 60_000;
const RESULTS = path.join(REPO_ROOT, 'bench', 'results', 'customer-page.json');
const print = (line: string) => process.stdout.write(`${line}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Timing {
  interactiveMs: number;
  panelsMs: number;
}

/** ms from navigation start to DOM interactive and to every panel out of its loading state; throws unless all are ready. */
async function measure(page: Page): Promise<Timing> {
  const panelsMs = await page.waitForFunction(
    (count) => {
      const panels = [...document.querySelectorAll('[data-panel]')];
      return panels.length >= count && panels.every((p) => p.getAttribute('data-status') !== 'loading')
        ? performance.now()
        : false;
    },
    PANELS.length,
    { timeout: TIMEOUT_MS, polling: 'raf' },
  );
  const statuses = await page.$$eval('[data-panel]', (panels) =>
    panels.map((p) => `${p.getAttribute('data-panel')}=${p.getAttribute('data-status')}`),
  );
  const notReady = statuses.filter((s) => !s.endsWith('=ready'));
  if (notReady.length > 0) throw new Error(`panels not rendered with their data: ${notReady.join(', ')}`);
  const interactiveMs = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domInteractive,
  );
  return { interactiveMs: Math.round(interactiveMs), panelsMs: Math.round((await panelsMs.jsonValue()) as number) };
}

async function main() {
  const logger = createLogger('warn');
  if (!ensureCustomerPageBuilt(logger)) throw new Error('the customer page could not be built (see the log above)');
  const env = benchEnv();
  const config = loadEmbeddedConfig({ ...env, SEED_DEMO: 'true', GATEWAY_CACHE: 'false' });
  print('[bench:page] starting the product on the bench databases (seeds the demo data on first use)…');
  const product = await startProduct(config, createLogger(config.LOG_LEVEL), {
    pollFeeds: false,
    truthPath: env.BENCH_TRUTH_PATH!,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // A demo person present in every source, found through the gateway with the sales demo key.
    const truth = JSON.parse(readFileSync(env.BENCH_TRUTH_PATH!, 'utf8')) as {
      people: { records: { system: string }[]; identifiers: { kind: string; value: string }[] }[];
    };
    const person = truth.people.find(
      (p) => new Set(p.records.map((r) => r.system)).size >= 7 && p.identifiers.some((i) => i.kind === 'EMAIL'),
    );
    if (!person) throw new Error('no demo person present in every source: reseed the bench databases');
    const email = person.identifiers.find((i) => i.kind === 'EMAIL')!.value;
    const res = await fetch(product.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_KEYS['sales-app'] },
      body: JSON.stringify({
        query: 'query ($v: String!) { customerByIdentifier(kind: EMAIL, value: $v) { id } }',
        variables: { v: email },
      }),
    });
    const id = ((await res.json()) as { data?: { customerByIdentifier?: { id: string } } }).data?.customerByIdentifier
      ?.id;
    if (!id) throw new Error(`the gateway did not find the demo customer ${email}`);
    const session = JSON.stringify({ role: 'sales', apiKey: DEMO_KEYS['customer-page-sales'] });
    const base = product.gateway.url.replace(/\/graphql$/, '');

    const cold: Timing[] = [];
    const warm: Timing[] = [];
    const load: number[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const errors: string[] = [];
      const page = await context.newPage();
      page.on('pageerror', (err) => errors.push(err.message));
      await context.addInitScript((value) => sessionStorage.setItem('c360.customer-page.session', value), session);
      await page.goto(`${base}/app/#/customer/${id}`);
      cold.push(await measure(page));
      await page.reload();
      warm.push(await measure(page));
      await context.close();
      if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);
      load.push(os.loadavg().map((l) => Math.round(l * 100) / 100));
      print(
        `[bench:page] round ${round + 1}/${ROUNDS}: cold ${cold.at(-1)!.panelsMs} ms, warm ${warm.at(-1)!.panelsMs} ms (load ${load.at(-1)![0]})`,
      );
    }
    const summary = {
      what: 'customer page, 360 view of a demo customer present in every source: ms from navigation start (Navigation Timing) to DOM interactive and to every panel out of its loading state',
      at: new Date().toISOString(),
      rounds: ROUNDS,
      cold_panels_ms_median: median(cold.map((r) => r.panelsMs)),
      warm_panels_ms_median: median(warm.map((r) => r.panelsMs)),
      cold_interactive_ms_median: median(cold.map((r) => r.interactiveMs)),
      warm_interactive_ms_median: median(warm.map((r) => r.interactiveMs)),
      perRound: { cold, warm },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        node: process.version,
        loadAverage: load,
        note: 'headless Debian Chromium and the whole product (gateway cache off) in one process',
      },
      command: `npm run bench:page -- --rounds ${ROUNDS}`,
    };
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    print('');
    print('| all nine panels rendered (median) | cold | warm |');
    print('|---|---:|---:|');
    print(
      `| navigation start to every panel | ${summary.cold_panels_ms_median} ms | ${summary.warm_panels_ms_median} ms |`,
    );
    print(
      `| navigation start to DOM interactive | ${summary.cold_interactive_ms_median} ms | ${summary.warm_interactive_ms_median} ms |`,
    );
    print(`\nwritten to ${path.relative(REPO_ROOT, RESULTS)}`);
  } finally {
    await browser.close();
    await product.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:page failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
