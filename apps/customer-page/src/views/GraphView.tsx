import cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { IdentityGraph, IdentityGraphMasked, UnlinkRecord } from '../operations';
import { useQuery, useRun, useSession } from '../session';
import { dateTime, Panel, statusOf } from '../ui';

interface Link {
  from: { system: string; localId: string };
  to: { system: string; localId: string };
  rule: string;
  identifier?: { kind: string; value?: string | null } | null;
  confidence: number;
  source: string;
  at: string;
  actor?: string | null;
  reason?: string | null;
  match?: {
    score: number;
    probability: number;
    guards: string[];
    comparisons: { comparison: string; level: string; weight: number }[];
  } | null;
}

const recordId = (r: { system: string; localId: string }) => `record:${r.system}:${r.localId}`;

/** Source records and the identifiers that link them; each edge labelled with its rule or score. */
export function buildElements(records: { system: string; localId: string }[], links: Link[]) {
  const elements: cytoscape.ElementDefinition[] = records.map((r) => ({
    data: { id: recordId(r), label: `${r.system}\n${r.localId}`, kind: 'record', system: r.system, localId: r.localId },
  }));
  links.forEach((link, index) => {
    if (link.identifier) {
      // Without pii:read the value is unknown: each link gets its own identifier node, still labelled by kind.
      const key = link.identifier.value
        ? `${link.identifier.kind}:${link.identifier.value}`
        : `${link.identifier.kind}#${index}`;
      const id = `identifier:${key}`;
      if (!elements.some((e) => e.data.id === id)) {
        elements.push({
          data: { id, kind: 'identifier', label: `${link.identifier.kind}\n${link.identifier.value ?? '••••••'}` },
        });
      }
      for (const end of [link.from, link.to]) {
        const edgeId = `edge:${recordId(end)}->${id}`;
        if (!elements.some((e) => e.data.id === edgeId)) {
          elements.push({ data: { id: edgeId, source: recordId(end), target: id, label: link.rule, link: index } });
        }
      }
    } else {
      elements.push({
        data: {
          id: `edge:${index}`,
          source: recordId(link.from),
          target: recordId(link.to),
          label: link.match ? `${link.rule} · ${link.match.score.toFixed(1)}` : `${link.rule} · ${link.confidence}`,
          link: index,
          explicit: true,
        },
      });
    }
  });
  return elements;
}

