import type { ReactNode } from 'react';
import type { GraphQLErrorShape } from './api';

/** A value the caller may not read: shown as existing, never hidden. */
export function Masked({ what }: { what: string }) {
  return (
    <span className="masked" title={`${what} exists; reading it needs the pii:read scope`}>
      <span aria-hidden="true">••••••</span>
      <span className="sr-only">{`${what} hidden (needs pii:read)`}</span>
    </span>
  );
}

export type PanelStatus =
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'empty'; message: string }
  | { kind: 'unavailable'; message: string };

/** One section of the page, with its own loading and "unavailable" states: never blank. */
export function Panel({
  id,
  title,
  source,
  status,
  children,
  wide,
}: {
  id: string;
  title: string;
  source: string;
  status: PanelStatus;
  children?: ReactNode;
  wide?: boolean;
}) {
  return (
    <section
      className={`panel${wide ? ' wide' : ''}`}
      aria-labelledby={`${id}-title`}
      data-panel={id}
      data-status={status.kind}
      aria-busy={status.kind === 'loading'}
    >
      <header>
        <h2 id={`${id}-title`}>{title}</h2>
        <span className="source">{source}</span>
      </header>
      {status.kind === 'loading' && <p className="muted">Loading…</p>}
      {status.kind === 'unavailable' && (
        <p className="unavailable" role="status">
          <strong>Unavailable</strong> — {status.message}
        </p>
      )}
      {status.kind === 'empty' && <p className="muted">{status.message}</p>}
      {status.kind === 'ready' && children}
    </section>
  );
}

/** "unavailable" when the request failed or the panel's field came back null with an error. */
export function statusOf(
  state: { loading: boolean; result: { data: unknown; errors: GraphQLErrorShape[]; failure?: string } | null },
  field: string,
  value: unknown,
): PanelStatus {
  if (state.loading || !state.result) return { kind: 'loading' };
  const { errors, failure } = state.result;
  if (failure) return { kind: 'unavailable', message: failure };
  const mine = errors.filter((e) => e.path?.[0] === 'customer' && e.path?.[1] === field);
  if (value === null || value === undefined) {
    const error = mine[0] ?? errors[0];
    if (error?.extensions?.code === 'FORBIDDEN') {
      // Computed from personal data this view may not read: the panel says so instead of failing.
      return {
        kind: 'unavailable',
        message: 'not available in this view: it is computed from personal data (needs pii:read)',
      };
    }
    if (error) {
      const service = error.extensions?.serviceName ?? error.extensions?.source;
      return {
        kind: 'unavailable',
        message: `${service ? `the ${String(service)} source did not answer` : error.message} (${error.extensions?.code ?? 'ERROR'})`,
      };
    }
  }
  return { kind: 'ready' };
}

export const money = (m: { amount: string; currency: string } | null | undefined) =>
  m ? new Intl.NumberFormat('en-GB', { style: 'currency', currency: m.currency }).format(Number(m.amount)) : '—';

export const date = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString('en-GB') : '—');

export const dateTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—';
