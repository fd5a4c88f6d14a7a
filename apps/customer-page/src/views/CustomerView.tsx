import { lazy, Suspense } from 'react';
import {
  ConsentPanel,
  GoldenProfile,
  GoldenProfileMasked,
  KpiPanel,
  OrdersPanel,
  SegmentPanel,
  StorePurchasesPanel,
  SurveysPanel,
  TicketsPanel,
  TicketsPanelMasked,
  WebSessionsPanel,
} from '../operations';
import { useQuery, useSession } from '../session';
import { date, dateTime, Masked, money, Panel, statusOf } from '../ui';

const GraphView = lazy(() => import('./GraphView'));

interface Lineage {
  system: string;
  localId: string;
  updatedAt?: string | null;
}

function lineageText(l: Lineage, decidedBy?: string) {
  return `From ${l.system} record ${l.localId}${l.updatedAt ? `, updated ${dateTime(l.updatedAt)}` : ''}${decidedBy ? ` (${decidedBy.toLowerCase().replace(/_/g, ' ')})` : ''}`;
}

/** A golden value with its lineage: shown on hover and on keyboard focus. */
function GoldenValue({
  label,
  value,
  golden,
  pii,
}: {
  label: string;
  value: string | null | undefined;
  golden: { lineage: Lineage; decidedBy: string } | null | undefined;
  pii?: boolean;
}) {
  if (!golden) {
    return (
      <div className="golden">
        <dt>{label}</dt>
        <dd className="muted">none on record</dd>
      </div>
    );
  }
  const text = lineageText(golden.lineage, golden.decidedBy);
  return (
    <div className="golden">
      <dt>{label}</dt>
      <dd>
        <span className="lineage" tabIndex={0} title={text} aria-describedby={`lineage-${label}`}>
          {pii ? value : <Masked what={label} />}
          <span className="tip" role="tooltip" id={`lineage-${label}`}>
            {text}
          </span>
        </span>{' '}
        <span className="source-badge">{golden.lineage.system}</span>
      </dd>
    </div>
  );
}

/** Systems whose records hold a person's name and address. */
const NAMED = ['crm', 'commerce', 'stores', 'support'];

/** A value the view may not read, shown as existing with where it is held. */
function MaskedValue({ label, held }: { label: string; held: string | null }) {
  return (
    <div className="golden">
      <dt>{label}</dt>
      <dd>
        {held ? (
          <>
            <Masked what={label} /> <span className="source-badge">{held}</span>
          </>
        ) : (
          <span className="muted">none on record</span>
        )}
      </dd>
    </div>
  );
}