export default function GraphView({ id }: { id: string }) {
  const { role } = useSession();
  const run = useRun();
  const full = useQuery(IdentityGraph, { id }, [id], role.pii);
  const masked = useQuery(IdentityGraphMasked, { id }, [id], !role.pii);
  const state = role.pii ? full : masked;
  const customer = state.result?.data?.customer;
  const container = useRef<HTMLDivElement>(null);
  const [selectedLink, setSelectedLink] = useState<number | null>(null);
  const [selectedRecord, setSelectedRecord] = useState<{ system: string; localId: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const links = useMemo(() => (customer?.identityLinks ?? []) as Link[], [customer]);

  useEffect(() => {
    if (!customer || !container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements: buildElements(customer.sourceRecords, links),
      layout: { name: 'cose', animate: false, padding: 30 },
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'text-wrap': 'wrap',
            'font-size': 11,
            'text-valign': 'center',
            color: '#111',
            width: 86,
            height: 44,
            shape: 'round-rectangle',
            'background-color': '#cfe3ff',
            'border-width': 1,
            'border-color': '#1d4ed8',
          },
        },
        {
          selector: 'node[kind = "identifier"]',
          style: { shape: 'ellipse', 'background-color': '#fde68a', 'border-color': '#92400e', width: 110 },
        },
        {
          selector: 'edge',
          style: {
            label: 'data(label)',
            'font-size': 9,
            'curve-style': 'bezier',
            width: 2,
            'line-color': '#64748b',
            'text-background-color': '#fff',
            'text-background-opacity': 1,
          },
        },
        { selector: 'edge[?explicit]', style: { 'line-color': '#7c3aed', 'line-style': 'dashed', width: 3 } },
        { selector: ':selected', style: { 'border-width': 3, 'line-color': '#dc2626', 'border-color': '#dc2626' } },
      ],
    });
    cy.on('tap', 'edge', (e) => {
      setSelectedLink(e.target.data('link') as number);
      setSelectedRecord(null);
    });
    cy.on('tap', 'node[kind = "record"]', (e) => {
      setSelectedRecord({ system: e.target.data('system'), localId: e.target.data('localId') });
      setSelectedLink(null);
    });
    return () => cy.destroy();
  }, [customer, links]);

  const status = statusOf(state, 'identityLinks', customer === undefined ? undefined : customer?.identityLinks);
  const link = selectedLink !== null ? links[selectedLink] : null;

  return (
    <div className="graph-layout">
      <Panel id="graph" title="Identity graph" source="identity (Neo4j)" status={status} wide>
        <p className="muted">
          Records (blue) and the identifiers that link them (yellow); dashed links were made by a rule or a person
          between two records. Click a link for its evidence{role.steward ? ', a record to unlink it' : ''}.
        </p>
        <div ref={container} className="cy" role="img" aria-label="Identity graph of the customer's records" />
      </Panel>
      <section className="panel" aria-labelledby="evidence-title" data-panel="evidence">
        <header>
          <h2 id="evidence-title">Evidence</h2>
        </header>
        {message && <p role="status">{message}</p>}
        {/* The same links as a list: the graph's content for keyboard and screen-reader users. */}
        {!link && !selectedRecord && (
          <ul className="link-list">
            {links.map((l, i) => (
              <li key={i}>
                <button type="button" className="link" onClick={() => setSelectedLink(i)}>
                  {l.from.system}:{l.from.localId} — {l.to.system}:{l.to.localId} ({l.rule}
                  {l.match ? `, score ${l.match.score.toFixed(1)}` : ''})
                </button>
              </li>
            ))}
            {customer?.sourceRecords.map((r) => (
              <li key={recordId(r)}>
                <button type="button" className="link" onClick={() => setSelectedRecord(r)}>
                  Record {r.system}:{r.localId}
                </button>
              </li>
            ))}
          </ul>
        )}
        {link && (
          <div data-testid="evidence">
            <p>
              <strong>{link.rule}</strong> between {link.from.system}:{link.from.localId} and {link.to.system}:
              {link.to.localId}
            </p>
            <dl className="facts">
              {link.identifier && (
                <>
                  <dt>Shared identifier</dt>
                  <dd>
                    {link.identifier.kind} {link.identifier.value ?? '••••••'}
                  </dd>
                </>
              )}
              <dt>Confidence</dt>
              <dd>{link.confidence}</dd>
              <dt>Source</dt>
              <dd>{link.source}</dd>
              <dt>When</dt>
              <dd>{dateTime(link.at)}</dd>
              {link.actor && (
                <>
                  <dt>By</dt>
                  <dd>
                    {link.actor}
                    {link.reason ? ` — ${link.reason}` : ''}
                  </dd>
                </>
              )}
            </dl>
            {link.match && (
              <table>
                <caption>
                  Score {link.match.score.toFixed(2)} (probability {(link.match.probability * 100).toFixed(1)} %)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Comparison</th>
                    <th scope="col">Level</th>
                    <th scope="col">Weight</th>
                  </tr>
                </thead>
                <tbody>
                  {link.match.comparisons.map((c) => (
                    <tr key={c.comparison}>
                      <td>{c.comparison}</td>
                      <td>{c.level}</td>
                      <td className="num">{c.weight.toFixed(2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <button type="button" onClick={() => setSelectedLink(null)}>
              Back to all links
            </button>
          </div>
        )}
        {selectedRecord && (
          <div>
            <p>
              Record{' '}
              <strong>
                {selectedRecord.system}:{selectedRecord.localId}
              </strong>
            </p>
            {role.steward ? (
              <button
                type="button"
                className="danger"
                onClick={async () => {
                  const res = await run(UnlinkRecord, {
                    system: selectedRecord.system,
                    localId: selectedRecord.localId,
                    reason: 'unlinked from the customer page',
                  });
                  if (res.data) {
                    setMessage(
                      `Unlinked: ${selectedRecord.system}:${selectedRecord.localId} is now customer ${res.data.unlinkRecord.id}.`,
                    );
                    setSelectedRecord(null);
                    full.reload();
                    masked.reload();
                  } else setMessage(res.failure ?? res.errors[0]?.message ?? 'Unlink failed');
                }}
              >
                Unlink this record
              </button>
            ) : (
              <p className="muted">Only a data steward can unlink records.</p>
            )}
            <button type="button" onClick={() => setSelectedRecord(null)}>
              Back to all links
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
