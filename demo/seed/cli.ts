/**
 * `npm run seed [-- --force] [--people N] [--truth-only]`
 *
 * Thin wrapper around seedDemo for seeding by hand; the application calls
 * seedDemo itself at start-up. `--truth-only` regenerates the checked-in
 * ground truth file without touching any database.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { MultiBar, Presets } from 'cli-progress';
import { loadEmbeddedConfig } from '@c360/embedded/config';
import { DEFAULT_PEOPLE, DEFAULT_TRUTH_PATH, generateTruth, seedDemo, writeGroundTruth } from './index';
import { openSeedTargets } from './targets';
import type { SeedProgress } from './load';

const USAGE = 'usage: npm run seed -- [--force] [--people N] [--truth-only]';

/** Errors that mean "the databases are not set up yet", by driver code. */
const NOT_SET_UP = new Set(['3D000', '42P01', 'ER_BAD_DB_ERROR', 'ER_NO_SUCH_TABLE']);
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '28000',
  '28P01',
  'ER_ACCESS_DENIED_ERROR',
]);

function parseCli(argv: string[]): { force: boolean; people: number; truthOnly: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      force: { type: 'boolean', default: false },
      people: { type: 'string' },
      'truth-only': { type: 'boolean', default: false },
    },
  });
  const people = values.people === undefined ? DEFAULT_PEOPLE : Number(values.people);
  if (!Number.isInteger(people) || people < 1) {
    throw new Error(`--people: expected a positive integer, received ${JSON.stringify(values.people)}`);
  }
  return {
    force: values.force ?? false,
    people,
    truthOnly: values['truth-only'] ?? false,
  };
}

/**
 * A progress bar per phase of the seed (generation, then each source; the sources' phases run at
 * the same time from SOURCE_WORKERS_FROM people), on stderr; log lines are printed above them.
 * Without a terminal, cli-progress prints the bars every few seconds.
 */
function progressBar(): { progress: SeedProgress; log(msg: string): void; stop(): void } {
  const bars = new MultiBar(
    {
      format: '{phase} [{bar}] {percentage}% | {value}/{total} {unit} | {duration_formatted} | ETA {eta_formatted}',
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 10000,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let drawnAt = Date.now();
  return {
    progress: {
      phase(name, total, unit = 'rows') {
        const bar = bars.create(Math.max(1, total), 0, { phase: name.padEnd(12), unit });
        return {
          advance(count) {
            bar.increment(count);
            // The generation is synchronous: the bars' timer does not run meanwhile, so they are drawn from here.
            if (Date.now() - drawnAt >= DRAW_EVERY_MS) {
              drawnAt = Date.now();
              bars.update();
            }
          },
        };
      },
    },
    log: (msg) => bars.log(`${msg}\n`),
    stop: () => bars.stop(),
  };
}

/** At most this often, bars are drawn from progress calls (a terminal: more often by the bars' own timer). */
const DRAW_EVERY_MS = 10_000;

/** The URL without its password, safe to print. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(argv);
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }

  if (args.truthOnly) {
    const file = await writeGroundTruth(generateTruth(args.people), DEFAULT_TRUTH_PATH);
    console.log(`ground truth for ${args.people} people written to ${file}`);
    return 0;
  }

  const config = loadEmbeddedConfig();
  const crmUrl = config.CRM_DATABASE_URL;
  const commerceUrl = config.COMMERCE_DATABASE_URL;
  const root = path.join(__dirname, '..', '..');
  const targets = openSeedTargets(config, root);
  const bar = progressBar();
  const started = Date.now();
  try {
    const result = await seedDemo({
      ...targets,
      locations: { ...config, root },
      defaultPhoneRegion: config.DEFAULT_PHONE_REGION,
      force: args.force,
      people: args.people,
      log: bar.log,
      progress: bar.progress,
    });
    bar.stop();
    if (result.seeded) {
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `seeded ${result.sources.join(', ')} with ${args.people} people in ${seconds.toFixed(1)} s ` +
          `(${Math.round(args.people / seconds)} people/s)`,
      );
    } else {
      console.log('nothing to do: every demo source already holds data (use --force to replace all demo data)');
    }
    return 0;
  } catch (err) {
    bar.stop();
    const code = String((err as { code?: unknown }).code ?? '');
    const message = (err as Error).message;
    const where = `CRM ${redact(crmUrl)}, shop ${redact(commerceUrl)}, web ${redact(config.WEB_DATABASE_URL)}, surveys ${redact(config.SURVEYS_DATABASE_URL)}, consent ${redact(config.CONSENT_DATABASE_URL)}`;
    if (NOT_SET_UP.has(code)) {
      console.error(
        `seed failed: ${message}\nThe demo databases or tables do not exist (${where}).\nRun \`npm start\` once to create the demo databases, then retry.`,
      );
    } else if (UNREACHABLE.has(code)) {
      console.error(
        `seed failed: ${message}\nCannot reach the source databases (${where}).\n` +
          'Start PostgreSQL and MariaDB, or set the *_DATABASE_URL settings; run `npm start` once to create the demo databases.',
      );
    } else {
      console.error('seed failed:', err);
    }
    return 1;
  } finally {
    await targets.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error('seed failed:', err);
      process.exitCode = 1;
    },
  );
}