function ProfilePanel({ id }: { id: string }) {
  const { role } = useSession();
  const full = useQuery(GoldenProfile, { id }, [id], role.pii);
  const masked = useQuery(GoldenProfileMasked, { id }, [id], !role.pii);
  const customer = role.pii ? full.result?.data?.customer : masked.result?.data?.customer;
  const p = full.result?.data?.customer?.profile;
  let status = role.pii
    ? statusOf(full, 'profile', full.result?.data?.customer === undefined ? undefined : p)
    : statusOf(masked, 'identifiers', customer === undefined ? undefined : customer);
  if (status.kind === 'ready' && (role.pii ? full : masked).result?.data && !customer)
    status = { kind: 'empty', message: 'No such customer.' };
  const address = p?.postalAddress?.value;
  const kinds = (kind: string) => {
    const n = customer?.identifiers.filter((i) => i.kind === kind).length ?? 0;
    return n ? `${n} on record` : null;
  };
  const named = [...new Set((customer?.sourceRecords ?? []).map((r) => r.system).filter((s) => NAMED.includes(s)))];
  return (
    <Panel id="profile" title="Golden profile" source="profile (survivorship)" status={status} wide>
      {role.pii && p && (
        <dl className="profile">
          <GoldenValue label="Name" value={p.name?.value} golden={p.name} pii />
          <GoldenValue label="Email" value={p.email?.value} golden={p.email} pii />
          <GoldenValue label="Phone" value={p.phone?.value} golden={p.phone} pii />
          <GoldenValue
            label="Address"
            value={
              address
                ? [address.street, `${address.postcode ?? ''} ${address.city ?? ''}`.trim(), address.country]
                    .filter(Boolean)
                    .join(', ')
                : null
            }
            golden={p.postalAddress}
            pii
          />
          <GoldenValue label="Birth date" value={p.birthDate?.value} golden={p.birthDate} pii />
          <GoldenValue label="Company" value={p.company?.value} golden={p.company} pii />
        </dl>
      )}
      {!role.pii && customer && (
        <dl className="profile">
          <MaskedValue label="Name" held={named.length ? named.join(', ') : null} />
          <MaskedValue label="Email" held={kinds('EMAIL')} />
          <MaskedValue label="Phone" held={kinds('PHONE')} />
          <MaskedValue label="Loyalty card" held={kinds('LOYALTY_CARD')} />
          <MaskedValue label="Address" held={named.length ? named.join(', ') : null} />
        </dl>
      )}
      {customer && (
        <p className="muted">
          Customer <code>{customer.id}</code> · {customer.identifiers.length} identifiers
          {customer.anonymous ? ' · anonymous visitor' : ''} · records:{' '}
          <span data-testid="records">{customer.sourceRecords.map((r) => `${r.system}:${r.localId}`).join(', ')}</span>
        </p>
      )}
    </Panel>
  );
}

const PURPOSES = ['MARKETING', 'PROFILING', 'ANALYTICS', 'THIRD_PARTY_SHARING'] as const;
const CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'POST', 'PUSH', 'WEB'] as const;
const words = (s: string) => s.toLowerCase().replace(/_/g, ' ');

