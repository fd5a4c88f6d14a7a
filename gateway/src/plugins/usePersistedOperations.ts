/**
 * Trusted documents at the gateway, before Apollo Server sees the request:
 *
 * - a document hash is read in every form today's clients send it: Apollo's
 *   `extensions.persistedQuery.sha256Hash` (Apollo Client's and urql's
 *   persisted-query integrations, APQ or trusted documents) or
 *   GraphQL-over-HTTP's `documentId` (client preset's own fetcher, Relay),
 *   each as bare hex or `sha256:<hex>` (client preset 5+ hashes);
 * - a request naming a registered operation by hash without its text gets
 *   the text from the manifests (any client);
 * - a client flagged `persistedOnly` runs only the operations of its own
 *   manifest: a hash it lacks, or a document whose SHA-256 it lacks, is
 *   refused with PERSISTED_QUERY_NOT_ALLOWED naming the hash — before
 *   parsing, validation or any subgraph call;
 * - other hashes go on to Apollo's automatic persisted queries (APQ), written
 *   back as the bare hex Apollo Server checks the text against (a
 *   `documentId` the manifests lack becomes an APQ lookup too, so that the
 *   client gets PERSISTED_QUERY_NOT_FOUND rather than "missing query").
 *
 * It works on the parsed body (POST) or the URL (GET), as Apollo Server
 * reads them, and never consults the APQ cache for a persisted-only client,
 * so that no one can register an operation on its behalf.
 */
import type express from 'express';
import type { ManifestStore } from '../persisted/manifests';
import { normalizedText, parseDocumentHash, sha256Hex } from '../persisted/manifests';
import { recordOf, sendError } from '../request';

export interface PersistedOperationsOptions {
  /** The manifests in force (reloaded in place). */
  manifests: ManifestStore;
}

interface Operation {
  query?: string;
  /** The document's SHA-256 as bare lower-case hex, whichever form the client sent it in. */
  hash?: string;
  /**
   * Writes the document text back where Apollo Server reads it, with `apqHash` as its APQ hash (Apollo
   * checks the text against it and registers it), or without any (nothing is looked up or registered).
   */
  setQuery(query: string, apqHash?: string): void;
  /** Leaves the hash to Apollo's APQ, as the bare hex it checks texts against. */
  toApq(hash: string): void;
}

type Extensions = Record<string, unknown> & { persistedQuery?: Record<string, unknown> };

/** The extensions without `persistedQuery`: the text is given, Apollo need neither look it up nor register it. */
const withoutApq = (extensions: unknown): Extensions | undefined => {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const { persistedQuery: _, ...rest } = extensions as Extensions;
  return Object.keys(rest).length > 0 ? rest : undefined;
};

const apqExtensions = (extensions: unknown, hash: string): Extensions => {
  const given = typeof extensions === 'object' && extensions !== null ? (extensions as Extensions) : {};
  return { ...given, persistedQuery: { version: 1, ...given.persistedQuery, sha256Hash: hash } };
};

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
      setQuery(query, apqHash) {
        b.query = query;
        const extensions = apqHash ? apqExtensions(b.extensions, apqHash) : withoutApq(b.extensions);
        if (extensions) b.extensions = extensions;
        else delete b.extensions;
        delete b.documentId;
      },
      toApq(hash) {
        b.extensions = apqExtensions(b.extensions, hash);
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
      setQuery(query, apqHash) {
        params.set('query', query);
        const rest = apqHash ? apqExtensions(extensions, apqHash) : withoutApq(extensions);
        if (rest) params.set('extensions', JSON.stringify(rest));
        else params.delete('extensions');
        params.delete('documentId');
        req.url = `${url.pathname}?${params.toString()}`;
      },
      toApq(hash) {
        params.set('extensions', JSON.stringify(apqExtensions(extensions, hash)));
        params.delete('documentId');
        req.url = `${url.pathname}?${params.toString()}`;
      },
    };
  }
  return undefined;
}

/** The hash of `extensions.persistedQuery.sha256Hash`, else of `documentId`, in any spelling (parseDocumentHash). */
function hashOf(extensions: unknown, documentId: unknown): string | undefined {
  const apq = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)?.persistedQuery;
  return parseDocumentHash(apq?.sha256Hash) ?? parseDocumentHash(documentId);
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

    let hash = operation.hash ?? (operation.query ? sha256Hex(operation.query) : undefined);
    if (only) {
      let document = hash ? manifests.document(hash, only.manifest) : undefined;
      if (!document && !operation.hash && operation.query) {
        // The full text of a registered document, laid out otherwise (a client that prints its AST).
        const normalized = normalizedText(operation.query);
        const normalizedHash = normalized === undefined ? undefined : sha256Hex(normalized);
        document = normalizedHash ? manifests.document(normalizedHash, only.manifest) : undefined;
        if (document) hash = normalizedHash;
      }
      record.operationHash = hash;
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
    record.operationHash = hash;
    if (operation.hash) {
      const document = manifests.document(operation.hash);
      if (document) {
        operation.setQuery(document);
        record.documentFrom = 'manifest';
      } else if (!operation.query || sha256Hex(operation.query) === operation.hash) operation.toApq(operation.hash);
      else {
        // A hash of the normalized text (the client preset's, sent by Apollo Client's or urql's link on a
        // miss with the text they print): registered under it. Any other mismatch runs the text, unregistered.
        const normalized = normalizedText(operation.query);
        if (normalized !== undefined && sha256Hex(normalized) === operation.hash) {
          operation.setQuery(normalized, operation.hash);
        } else operation.setQuery(operation.query);
      }
    }
    return next();
  };
}
