/**
 * The clients file: who may call the gateway, with which scopes and limits,
 * and the SHA-256 hashes of their API keys (never the keys).
 *
 * ```json
 * {
 *   "clients": [
 *     {
 *       "name": "partner-app",
 *       "description": "Loyalty partner: registered operations only",
 *       "scopes": ["customer:read"],
 *       "persistedOnly": true,
 *       "manifest": "partner-app",
 *       "rateLimit": { "points": 120, "durationSeconds": 60 },
 *       "keys": [{ "id": "partner-app-2025-01", "sha256": "…64 hex…" }]
 *     }
 *   ]
 * }
 * ```
 *
 * A file with `"demo": true` holds keys published in the README: the gateway
 * refuses it in production.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_CLIENTS_PATH = path.join(__dirname, '..', '..', 'clients.json');

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const SCOPE = /^[a-z][a-z0-9_-]*(:[a-z][a-z0-9_-]*)?$/;

const keySchema = z
  .object({
    /** Names the key in logs and in the clients file; never secret. */
    id: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected letters, digits, ".", "_" or "-" (at most 64)'),
    /** Hex SHA-256 of the key. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits (the SHA-256 of the key)'),
    createdAt: z.string().optional(),
    /** A revoked key stays listed (for the record) but authenticates nothing. */
    revoked: z.boolean().default(false),
  })
  .strict();

const clientSchema = z
  .object({
    name: z.string().regex(NAME, 'expected a lower-case name like "sales-app"'),
    description: z.string().optional(),
    scopes: z.array(z.string().regex(SCOPE, 'expected a scope like "customer:read"')),
    /** Only the operations of its manifest may run (trusted documents). */
    persistedOnly: z.boolean().default(false),
    /** The manifest of its operations: the folder of the app under PERSISTED_DOCUMENTS_DIR. Defaults to the client's name. */
    manifest: z.string().regex(NAME, 'expected the name of a folder under PERSISTED_DOCUMENTS_DIR').optional(),
    rateLimit: z
      .object({ points: z.number().int().positive(), durationSeconds: z.number().int().positive() })
      .strict()
      .optional(),
    keys: z.array(keySchema).default([]),
  })
  .strict();

const fileSchema = z
  .object({
    $comment: z.string().optional(),
    /** Keys published for the demo: refused in production. */
    demo: z.boolean().default(false),
    clients: z.array(clientSchema),
  })
  .strict();

export type ClientEntry = z.infer<typeof clientSchema>;

export interface RateLimit {
  points: number;
  durationSeconds: number;
}

export interface Clients {
  demo: boolean;
  byName: ReadonlyMap<string, ClientEntry>;
  /** SHA-256 (hex) of each live key → its client and key id. */
  byKeyHash: ReadonlyMap<string, { client: ClientEntry; keyId: string }>;
}

/** Raised for a clients file that cannot be used; lists every problem with its place in the file. */
export class ClientsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid clients file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ClientsFileError';
  }
}

/** Parses a clients file's JSON text; every problem is reported at once. */
export function parseClients(text: string, file = 'clients file'): Clients {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ClientsFileError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ClientsFileError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const problems: string[] = [];
  const byName = new Map<string, ClientEntry>();
  const byKeyHash = new Map<string, { client: ClientEntry; keyId: string }>();
  const keyIds = new Set<string>();
  parsed.data.clients.forEach((client, i) => {
    if (byName.has(client.name)) problems.push(`clients.${i}.name: "${client.name}" is listed twice`);
    byName.set(client.name, client);
    client.keys.forEach((key, k) => {
      if (keyIds.has(key.id)) problems.push(`clients.${i}.keys.${k}.id: key id "${key.id}" is used twice`);
      keyIds.add(key.id);
      if (byKeyHash.has(key.sha256)) problems.push(`clients.${i}.keys.${k}.sha256: the same key is listed twice`);
      if (!key.revoked) byKeyHash.set(key.sha256, { client, keyId: key.id });
    });
  });
  if (problems.length > 0) throw new ClientsFileError(file, problems);
  return { demo: parsed.data.demo, byName, byKeyHash };
}

export function loadClients(file: string): Clients {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ClientsFileError(file, [`cannot be read: ${(err as Error).message}`]);
  }
  return parseClients(text, file);
}

/** The manifest a persisted-only client runs: its own `manifest`, else its name. */
export const manifestOf = (client: ClientEntry): string => client.manifest ?? client.name;
