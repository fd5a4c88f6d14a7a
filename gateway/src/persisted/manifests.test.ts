import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import YAML from 'yaml';
import { createLogger } from '@c360/kit/logger';
import { DEFAULT_CLIENTS_PATH, loadClients, manifestOf } from '../auth/clients';
import { watchForReload } from '../reload';
import {
  DEFAULT_PERSISTED_DOCUMENTS_DIR,
  loadManifests,
  ManifestStore,
  MANIFEST_FILE,
  parseDocumentHash,
  readManifest,
  sha256Hex,
} from './manifests';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('the trusted-documents manifests in the repo', () => {
  it('match the operations under clients/*/operations (run `npm run codegen` when this fails)', async () => {
    const config = YAML.parse(readFileSync(path.join(ROOT, 'codegen.yml'), 'utf8'));
    const generates = Object.fromEntries(
      Object.entries(config.generates as Record<string, { preset?: string }>).filter(([, v]) => v.preset === 'client'),
    );
    expect(Object.keys(generates)).toContain('clients/partner-app/__generated__/');
    const outputs = (await generate({ ...config, generates, cwd: ROOT, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    const manifests = outputs.filter((o) => o.filename.endsWith('persisted-documents.json'));
    expect(manifests.length).toBe(Object.keys(generates).length);
    for (const output of manifests) {
      const onDisk = readFileSync(path.resolve(ROOT, output.filename), 'utf8');
      expect({ file: output.filename, content: onDisk }).toEqual({ file: output.filename, content: output.content });
    }
  }, 60_000);

  it('hash every document with SHA-256, and cover every persisted-only demo client', () => {
    const manifests = loadManifests(DEFAULT_PERSISTED_DOCUMENTS_DIR);
    expect(manifests.get('partner-app')?.documents.size).toBeGreaterThan(0);
    for (const client of loadClients(DEFAULT_CLIENTS_PATH).byName.values()) {
      if (client.persistedOnly) expect(manifests.has(manifestOf(client))).toBe(true);
    }
  });
});

describe('manifests', () => {
  const doc = 'query A { a }';

  function appDir(root: string, app: string, content: unknown) {
    mkdirSync(path.join(root, app, '__generated__'), { recursive: true });
    const file = path.join(root, app, MANIFEST_FILE);
    writeFileSync(file, JSON.stringify(content));
    return file;
  }

  it('accept the hashes of every client preset: bare hex (4.x) and "sha256:<hex>" (5+), both naming the document', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'c360-manifest-'));
    const other = 'query B { b }';
    appDir(root, 'app', { [`sha256:${sha256Hex(doc)}`]: doc, [sha256Hex(other).toUpperCase()]: other });
    const store = new ManifestStore(loadManifests(root));
    expect([store.document(sha256Hex(doc), 'app'), store.document(sha256Hex(other), 'app')]).toEqual([doc, other]);
  });

  it('read a document hash in every spelling clients send, and nothing else', () => {
    const hex = sha256Hex(doc);
    expect(
      [
        hex,
        hex.toUpperCase(),
        `sha256:${hex}`,
        `SHA256:${hex}`,
        `sha256:sha256:${hex}`,
        `sha1:${hex}`,
        hex.slice(1),
        42,
      ].map(parseDocumentHash),
    ).toEqual([hex, hex, hex, hex, undefined, undefined, undefined, undefined]);
  });

  it('refuse an entry whose hash is not the SHA-256 of its document, naming it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'c360-manifest-'));
    const file = appDir(root, 'app', { [sha256Hex(doc)]: doc, ['0'.repeat(64)]: 'query B { b }' });
    expect(() => readManifest('app', file)).toThrow(
      `Invalid persisted-documents manifest ${file}:\n  - ${'0'.repeat(64)}: is not the SHA-256 of its document (codegen's hashAlgorithm must be sha256)`,
    );
  });

  it('are found per app folder; folders without one are skipped', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'c360-manifest-'));
    appDir(root, 'app', { [sha256Hex(doc)]: doc });
    mkdirSync(path.join(root, 'other'));
    const store = new ManifestStore(loadManifests(root));
    expect(store.names()).toEqual(['app']);
    expect(store.document(sha256Hex(doc), 'app')).toBe(doc);
    expect(store.document(sha256Hex(doc))).toBe(doc);
    expect(store.document(sha256Hex(doc), 'other')).toBeUndefined();
  });

  it('are reloaded when a manifest changes, and on SIGHUP', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'c360-manifest-'));
    const file = appDir(root, 'app', { [sha256Hex(doc)]: doc });
    const store = new ManifestStore(loadManifests(root));
    let reloads = 0;
    let reloaded: () => void = () => {};
    const reloader = watchForReload({
      paths: [root],
      filter: (f) => f.endsWith(MANIFEST_FILE),
      reload: () => {
        store.replace(loadManifests(root));
        reloads += 1;
        reloaded();
      },
      debounceMs: 20,
      logger: createLogger('silent'),
    });
    await reloader.ready;
    try {
      const next = () => new Promise<void>((resolve) => (reloaded = resolve));
      const added = 'query B { b }';
      let wait = next();
      writeFileSync(file, JSON.stringify({ [sha256Hex(doc)]: doc, [sha256Hex(added)]: added }));
      await wait;
      expect(store.document(sha256Hex(added), 'app')).toBe(added);

      wait = next();
      process.emit('SIGHUP', 'SIGHUP');
      await wait;
      expect(reloads).toBe(2);
    } finally {
      await reloader.close();
    }
  });
});
