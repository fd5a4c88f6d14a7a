/**
 * The one `c360` command. Every subcommand lists its options with `--help`,
 * and every subcommand exits the same way: 0 ok, 1 failure, 2 usage or
 * configuration error (a bad option, a bad environment variable).
 *
 * The commands themselves live in the package that owns them (the gateway,
 * the identity matcher, the profile subgraph, the demo…); this package only
 * parses the command line and hands over, so that each stays usable on its own.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/*
 * Each subcommand's module is loaded when the subcommand runs, not at start
 * (the gateway and the subgraphs are heavy), with require() of a literal name:
 * the checkout's bin runs the TypeScript sources through tsx's CommonJS
 * loader, which import() would bypass, and the build (esbuild) bundles a
 * literal require like an import.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

/** Subcommands whose own parser reads the rest of the line (they print their own `--help`). */
type Delegate = (argv: string[]) => Promise<number>;

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) {
    throw new InvalidArgumentError(`expected a port number from 0 to 65535, received "${value}"`);
  }
  return n;
};

/** A command whose options belong to another module's parser: everything after the name goes to it. */
function delegated(program: Command, name: string, summary: string, usage: string, run: () => Promise<Delegate>) {
  program
    .command(name)
    .summary(summary)
    .description(`${summary}\n\n${usage}`)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[options...]', `options of ${name} (see c360 ${name} --help)`)
    .action(async (args: string[]) => {
      process.exitCode = await (await run())(args);
    });
}

export function buildProgram(): Command {
  const program = new Command('c360')
    .description(
      'c360, the customer 360 GraphQL gateway: start the product, resolve identities, export audiences, manage keys',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('start')
    .summary('the whole product, or one service of it (--only)')
    .description(
      'Start the whole product: gateway and every subgraph (in one process, or one supervised process per service with C360_TOPOLOGY=distributed), the bundled Neo4j when NEO4J_URI is unset, and the demo data on first run. With --only, one service alone, as a container runs it. Configured by environment variables (docs/configuration.md).',
    )
    .addOption(
      new Option('--only <service>', 'start this service alone').choices([
        'gateway',
        'identity',
        'crm',
        'commerce',
        'stores',
        'web',
        'support',
        'surveys',
        'consent',
        'profile',
        'privacy',
      ]),
    )
    .action(async (opts: { only?: string }) => {
      if (opts.only) {
        const { runService } = require('@c360/embedded/service-cli') as typeof import('@c360/embedded/service-cli');
        await runService(opts.only);
        return;
      }
      const { main } = require('@c360/embedded/start') as typeof import('@c360/embedded/start');
      await main();
    });

  program
    .command('gateway')
    .summary('the gateway alone, in front of subgraphs that run elsewhere')
    .description(
      'Start the gateway alone, as a production replica, in front of subgraphs that run elsewhere (their URLs from the supergraph or SUBGRAPH_URL_<NAME>).',
    )
    .addOption(new Option('--supergraph <file>', 'a composed supergraph SDL to serve').env('SUPERGRAPH_PATH'))
    .addOption(new Option('--port <n>', 'port to listen on').argParser(port).env('PORT'))
    .addOption(new Option('--host <address>', 'interface to listen on').env('HOST'))
    .action(async (opts: { supergraph?: string; port?: number; host?: string }) => {
      if (opts.supergraph) process.env.SUPERGRAPH_PATH = opts.supergraph;
      if (opts.port !== undefined) process.env.PORT = String(opts.port);
      if (opts.host) process.env.HOST = opts.host;
      const { main } = require('@c360/gateway/main') as typeof import('@c360/gateway/main');
      // The options are in the environment now; the gateway's own parser gets none to read twice.
      await main([]);
    });

  delegated(
    program,
    'resolve',
    'batch entity resolution: dedup one customer file or link several',
    'Example: c360 resolve --input customers.csv --id record_id --map given_name=first,family_name=last,dob=birth --output clusters.csv',
    async () =>
      (require('@c360/subgraph-identity/matching/cli') as typeof import('@c360/subgraph-identity/matching/cli')).main,
  );

  delegated(
    program,
    'bulk-load',
    "first load of an empty identity graph, via Neo4j's importer",
    'Example: FEED_URL_CRM=http://127.0.0.1:4002/observations c360 bulk-load --data-dir .data/neo4j',
    async () => (require('@c360/embedded/identity-load') as typeof import('@c360/embedded/identity-load')).main,
  );

  delegated(
    program,
    'audience',
    "export a segment's members, consent applied",
    'Example: c360 audience export high-value --channel EMAIL --format csv --out audience.csv',
    async () => (require('@c360/subgraph-profile/audience') as typeof import('@c360/subgraph-profile/audience')).main,
  );

  const keys = program.command('keys').description("API keys of the gateway's clients");
  keys
    .command('create')
    .summary('a new API key for a client (and the client, with --scopes)')
    .description('Create an API key for a client: the key is printed once; the clients file keeps only its hash.')
    .requiredOption('--client <name>', 'client name, as in the clients file')
    .option('--write', 'add the hash entry to the clients file (creating the client when it is new)')
    .option('--scopes <list>', 'scopes of a new client, comma or space separated')
    .option('--clients-file <path>', 'the clients file (default: CLIENTS_PATH or gateway/clients.json)')
    .action(async (opts: { client: string; write?: boolean; scopes?: string; clientsFile?: string }) => {
      const { main } = require('@c360/gateway/keys-cli') as typeof import('@c360/gateway/keys-cli');
      const argv = ['create', '--client', opts.client];
      if (opts.write) argv.push('--write');
      if (opts.scopes) argv.push('--scopes', opts.scopes);
      if (opts.clientsFile) argv.push('--clients-file', opts.clientsFile);
      process.exitCode = await main(argv);
    });

  program
    .command('seed')
    .summary('demo data into the demo source systems')
    .description(
      'Generate the demo data into the demo source systems and write its ground truth (.data/ground-truth.json).',
    )
    .option('--force', 'replace demo data that is already there')
    .option('--people <n>', 'how many people to generate', (v) => {
      if (!/^[1-9]\d*$/.test(v)) throw new InvalidArgumentError(`expected a positive integer, received "${v}"`);
      return v;
    })
    .option('--truth-only', 'write the ground truth only, touching no database')
    .action(async (opts: { force?: boolean; people?: string; truthOnly?: boolean }) => {
      const { main } = require('@c360/demo/seed/cli') as typeof import('@c360/demo/seed/cli');
      const argv: string[] = [];
      if (opts.force) argv.push('--force');
      if (opts.people) argv.push('--people', opts.people);
      if (opts.truthOnly) argv.push('--truth-only');
      process.exitCode = await main(argv);
    });

  program
    .command('neo4j')
    .summary('the bundled Neo4j alone, in the foreground')
    .description(
      'Run the bundled Neo4j in the foreground, so that it outlives restarts of c360 start (which then reuses it).',
    )
    .action(async () => {
      const { main } = require('@c360/embedded/neo4j-cli') as typeof import('@c360/embedded/neo4j-cli');
      await main();
    });

  return program;
}

/** Runs the command line; resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version') {
        return EXIT.ok;
      }
      // Commander already printed what was wrong; a usage error is exit 2 like every configuration error.
      return EXIT.usage;
    }
    const code = (err as { exitCode?: number }).exitCode;
    if (code === EXIT.usage) {
      process.stderr.write(`c360: ${(err as Error).message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`c360: ${(err as Error).message}\n`);
    return EXIT.failure;
  }
}

if (require.main === module) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
