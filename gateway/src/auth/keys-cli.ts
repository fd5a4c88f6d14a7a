/**
 * `c360 keys create --client NAME [--clients-file FILE] [--write]`: makes a
 * new API key, prints it once, and prints the entry (id and SHA-256) to add
 * under the client's `keys` in the clients file — or adds it with `--write`.
 * The key itself is never stored anywhere.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CLIENTS_PATH, parseClients } from './clients';
import { generateApiKey, keyEntry } from './keys';

export interface KeysCliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const HELP = `Usage: c360 keys create --client NAME [--scopes LIST] [--clients-file FILE] [--write]

Makes a new API key for a client of the gateway and prints it once: give it
to the client and keep no copy. The clients file stores only its SHA-256.

Options:
  --client NAME         the client the key authenticates (its "name" in the clients file)
  --clients-file FILE   the clients file (default: CLIENTS_PATH, else ${DEFAULT_CLIENTS_PATH})
  --scopes LIST         scopes of a client that is not in the file yet (with --write it is added),
                        e.g. customer:read,pii:read
  --write               add the key's entry to the client in the clients file
                        (otherwise the entry is printed, to add by hand)
`;

class UsageError extends Error {}

export async function main(
  argv: string[],
  io: KeysCliIo = { stdout: process.stdout, stderr: process.stderr },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          client: { type: 'string' },
          'clients-file': { type: 'string' },
          scopes: { type: 'string' },
          write: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (positionals.length !== 1 || positionals[0] !== 'create') {
      throw new UsageError(`expected the command "keys create", received "keys ${positionals.join(' ')}"`);
    }
    const client = values.client;
    if (!client) throw new UsageError('expected --client NAME, the client the key is for');
    const file = values['clients-file'] ?? env.CLIENTS_PATH ?? DEFAULT_CLIENTS_PATH;

    const text = readFileSync(file, 'utf8');
    const clients = parseClients(text, file);
    const known = clients.byName.get(client);
    const scopes = values.scopes?.split(/[\s,]+/).filter(Boolean);
    if (!known && !scopes?.length) {
      throw new UsageError(
        `no client "${client}" in ${file} (it has: ${[...clients.byName.keys()].join(', ') || 'no clients'}); ` +
          `to add it, give its scopes: --scopes customer:read,pii:read --write`,
      );
    }
    if (!known && !values.write) {
      throw new UsageError(`client "${client}" is new: add --write to create it in ${file} with its key`);
    }
    if (known && scopes) {
      throw new UsageError(
        `client "${client}" exists with scopes ${known.scopes.join(' ') || '(none)'}; change scopes in ${file}, not with --scopes`,
      );
    }
    const key = generateApiKey();
    const entry = keyEntry(client, key);
    io.stdout.write(
      `API key for client "${client}" (shown once; store it in the client's secret store):\n\n  ${key}\n\n`,
    );
    if (values.write) {
      const json = JSON.parse(text) as { clients: { name: string; keys?: unknown[] }[] };
      let target = json.clients.find((c) => c.name === client);
      if (!target) {
        target = { name: client, scopes: scopes ?? [], keys: [] } as (typeof json.clients)[number];
        json.clients.push(target);
        // The new file must still be a valid clients file (scopes, names) before it is written.
        parseClients(
          JSON.stringify({ ...json, clients: json.clients.map((c) => (c === target ? { ...c, keys: [entry] } : c)) }),
          file,
        );
      }
      target.keys = [...(target.keys ?? []), entry];
      writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
      io.stdout.write(`Added key "${entry.id}" to client "${client}" in ${file}.\n`);
    } else {
      io.stdout.write(`Add this entry under "keys" of client "${client}" in ${file}:\n\n`);
      io.stdout.write(`  ${JSON.stringify(entry)}\n`);
    }
    io.stdout.write('The gateway picks up changes to the clients file without a restart.\n');
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`c360: ${err.message}\nRun "c360 keys --help" for usage.\n`);
      return 2;
    }
    io.stderr.write(`c360: ${(err as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
