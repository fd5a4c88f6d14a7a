/**
 * `npm run identity:check [-- --system NAME …] [--database NAME] [--rules FILE] [--json]`
 *
 * Checks the invariants of a live identity graph (read-only, in READ access
 * mode, so it may run against a cluster's readers while writers run): prints
 * each check, what it means and how many nodes break it, with examples.
 * Exit code 0 when every check holds, 1 on a violation, 2 when it could not
 * check (bad arguments, Neo4j unreachable).
 *
 * Connects to NEO4J_URI (bolt://, neo4j://, neo4j+s://; default
 * bolt://127.0.0.1:7687, the bundled server of `npm start`) with NEO4J_USER /
 * NEO4J_PASSWORD when a password is set.
 */
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { checkIdentityGraph } from '../src/check';
import { loadRules } from '../src/rules';

const USAGE = `usage: npm run identity:check -- [--system NAME]... [--database NAME] [--rules FILE] [--json]

  --system NAME   only the records of this source system (repeatable); the whole graph by default
  --database NAME Neo4j database (the server's default when not given)
  --rules FILE    identity rules file (default IDENTITY_RULES_PATH, else the built-in rules)
  --json          print the results as JSON

Connects to NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USER and NEO4J_PASSWORD.
Exit code: 0 all checks hold, 1 a check found a violation, 2 could not check.`;

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        system: { type: 'string', multiple: true },
        database: { type: 'string' },
        rules: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const uri = env.NEO4J_URI ?? 'bolt://127.0.0.1:7687';
  const auth = env.NEO4J_PASSWORD ? neo4j.auth.basic(env.NEO4J_USER ?? 'neo4j', env.NEO4J_PASSWORD) : undefined;
  const driver = neo4j.driver(uri, auth, { disableLosslessIntegers: true });
  try {
    const rules = loadRules(values.rules ?? env.IDENTITY_RULES_PATH);
    await driver.verifyConnectivity({ database: values.database });
    const started = Date.now();
    const results = await checkIdentityGraph(driver, { database: values.database, systems: values.system, rules });
    const failed = results.filter((r) => r.violations > 0);
    if (values.json) {
      console.log(JSON.stringify({ uri, systems: values.system ?? null, results, ok: failed.length === 0 }, null, 2));
    } else {
      console.log(
        `identity graph at ${uri}${values.system ? ` (systems ${values.system.join(', ')})` : ' (whole graph)'}:`,
      );
      for (const r of results) {
        console.log(`  ${r.violations === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(34)} ${r.description}`);
        if (r.violations > 0) {
          console.log(`       ${r.violations} violation(s), e.g.:`);
          for (const e of r.examples) console.log(`         ${JSON.stringify(e)}`);
        }
      }
      console.log(
        `${results.length} checks in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          (failed.length === 0 ? 'all hold' : `${failed.length} violated`),
      );
    }
    return failed.length === 0 ? 0 : 1;
  } catch (err) {
    console.error(`identity check could not run against ${uri}: ${(err as Error).message}`);
    return 2;
  } finally {
    await driver.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
