import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { MATCH_RULES, parseEvidence, type MatchEvidence } from './live';

/**
 * The review queue: pairs the matcher scored between the two thresholds (or
 * above the upper one with a guard tripped), as (:MatchReview {pair, id,
 * status, score, evidence}) nodes pointing at their two records. A person
 * accepts one (a SAME_AS link, rule probabilistic:reviewed, that no rule
 * undoes) or rejects it; either decision is kept, and the matcher never
 * proposes or links a decided pair again.
 */

/** LINKED: the matcher linked the pair itself since (its score rose above the upper threshold). */
export type MatchReviewStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'LINKED';

export interface MatchReview {
  id: string;
  status: MatchReviewStatus;
  left: { system: string; localId: string };
  right: { system: string; localId: string };
  leftCustomerId: string | null;
  rightCustomerId: string | null;
  evidence: MatchEvidence;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface MatchReviewPage {
  reviews: MatchReview[];
  totalCount: number;
  hasNextPage: boolean;
}

/** A page position: the last review's score and id (the queue is ordered by score, best first, then id). */
export interface ReviewPosition {
  score: number;
  id: string;
}

/**
 * Pending reviews leave the queue once their records belong to one customer
 * anyway (another link joined them since): nothing is left to decide.
 */
const QUEUE = `
  MATCH (m:MatchReview {status: $status})
  MATCH (m)-[:CONCERNS {side: 'left'}]->(a:SourceRecord), (m)-[:CONCERNS {side: 'right'}]->(b:SourceRecord)
  OPTIONAL MATCH (a)-[:BELONGS_TO]->(ac:Customer)
  OPTIONAL MATCH (b)-[:BELONGS_TO]->(bc:Customer)
  WITH m, a, b, ac, bc WHERE $status <> 'PENDING' OR ac IS NULL OR ac <> bc`;

export async function listReviews(
  tx: ManagedTransaction,
  status: MatchReviewStatus,
  first: number,
  after: ReviewPosition | null,
): Promise<MatchReviewPage> {
  const [page, count] = await Promise.all([
    tx.run(
      `${QUEUE}
       AND ($after IS NULL OR m.score < $after.score OR (m.score = $after.score AND m.id > $after.id))
       RETURN m {.*, createdAt: toString(m.createdAt), decidedAt: toString(m.decidedAt)} AS m,
              [a.system, a.localId] AS left, [b.system, b.localId] AS right, ac.id AS leftCustomerId,
              bc.id AS rightCustomerId
       ORDER BY m.score DESC, m.id LIMIT $limit`,
      { status, after, limit: neo4j.int(first + 1) },
    ),
    tx.run(`${QUEUE} RETURN count(m) AS n`, { status }),
  ]);
  const reviews = page.records.map((row) => toReview(row.toObject()));
  return {
    reviews: reviews.slice(0, first),
    totalCount: Number(count.records[0]?.get('n') ?? 0),
    hasNextPage: reviews.length > first,
  };
}

export async function reviewById(tx: ManagedTransaction, id: string): Promise<MatchReview | null> {
  const result = await tx.run(
    `MATCH (m:MatchReview {id: $id})
     MATCH (m)-[:CONCERNS {side: 'left'}]->(a:SourceRecord), (m)-[:CONCERNS {side: 'right'}]->(b:SourceRecord)
     OPTIONAL MATCH (a)-[:BELONGS_TO]->(ac:Customer)
     OPTIONAL MATCH (b)-[:BELONGS_TO]->(bc:Customer)
     RETURN m {.*, createdAt: toString(m.createdAt), decidedAt: toString(m.decidedAt)} AS m,
            [a.system, a.localId] AS left, [b.system, b.localId] AS right, ac.id AS leftCustomerId,
            bc.id AS rightCustomerId`,
    { id },
  );
  return result.records[0] ? toReview(result.records[0].toObject()) : null;
}

/** A review that does not exist, or that was decided already. */
export class ReviewDecisionError extends Error {}

/**
 * Records a person's decision on a pending review. Accepting links the two
 * records (SAME_AS, rule probabilistic:reviewed, with the score and its
 * breakdown, the actor and the reason); the caller re-resolves them.
 * Returns the keys of the two records.
 */
export async function decideReview(
  tx: ManagedTransaction,
  id: string,
  decision: 'ACCEPTED' | 'REJECTED',
  actor: { name: string; reason?: string | null },
): Promise<[[string, string], [string, string]]> {
  const review = await reviewById(tx, id);
  if (!review) throw new ReviewDecisionError(`Invalid id: no match review has id "${id}"`);
  if (review.status !== 'PENDING') {
    throw new ReviewDecisionError(
      `Invalid id: expected a PENDING match review, received review "${id}" which is ${review.status} already`,
    );
  }
  const params = {
    id,
    status: decision,
    actor: actor.name,
    reason: actor.reason ?? null,
    rule: MATCH_RULES.reviewed,
  };
  await tx.run(
    `MATCH (m:MatchReview {id: $id})
     SET m.status = $status, m.decidedAt = datetime(), m.decidedBy = $actor, m.reason = $reason`,
    params,
  );
  if (decision === 'ACCEPTED') {
    await tx.run(
      `MATCH (m:MatchReview {id: $id})-[:CONCERNS {side: 'left'}]->(a:SourceRecord),
             (m)-[:CONCERNS {side: 'right'}]->(b:SourceRecord)
       MERGE (a)-[s:SAME_AS]->(b)
       SET s.rule = $rule, s.score = m.score, s.confidence = m.probability, s.evidence = m.evidence,
           s.at = datetime(), s.actor = $actor, s.reason = $reason
       WITH b
       OPTIONAL MATCH (b)-[:BELONGS_TO]->(bc:Customer)
       CREATE (:IdentityEvent {type: 'link', at: datetime(), system: b.system, localId: b.localId,
               rule: $rule, actor: $actor, reason: $reason, customerId: bc.id})`,
      params,
    );
  }
  return [
    [review.left.system, review.left.localId],
    [review.right.system, review.right.localId],
  ];
}

function toReview(row: Record<string, unknown>): MatchReview {
  const m = row.m as Record<string, unknown>;
  const [ls, ll] = row.left as [string, string];
  const [rs, rl] = row.right as [string, string];
  const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return {
    id: String(m.id),
    status: m.status as MatchReviewStatus,
    left: { system: ls, localId: ll },
    right: { system: rs, localId: rl },
    leftCustomerId: str(row.leftCustomerId),
    rightCustomerId: str(row.rightCustomerId),
    evidence: parseEvidence(m.evidence) ?? {
      score: Number(m.score),
      probability: Number(m.probability),
      comparisons: [],
      guards: [],
    },
    createdAt: String(m.createdAt),
    decidedAt: str(m.decidedAt),
    decidedBy: str(m.decidedBy),
    reason: str(m.reason),
  };
}
