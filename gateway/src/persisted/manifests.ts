/**
 * Trusted documents: the operations client apps registered in the repo, as
 * manifests written by GraphQL Code Generator's client preset
 * (`persistedDocuments`, SHA-256): `<dir>/<app>/__generated__/persisted-documents.json`,
 * an object of `"<hash>": "<document text>"`, where the hash is the hex
 * SHA-256 of the text, bare (client preset 4.x, Relay, Apollo's generator) or
 * prefixed `sha256:` (client preset 5+). Both spellings name the same document.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import { parse } from 'graphql';

export const MANIFEST_FILE = path.join('__generated__', 'persisted-documents.json');
export const DEFAULT_PERSISTED_DOCUMENTS_DIR = path.join(__dirname, '..', '..', '..', 'clients');

export interface Manifest {
  /** The app's folder name, e.g. `partner-app`: what a client's `manifest` names. */
  name: string;
  file: string;
  /** Hash → document. */
  documents: ReadonlyMap<string, string>;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * The bare lower-case hex SHA-256 a client names a document by, in any
 * spelling clients emit: `sha256:<hex>` (GraphQL-over-HTTP's `documentId`,
 * client preset 5+ hashes, which Apollo Client's and urql's persisted-query
 * integrations then send in `extensions.persistedQuery.sha256Hash`) or bare
 * `<hex>` (APQ, older presets); `undefined` for anything else (another
 * algorithm, a custom id, a malformed value).
 */
export function parseDocumentHash(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const hex = value.slice(0, 7).toLowerCase() === 'sha256:' ? value.slice(7) : value;
  return HEX_SHA256.test(hex) ? hex.toLowerCase() : undefined;
}

/**
 * The text as GraphQL Code Generator's client preset hashes it (fields and
 * arguments sorted, one line: `printExecutableGraphQLDocument`), so that a
 * client sending the full text of a registered document in another layout
 * (graphql-request and Apollo Client print the AST, multi-line) is
 * recognised; `undefined` when the text does not parse.
 */
export function normalizedText(text: string): string | undefined {
  try {
    return printExecutableGraphQLDocument(parse(text, { noLocation: true }));
  } catch {
    return undefined;
  }
}

/** Raised for a manifest that cannot be trusted; names the file and every bad entry. */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid persisted-documents manifest ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}

/** Reads one manifest; every hash must be the SHA-256 of its document, so that what runs is what was registered. */
export function readManifest(name: string, file: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ManifestError(file, [(err as Error).message]);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ManifestError(file, ['expected an object of "<sha256>": "<document>"']);
  }
  const problems: string[] = [];
  const documents = new Map<string, string>();
  for (const [key, document] of Object.entries(json)) {
    const hash = parseDocumentHash(key);
    if (typeof document !== 'string') problems.push(`${key}: expected the document text, received ${typeof document}`);
    else if (hash === undefined) {
      problems.push(
        `${key}: expected a SHA-256 hash, "<64 hex>" or "sha256:<64 hex>" (codegen's hashAlgorithm must be sha256)`,
      );
    } else if (sha256Hex(document) !== hash) {
      problems.push(`${key}: is not the SHA-256 of its document (codegen's hashAlgorithm must be sha256)`);
    } else documents.set(hash, document);
  }
  if (problems.length > 0) throw new ManifestError(file, problems);
  return { name, file, documents };
}

/** Every manifest under `dir`, by app name. */
export function loadManifests(dir: string): Map<string, Manifest> {
  const manifests = new Map<string, Manifest>();
  if (!existsSync(dir)) return manifests;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = path.join(dir, entry.name, MANIFEST_FILE);
    if (existsSync(file)) manifests.set(entry.name, readManifest(entry.name, file));
  }
  return manifests;
}

/** The manifests in force; `replace` swaps them all at once (a reload). */
export class ManifestStore {
  private manifests: ReadonlyMap<string, Manifest>;
  /** Any manifest's document by hash, for clients that are not persisted-only. */
  private all: ReadonlyMap<string, string>;

  constructor(manifests: ReadonlyMap<string, Manifest> = new Map()) {
    this.manifests = manifests;
    this.all = merge(manifests);
  }

  replace(manifests: ReadonlyMap<string, Manifest>): void {
    this.manifests = manifests;
    this.all = merge(manifests);
  }

  get(name: string): Manifest | undefined {
    return this.manifests.get(name);
  }

  names(): string[] {
    return [...this.manifests.keys()].sort();
  }

  /** The document of `hash` in manifest `name`, or in any manifest when `name` is undefined. */
  document(hash: string, name?: string): string | undefined {
    return name === undefined ? this.all.get(hash) : this.manifests.get(name)?.documents.get(hash);
  }
}

function merge(manifests: ReadonlyMap<string, Manifest>): Map<string, string> {
  const all = new Map<string, string>();
  for (const manifest of manifests.values()) for (const [hash, doc] of manifest.documents) all.set(hash, doc);
  return all;
}
