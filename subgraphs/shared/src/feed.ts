import { packCursor, unpackCursor } from './cursor';
import type express from 'express';
import { requireCaller, SCOPES, type SubgraphAuthOptions } from './auth';

/** An identifier as the source stores it; the identity graph normalises it. */
export interface ObservedIdentifier {
  kind: 'EMAIL' | 'PHONE' | 'LOYALTY_CARD' | 'COOKIE' | 'DEVICE';
  value: string;
  /** ISO country used to read national phone numbers. */
  region?: string | null;
}

export interface ObservedRecord {
  system: string;
  localId: string;
  identifiers: ObservedIdentifier[];
  /** When the source last changed the record (ISO-8601). */
  observedAt: string;
  /** The person's name on the record, as the source holds it: the identity graph keeps only its match key. */
  name?: string | null;
  /**
   * Attributes for probabilistic matching, as the source holds them: the
   * identity graph keeps only their normalised match keys (folded names, an
   * ISO date, a hashed street…), never these values.
   */
  match?: MatchAttributes | null;
}

/** What a source may give the identity graph's probabilistic matcher about a record's person. */
export interface MatchAttributes {
  givenName?: string | null;
  familyName?: string | null;
  /** When the source holds one name field only. */
  fullName?: string | null;
  /** A date of birth in any usual spelling (ISO, DD/MM/YYYY, …). */
  dateOfBirth?: string | null;
  street?: string | null;
  city?: string | null;
  postcode?: string | null;
  /** ISO 3166-1 alpha-2, or a country name. */
  country?: string | null;
  /**
   * Identifiers of the person by kind, beyond the graph's own kinds: the
   * built-in national_id, customer_number, passport, tax_id, or any kind the
   * source names (lower-case letters, digits and _, e.g. member_no). Compared
   * exactly after normalising case, spaces and punctuation, as the batch
   * matcher's `identifier` type; the graph keeps only a hash of each.
   */
  identifiers?: Record<string, string | null | undefined> | null;
}

/** One page of a source's observation feed, oldest change first. */
export interface ObservationFeedPage {
  records: ObservedRecord[];
  /** Watermark to pass as `after` for the next page; null when the source is empty. */
  nextCursor: string | null;
  hasMore: boolean;
}

/** The watermark of a feed: the last record's change time and id, opaque to the consumer. */
export interface FeedPosition {
  updatedAt: string;
  localId: string;
}

export const encodeCursor = (p: FeedPosition) => packCursor([p.updatedAt, p.localId]);

export function decodeCursor(cursor: string): FeedPosition {
  const parsed = unpackCursor(cursor);
  if (!parsed || typeof parsed[0] !== 'string' || typeof parsed[1] !== 'string') {
    throw new Error('not a feed cursor');
  }
  return { updatedAt: parsed[0], localId: parsed[1] };
}

/**
 * Serves `GET /observations?after=CURSOR&limit=N`: a source's records changed
 * after the watermark, in (updatedAt, localId) order. Every source subgraph
 * exposes its feed through this one route so that the identity subgraph reads
 * them all the same way.
 *
 * The feed hands out every record's identifiers: like `/graphql` it trusts
 * only the signed caller headers (401 without them in production) and needs
 * the `feed:read` scope (403), which the identity subgraph's consumer signs.
 */
export function observationFeedRoute(
  app: express.Express,
  read: (
    after: FeedPosition | null,
    limit: number,
  ) => Promise<{ records: ObservedRecord[]; positions: FeedPosition[] }>,
  auth: () => SubgraphAuthOptions,
): void {
  app.get('/observations', requireCaller(auth, SCOPES.feedRead), async (req, res) => {
    // Identifiers of every customer: never kept by a proxy.
    res.setHeader('Cache-Control', 'no-store');
    const limit = Number(req.query.limit ?? 500);
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
      res
        .status(400)
        .json({ error: `limit: expected an integer from 1 to 10000, received "${String(req.query.limit)}"` });
      return;
    }
    let after: FeedPosition | null = null;
    if (typeof req.query.after === 'string' && req.query.after !== '') {
      try {
        after = decodeCursor(req.query.after);
      } catch {
        res
          .status(400)
          .json({ error: `after: expected a cursor returned by this feed, received "${req.query.after}"` });
        return;
      }
    }
    try {
      const { records, positions } = await read(after, limit);
      const last = positions[positions.length - 1];
      const page: ObservationFeedPage = {
        records,
        nextCursor: last ? encodeCursor(last) : req.query.after ? String(req.query.after) : null,
        hasMore: records.length === limit,
      };
      res.json(page);
    } catch (err) {
      res.status(503).json({ error: `source unavailable: ${(err as Error).message}` });
    }
  });
}
