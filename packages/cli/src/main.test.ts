/**
 * The c360 command as a user runs it (the checkout's bin, through npx's
 * path): help at every level, the same exit codes everywhere.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { SERVICE_NAMES } from '@c360/embedded/service';
import { buildProgram } from './main';

const BIN = path.join(__dirname, '..', 'bin', 'c360.js');
const c360 = (...args: string[]) =>
  promisify(execFile)(process.execPath, [BIN, ...args], { timeout: 60_000 }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({
      code: err.code,
      stdout: err.stdout,
      stderr: err.stderr,
    }),
  );

describe('c360', () => {
  it('--help lists every subcommand', async () => {
    const { code, stdout } = await c360('--help');
    expect(code).toBe(0);
    for (const command of ['start', 'gateway', 'resolve', 'audience', 'keys', 'seed', 'neo4j']) {
      expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it.each([
    ['gateway', '--supergraph <file>'],
    ['seed', '--people <n>'],
    ['keys', 'create'],
    ['start', 'Usage: c360 start'],
    ['audience', 'export SEGMENT'],
    ['resolve', '--map'],
  ])('%s --help lists its options', async (command, expected) => {
    const { code, stdout } = await c360(command, '--help');
    expect(code).toBe(0);
    expect(stdout).toContain(expected);
  });

  it('keys create --help lists --client, --scopes and --write', async () => {
    const { code, stdout } = await c360('keys', 'create', '--help');
    expect(code).toBe(0);
    expect(stdout).toEqual(expect.stringContaining('--client <name>'));
    expect(stdout).toEqual(expect.stringContaining('--scopes <list>'));
    expect(stdout).toEqual(expect.stringContaining('--write'));
  });

  it('start --only offers exactly the services the runner can start alone', async () => {
    const only = buildProgram()
      .commands.find((c) => c.name() === 'start')!
      .options.find((o) => o.long === '--only')!;
    expect([...(only.argChoices ?? [])].sort()).toEqual([...SERVICE_NAMES].sort());
  });

  it('exits 2 on a usage error, saying what was wrong', async () => {
    expect(await c360('bogus')).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'bogus'") });
    expect(await c360('seed', '--people', 'many')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('expected a positive integer, received "many"'),
    });
    expect(await c360('gateway', '--port', '99999')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('expected a port number from 0 to 65535, received "99999"'),
    });
    expect(await c360('keys', 'create')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("required option '--client <name>' not specified"),
    });
  });
});
