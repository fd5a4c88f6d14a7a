import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Authenticator } from './authenticate';
import { DEFAULT_CLIENTS_PATH, loadClients } from './clients';
import { main } from './keys-cli';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const read = (s: PassThrough) => (s.read() as Buffer | null)?.toString() ?? '';
  return { stdout, stderr, out: () => read(stdout), err: () => read(stderr) };
}

describe('c360 keys create', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'c360-keys-'));
  const file = path.join(dir, 'clients.json');
  copyFileSync(DEFAULT_CLIENTS_PATH, file);

  it('prints a new key once, and the entry with its SHA-256 to add under the client', async () => {
    const out = io();
    expect(await main(['create', '--client', 'partner-app', '--clients-file', file], out, {})).toBe(0);
    const text = out.out();
    const key = /\n {2}(c360_\S+)\n/.exec(text)?.[1];
    const entry = JSON.parse(/\n {2}(\{.*\})\n/.exec(text)![1]!);
    expect(key).toMatch(/^c360_[A-Za-z0-9_-]{43}$/);
    expect(entry).toEqual({
      id: expect.stringMatching(/^partner-app-\d{8}-[0-9a-f]{4}$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdAt: expect.any(String),
    });
    expect(readFileSync(file, 'utf8')).not.toContain(entry.sha256);
  });

  it('with --write adds the entry to the clients file, and the key then authenticates the client', async () => {
    const out = io();
    expect(await main(['create', '--client', 'analyst', '--write'], out, { CLIENTS_PATH: file })).toBe(0);
    const key = /\n {2}(c360_\S+)\n/.exec(out.out())![1]!;
    const auth = new Authenticator({ clients: () => loadClients(file), allowAnonymous: false });
    expect(await auth.authenticate({ 'x-api-key': key })).toMatchObject({ client: 'analyst', via: 'api-key' });
  });

  it('creates a client that is not in the file yet with --scopes and --write, and its key authenticates it', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'c360-keys-')), 'clients.json');
    copyFileSync(DEFAULT_CLIENTS_PATH, file);
    const out = io();
    const argv = ['create', '--client', 'call-centre', '--scopes', 'customer:read,pii:read', '--write'];
    expect(await main(argv, out, { CLIENTS_PATH: file })).toBe(0);
    const key = /\n {2}(c360_\S+)\n/.exec(out.out())![1]!;
    const auth = new Authenticator({ clients: () => loadClients(file), allowAnonymous: false });
    expect(await auth.authenticate({ 'x-api-key': key })).toMatchObject({
      client: 'call-centre',
      scopes: ['customer:read', 'pii:read'],
    });
    const again = io();
    expect(
      await main(['create', '--client', 'partner-app', '--scopes', 'pii:read'], again, { CLIENTS_PATH: file }),
    ).toBe(2);
    expect(again.err()).toMatch(/^c360: client "partner-app" exists with scopes customer:read; change scopes in/);
    const unwritten = io();
    expect(
      await main(['create', '--client', 'kiosk', '--scopes', 'customer:read'], unwritten, { CLIENTS_PATH: file }),
    ).toBe(2);
    expect(unwritten.err()).toMatch(/^c360: client "kiosk" is new: add --write/);
  });

  it('refuses an unknown client, naming the ones there are, and a missing --client', async () => {
    const out = io();
    expect(await main(['create', '--client', 'nobody', '--clients-file', file], out, {})).toBe(2);
    expect(out.err()).toBe(
      `c360: no client "nobody" in ${file} (it has: ${[...loadClients(file).byName.keys()].join(', ')}); ` +
        'to add it, give its scopes: --scopes customer:read,pii:read --write\n' +
        'Run "c360 keys --help" for usage.\n',
    );
    const missing = io();
    expect(await main(['create'], missing, {})).toBe(2);
    expect(missing.err()).toMatch(/^c360: expected --client NAME/);
    const wrong = io();
    expect(await main(['delete'], wrong, {})).toBe(2);
    expect(wrong.err()).toMatch(/^c360: expected the command "keys create", received "keys delete"/);
  });
});
