import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../nav';
import type { MatchReviewQueueQuery, ReviewPairQuery } from '../gql/graphql';
import { AcceptMatch, MatchReviewQueue, RejectMatch, ReviewPair } from '../operations';
import { useQuery, useRun } from '../session';
import { dateTime, Panel, type PanelStatus } from '../ui';

type Review = MatchReviewQueueQuery['matchReviews']['reviews'][number];
type Side = ReviewPairQuery['left'];

const ROWS: { label: string; value: (c: NonNullable<Side>) => string | null | undefined }[] = [
  { label: 'Name', value: (c) => c.profile?.name?.value },
  { label: 'Email', value: (c) => c.profile?.email?.value },
  { label: 'Phone', value: (c) => c.profile?.phone?.value },
  { label: 'Birth date', value: (c) => c.profile?.birthDate?.value },
  {
    label: 'Address',
    value: (c) => {
      const a = c.profile?.postalAddress?.value;
      return a ? [a.street, a.postcode, a.city, a.country].filter(Boolean).join(', ') : null;
    },
  },
  { label: 'Records', value: (c) => c.sourceRecords.map((r) => `${r.system}:${r.localId}`).join(', ') },
];

function SideBySide({ review }: { review: Review }) {
  const pair = useQuery(ReviewPair, { left: review.leftCustomer?.id ?? '', right: review.rightCustomer?.id ?? '' }, [
    review.id,
  ]);
  if (pair.loading) return <p className="muted">Loading both customers…</p>;
  const left = pair.result?.data?.left ?? null;
  const right = pair.result?.data?.right ?? null;
  return (
    <table className="side-by-side">
      <caption>
        {review.left.system}:{review.left.localId} and {review.right.system}:{review.right.localId} — score{' '}
        {review.evidence.score.toFixed(2)} ({(review.evidence.probability * 100).toFixed(1)} %)
      </caption>
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">Left ({review.left.system})</th>
          <th scope="col">Right ({review.right.system})</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map((row) => {
          const l = left ? row.value(left) : null;
          const r = right ? row.value(right) : null;
          return (
            <tr key={row.label} className={l && r ? (l === r ? 'same' : 'differs') : undefined}>
              <th scope="row">{row.label}</th>
              <td>{l ?? '—'}</td>
              <td>{r ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const PAGE = 50;

export function ReviewView() {
  const run = useRun();
  const [reviews, setReviews] = useState<Review[]>([]);
  const [page, setPage] = useState<{ totalCount: number; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [status, setStatus] = useState<PanelStatus>({ kind: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  /** Loads the first page (after: null) or the next one, best score first. */
  const load = useCallback(
    async (after: string | null) => {
      const res = await run(MatchReviewQueue, { first: PAGE, after });
      const data = res.data?.matchReviews;
      if (!data) {
        setStatus({ kind: 'unavailable', message: res.failure ?? res.errors[0]?.message ?? 'no answer' });
        return;
      }
      setReviews((before) => (after ? [...before, ...data.reviews] : data.reviews));
      setPage({ totalCount: data.totalCount, endCursor: data.endCursor ?? null, hasNextPage: data.hasNextPage });
      setStatus({ kind: 'ready' });
    },
    [run],
  );
  useEffect(() => {
    void load(null);
  }, [load]);
  const review = reviews.find((r) => r.id === selected) ?? reviews[0] ?? null;

  const decide = async (accept: boolean) => {
    if (!review) return;
    const reason = accept ? 'same person (customer page review)' : 'different people (customer page review)';
    if (accept) {
      const res = await run(AcceptMatch, { id: review.id, reason });
      const customer = res.data?.acceptMatch.customer;
      if (customer) navigate(`customer/${encodeURIComponent(customer.id)}`);
      else setMessage(res.failure ?? res.errors[0]?.message ?? 'Accepting failed');
    } else {
      const res = await run(RejectMatch, { id: review.id, reason });
      setMessage(
        res.data
          ? 'Rejected: the pair will not be proposed again.'
          : (res.failure ?? res.errors[0]?.message ?? 'Rejecting failed'),
      );
      setSelected(null);
      void load(null);
    }
  };

  return (
    <div className="review">
      <h1>Match review</h1>
      {message && <p role="status">{message}</p>}
      <div className="review-layout">
        <Panel
          id="queue"
          title={`Queue${page ? ` (${page.totalCount} pending)` : ''}`}
          source="identity"
          status={status}
        >
          {page && reviews.length === 0 && <p className="muted">Nothing to review.</p>}
          <ul className="queue">
            {reviews.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  aria-pressed={review?.id === r.id}
                  onClick={() => setSelected(r.id)}
                  className="queue-item"
                >
                  {r.left.system}:{r.left.localId} ↔ {r.right.system}:{r.right.localId}
                  <span className="muted"> · {r.evidence.score.toFixed(1)}</span>
                </button>
              </li>
            ))}
          </ul>
          {page?.hasNextPage && (
            <button type="button" className="more" onClick={() => void load(page.endCursor)}>
              Show more ({reviews.length} of {page.totalCount})
            </button>
          )}
        </Panel>
        {review && (
          <section className="panel" aria-labelledby="pair-title" data-panel="pair">
            <header>
              <h2 id="pair-title">Are these the same person?</h2>
              <span className="source">proposed {dateTime(review.createdAt)}</span>
            </header>
            <SideBySide review={review} />
            <table>
              <caption>What the matcher compared</caption>
              <thead>
                <tr>
                  <th scope="col">Comparison</th>
                  <th scope="col">Level</th>
                  <th scope="col">Weight</th>
                </tr>
              </thead>
              <tbody>
                {review.evidence.comparisons.map((c) => (
                  <tr key={c.comparison}>
                    <td>{c.comparison}</td>
                    <td>{c.level}</td>
                    <td className="num">{c.weight.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {review.evidence.guards.length > 0 && (
              <p className="warning">Guards tripped: {review.evidence.guards.join(', ')}</p>
            )}
            <div className="actions">
              <button type="button" onClick={() => void decide(true)}>
                Accept: same person
              </button>
              <button type="button" className="danger" onClick={() => void decide(false)}>
                Reject: different people
              </button>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