function ConsentsPanel({ id }: { id: string }) {
  const state = useQuery(ConsentPanel, { id }, [id]);
  const consents = state.result?.data?.customer?.consents;
  const status = statusOf(state, 'consents', consents);
  return (
    <Panel id="consent" title="Consent by purpose and channel" source="consent register" status={status} wide>
      {consents && (
        <table className="consent">
          <thead>
            <tr>
              <th scope="col">Purpose</th>
              {CHANNELS.map((c) => (
                <th scope="col" key={c}>
                  {words(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PURPOSES.map((purpose) => (
              <tr key={purpose}>
                <th scope="row">{words(purpose)}</th>
                {CHANNELS.map((channel) => {
                  const c = consents.find((x) => x.purpose === purpose && x.channel === channel);
                  return (
                    <td
                      key={channel}
                      className={c ? (c.granted ? 'granted' : 'withdrawn') : 'never'}
                      title={
                        c ? `${c.granted ? 'Granted' : 'Withdrawn'} ${date(c.since)} via ${c.source}` : 'Never asked'
                      }
                    >
                      {c ? (c.granted ? '✓ granted' : '✗ withdrawn') : '—'}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function KpisPanel({ id }: { id: string }) {
  const state = useQuery(KpiPanel, { id }, [id]);
  const kpis = state.result?.data?.customer?.kpis;
  const status = statusOf(state, 'kpis', kpis);
  return (
    <Panel id="kpis" title="Key figures" source="profile (all purchase sources)" status={status}>
      {kpis && (
        <dl className="kpis">
          <div>
            <dt>Lifetime value</dt>
            <dd>{money(kpis.totalSpent)}</dd>
          </div>
          <div>
            <dt>Last 12 months</dt>
            <dd>{money(kpis.spentLast12Months)}</dd>
          </div>
          <div>
            <dt>Average basket</dt>
            <dd>{money(kpis.averageBasket)}</dd>
          </div>
          <div>
            <dt>Orders (online / store)</dt>
            <dd>
              {kpis.orderCount} ({kpis.onlineOrderCount} / {kpis.storePurchaseCount})
            </dd>
          </div>
          <div>
            <dt>Last purchase</dt>
            <dd>
              {date(kpis.lastPurchaseAt)}
              {kpis.daysSinceLastPurchase !== null && kpis.daysSinceLastPurchase !== undefined
                ? ` (${kpis.daysSinceLastPurchase} days)`
                : ''}
            </dd>
          </div>
          <div>
            <dt>RFM</dt>
            <dd>{[kpis.recencyScore, kpis.frequencyScore, kpis.monetaryScore].map((s) => s ?? '–').join(' · ')}</dd>
          </div>
          <div>
            <dt>Open tickets</dt>
            <dd>{kpis.openSupportTickets ?? '—'}</dd>
          </div>
          <div>
            <dt>Last NPS</dt>
            <dd>{kpis.lastNps ?? '—'}</dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}

function SegmentsPanel({ id }: { id: string }) {
  const state = useQuery(SegmentPanel, { id }, [id]);
  const segments = state.result?.data?.customer?.segments;
  const status = statusOf(state, 'segments', segments);
  return (
    <Panel id="segments" title="Live segments" source="profile (rules, evaluated now)" status={status}>
      {segments && segments.length === 0 && <p className="muted">In no segment.</p>}
      {segments && segments.length > 0 && (
        <ul className="chips">
          {segments.map((s) => (
            <li key={s.name} title={s.description ?? undefined}>
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function OrdersSection({ id }: { id: string }) {
  const state = useQuery(OrdersPanel, { id }, [id]);
  const accounts = state.result?.data?.customer?.shopAccounts;
  const status = statusOf(state, 'shopAccounts', accounts);
  const orders = (accounts ?? []).flatMap((a) => a.orders.edges.map((e) => e.node));
  const total = (accounts ?? []).reduce((n, a) => n + a.orders.totalCount, 0);
  return (
    <Panel id="orders" title="Web-shop orders" source="commerce" status={status}>
      {accounts && orders.length === 0 && <p className="muted">No orders.</p>}
      {orders.length > 0 && (
        <table>
          <caption className="muted">
            {total} order{total === 1 ? '' : 's'} on {accounts!.length} account{accounts!.length === 1 ? '' : 's'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Date</th>
              <th scope="col">Status</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {orders.map((o) => (
              <tr key={o.orderNumber}>
                <td>{o.orderNumber}</td>
                <td>{date(o.placedAt)}</td>
                <td>{words(o.status)}</td>
                <td className="num">{money(o.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function StoreSection({ id }: { id: string }) {
  const state = useQuery(StorePurchasesPanel, { id }, [id]);
  const purchases = state.result?.data?.customer?.storePurchases;
  const status = statusOf(state, 'storePurchases', purchases);
  return (
    <Panel id="stores" title="Store purchases" source="stores (till exports)" status={status}>
      {purchases && purchases.totalCount === 0 && <p className="muted">No store purchases.</p>}
      {purchases && purchases.totalCount > 0 && (
        <table>
          <caption className="muted">{purchases.totalCount} receipts</caption>
          <thead>
            <tr>
              <th scope="col">Receipt</th>
              <th scope="col">Date</th>
              <th scope="col">Store</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {purchases.edges.map(({ node }) => (
              <tr key={node.receiptNumber}>
                <td>{node.receiptNumber}</td>
                <td>{date(node.purchasedAt)}</td>
                <td>{node.store.name ?? node.store.code}</td>
                <td className="num">{money(node.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function WebSection({ id }: { id: string }) {
  const state = useQuery(WebSessionsPanel, { id }, [id]);
  const sessions = state.result?.data?.customer?.webSessions;
  const status = statusOf(state, 'webSessions', sessions);
  return (
    <Panel id="web" title="Web sessions" source="web analytics" status={status}>
      {sessions && sessions.totalCount === 0 && <p className="muted">No web activity.</p>}
      {sessions && sessions.totalCount > 0 && (
        <table>
          <caption className="muted">{sessions.totalCount} sessions</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Pages</th>
              <th scope="col">Device</th>
              <th scope="col">Campaign</th>
            </tr>
          </thead>
          <tbody>
            {sessions.edges.map(({ node }) => (
              <tr key={node.sessionId}>
                <td>{dateTime(node.startedAt)}</td>
                <td className="num">{node.pageViewCount}</td>
                <td>{[node.device.type, node.device.browser].filter(Boolean).join(' · ') || '—'}</td>
                <td>{node.utmCampaign ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function TicketsSection({ id }: { id: string }) {
  const { role } = useSession();
  const full = useQuery(TicketsPanel, { id }, [id], role.pii);
  const masked = useQuery(TicketsPanelMasked, { id }, [id], !role.pii);
  const state = role.pii ? full : masked;
  const tickets = state.result?.data?.customer?.supportTickets;
  const status = statusOf(state, 'supportTickets', tickets);
  return (
    <Panel id="tickets" title="Support tickets" source="help desk" status={status}>
      {tickets && tickets.totalCount === 0 && <p className="muted">No tickets.</p>}
      {tickets && tickets.totalCount > 0 && (
        <table>
          <caption className="muted">{tickets.totalCount} tickets</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Opened</th>
            </tr>
          </thead>
          <tbody>
            {tickets.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{'subject' in node ? ((node.subject as string | null) ?? '—') : <Masked what="Subject" />}</td>
                <td>{words(node.status)}</td>
                <td>{date(node.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function SurveysSection({ id }: { id: string }) {
  const state = useQuery(SurveysPanel, { id }, [id]);
  const customer = state.result?.data?.customer;
  const responses = customer?.surveyResponses;
  const status = statusOf(state, 'surveyResponses', responses);
  return (
    <Panel id="surveys" title="Surveys" source="survey tool" status={status}>
      {responses && (
        <>
          <p>
            NPS:{' '}
            {customer?.latestNps
              ? `${customer.latestNps.score} (${words(customer.latestNps.category)}, ${date(customer.latestNps.answeredAt)})`
              : '—'}
            {' · '}CSAT:{' '}
            {customer?.averageCsat
              ? `${customer.averageCsat.average.toFixed(1)} / 5 over ${customer.averageCsat.answerCount}`
              : '—'}
          </p>
          <p className="muted">
            {responses.totalCount} response{responses.totalCount === 1 ? '' : 's'}
            {responses.edges.length > 0 && `, last activity ${date(responses.edges[0]!.node.lastActivityAt)}`}
          </p>
        </>
      )}
    </Panel>
  );
}

export function CustomerView({ id, tab }: { id: string; tab: 'overview' | 'graph' }) {
  return (
    <div className="customer">
      <div className="title-row">
        <h1>Customer 360</h1>
        <nav aria-label="Customer views" className="tabs">
          <a href={`#/customer/${encodeURIComponent(id)}`} aria-current={tab === 'overview' ? 'page' : undefined}>
            Overview
          </a>
          <a href={`#/customer/${encodeURIComponent(id)}/graph`} aria-current={tab === 'graph' ? 'page' : undefined}>
            Identity graph
          </a>
        </nav>
      </div>
      {tab === 'graph' ? (
        <Suspense fallback={<p className="muted">Loading the graph…</p>}>
          <GraphView id={id} />
        </Suspense>
      ) : (
        <div className="grid">
          <ProfilePanel id={id} />
          <KpisPanel id={id} />
          <SegmentsPanel id={id} />
          <ConsentsPanel id={id} />
          <OrdersSection id={id} />
          <StoreSection id={id} />
          <WebSection id={id} />
          <TicketsSection id={id} />
          <SurveysSection id={id} />
        </div>
      )}
    </div>
  );
}
