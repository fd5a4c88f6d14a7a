/**
 * Trusted documents at the gateway, before Apollo Server sees the request:
 *
 * - a request naming a registered operation by hash — Apollo's
 *   `extensions.persistedQuery.sha256Hash` or GraphQL-over-HTTP's
 *   `documentId: "sha256:<hex>"` — without its text gets the text from the
 *   manifests (any client);
 * - a client flagged `persistedOnly` runs only the operations of its own
 *   manifest: a hash it lacks, or a document whose SHA-256 it lacks, is
 *   refused with 403 PERSISTED_QUERY_NOT_ALLOWED naming the hash — before
 *   parsing, validation or any subgraph call;
 * - other hashes go on to Apollo's automatic persisted queries (APQ).
 *
 * It works on the parsed body (POST) or the URL (GET), as Apollo Server
 * reads them, and never consults the APQ cache for a persisted-only client,
 * so that no one can register an operation on its behalf.
 */
import type express from 'express';
import type { ManifestStore } from '../persisted/manifests';
import { sha256Hex } from '../persisted/manifests';
import { recordOf, sendError } from '../request';

export interface PersistedOperationsOptions {
  /** The manifests in force (reloaded in place). */
  manifests: ManifestStore;
}

const HASH = /^[0-9a-f]{64}$/;

interface Operation {
  query?: string;
  hash?: string;
  /** Writes the document text back where Apollo Server reads it. */
  setQuery(query: string): void;
}

/** The operation of a request as Apollo Server will read it; `null` for a batch, `undefined` when there is none. */
function operationOf(req: express.Request): Operation | null | undefined {
  if (req.method === 'POST') {
    const body = req.body as unknown;
    if (Array.isArray(body)) return null;
    if (typeof body !== 'object' || body === null) return undefined;
    const b = body as Record<string, unknown>;
    return {
      query: typeof b.query === 'string' && b.query !== '' ? b.query : undefined,
      hash: hashOf(b.extensions, b.documentId),
      setQuery(query) {
        b.query = query;
        delete b.documentId;
      },
    };
  }
  if (req.method === 'GET') {
    const url = new URL(req.url, 'http://gateway');
    const params = url.searchParams;
    let extensions: unknown;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null');
    } catch {
      extensions = undefined; // Apollo Server answers the malformed parameter itself.
    }
    return {
      query: params.get('query') || undefined,
      hash: hashOf(extensions, params.get('documentId')),
      setQuery(query) {
        params.set('query', query);
        params.delete('documentId');
        req.url = `${url.pathname}?${params.toString()}`;
      },
    };
  }
  return undefined;
}

function hashOf(extensions: unknown, documentId: unknown): string | undefined {
  const apq = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  const hash = typeof apq?.sha256Hash === 'string' ? apq.sha256Hash : undefined;
  if (hash) return hash.toLowerCase();
  if (typeof documentId === 'string') {
    const id = documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId;
    if (HASH.test(id.toLowerCase())) return id.toLowerCase();
  }
  return undefined;
}

export function persistedOperationsMiddleware(options: PersistedOperationsOptions): express.RequestHandler {
  const { manifests } = options;
  return (req, res, next) => {
    const record = recordOf(res);
    const principal = record.principal!;
    const operation = operationOf(req);
    const only = principal.persistedOnly;

    if (operation === null) {
      if (!only) return next();
      return sendError(
        res,
        400,
        'PERSISTED_QUERY_NOT_ALLOWED',
        `Client "${principal.client}" may only run its registered operations, one per request: batched requests are refused`,
      );
    }
    if (!operation) return next();

    const hash = operation.hash ?? (operation.query ? sha256Hex(operation.query) : undefined);
    record.operationHash = hash;
    if (only) {
      const document = hash ? manifests.document(hash, only.manifest) : undefined;
      if (!document) {
        return sendError(
          res,
          403,
          'PERSISTED_QUERY_NOT_ALLOWED',
          hash
            ? `Client "${principal.client}" may only run the operations registered in its manifest "${only.manifest}"; ` +
                `operation sha256:${hash} is not one of them. Register it under clients/${only.manifest}/operations and run npm run codegen.`
            : `Client "${principal.client}" may only run registered operations: send the operation's hash in ` +
                'extensions.persistedQuery.sha256Hash or documentId',
          { operationHash: hash ?? null, manifest: only.manifest },
        );
      }
      // Whatever text came with the hash, the registered text is what runs.
      operation.setQuery(document);
      record.documentFrom = 'manifest';
      return next();
    }
    if (!operation.query && operation.hash) {
      const document = manifests.document(operation.hash);
      if (document) {
        operation.setQuery(document);
        record.documentFrom = 'manifest';
      }
    }
    return next();
  };
}
