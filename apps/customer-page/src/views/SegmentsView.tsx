import { useEffect, useMemo, useRef, useState } from 'react';
import type { GraphQLErrorShape, GraphQLResult } from '../api';
import type { SegmentExportPageQuery } from '../gql/graphql';
import { DefineSegment, SegmentExportPage, SegmentList, SegmentPreview, UpdateSegment } from '../operations';
import { useQuery, useRun } from '../session';
import { Panel } from '../ui';

/**
 * Segments for marketers: pick or start a segment, edit its rule in the rule
 * language (JSON, docs/segments.md) and see, as you type, how many customers
 * it selects now and a sample of them (Query.segmentPreview, which validates
 * the rule like defineSegment). Save is defineSegment or updateSegment (a new
 * version). Export pages through Segment.members as the audience export does
 * (`customerId[,channel]` CSV, consent applied when a channel is chosen),
 * with progress, and offers the file for download.
 */

const NEW_RULE = {
  all: [
    { field: 'kpi.orderCount', op: 'gte', value: 1 },
    { field: 'contactable.EMAIL', op: 'eq', value: true },
  ],
};
/** Preview after the marketer stops typing for this long. */
const PREVIEW_DELAY_MS = 500;
/** Members per export request (Segment.members' most): each page is one bulk evaluation in the profile subgraph. */
const EXPORT_PAGE = 1000;
const CHANNELS = ['', 'EMAIL', 'SMS', 'PHONE', 'POST'] as const;

const pretty = (rule: unknown) => JSON.stringify(rule, null, 2);
const csv = (value: string | null | undefined) =>
  value === null || value === undefined ? '' : /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** What a refused rule says, with its place in the rule (BAD_USER_INPUT's field, e.g. rule.all.1.value). */
function ruleError(errors: GraphQLErrorShape[], failure?: string): string | null {
  if (failure) return failure;
  const error = errors[0];
  if (!error) return null;
  return error.message;
}

/** The preview of one rule text (`of`): a stale answer is never shown for a newer text. */
type Preview = { of: string } & (
  | { state: 'counting' }
  | { state: 'invalid'; message: string }
  | { state: 'ready'; size: number; members: { id: string; name: string | null }[] }
);

type Exporting =
  | { state: 'idle' }
  | { state: 'running'; done: number; total: number | null }
  | { state: 'done'; rows: number; url: string; file: string }
  | { state: 'failed'; message: string };

export function SegmentsView() {
  const run = useRun();
  const list = useQuery(SegmentList, {}, []);
  const segments = list.result?.data?.segments ?? [];
  const fields = list.result?.data?.segmentFields ?? [];
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [ruleText, setRuleText] = useState(pretty(NEW_RULE));
  const [preview, setPreview] = useState<Preview>({ of: '', state: 'counting' });
  const [saved, setSaved] = useState<{ ok: boolean; message: string; rule?: string } | null>(null);
  const [channel, setChannel] = useState<(typeof CHANNELS)[number]>('');
  const [exporting, setExporting] = useState<Exporting>({ state: 'idle' });
  const generation = useRef(0);

  const open = (segmentName: string | null) => {
    const segment = segments.find((s) => s.name === segmentName);
    setSelected(segment ? segment.name : null);
    setName(segment?.name ?? '');
    setDescription(segment?.description ?? '');
    setRuleText(pretty(segment?.rule ?? NEW_RULE));
    setSaved(null);
    setExporting({ state: 'idle' });
  };

  // Live preview: the rule as typed, once typing pauses; a stale answer never overwrites a newer one.
  useEffect(() => {
    let rule: unknown;
    try {
      rule = JSON.parse(ruleText);
    } catch (err) {
      setPreview({ of: ruleText, state: 'invalid', message: `Not JSON yet: ${(err as Error).message}` });
      return;
    }
    const mine = ++generation.current;
    setPreview({ of: ruleText, state: 'counting' });
    const timer = setTimeout(() => {
      void run(SegmentPreview, { rule, sample: 10 }).then((res) => {
        if (mine !== generation.current) return;
        const answer = res.data?.segmentPreview;
        if (!answer) {
          setPreview({ of: ruleText, state: 'invalid', message: ruleError(res.errors, res.failure) ?? 'No answer' });
          return;
        }
        setPreview({
          of: ruleText,
          state: 'ready',
          size: answer.size,
          members: answer.members.map((m) => ({ id: m.id, name: m.profile?.name?.value ?? null })),
        });
      });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ruleText, run]);

  const save = async () => {
    let rule: unknown;
    try {
      rule = JSON.parse(ruleText);
    } catch (err) {
      setSaved({ ok: false, message: `The rule is not JSON: ${(err as Error).message}` });
      return;
    }
    const res = selected
      ? await run(UpdateSegment, { name: selected, description: description || null, rule })
      : await run(DefineSegment, { name: name.trim(), description: description || null, rule });
    const segment = res.data && ('updateSegment' in res.data ? res.data.updateSegment : res.data.defineSegment);
    if (!segment) {
      setSaved({ ok: false, message: ruleError(res.errors, res.failure) ?? 'Not saved' });
      return;
    }
    setSaved({ ok: true, message: `Saved ${segment.name}, version ${segment.version}`, rule: ruleText });
    setSelected(segment.name);
    list.reload();
  };

  const exportCsv = async () => {
    if (!selected) return;
    // The total for the progress bar: the preview's size when it is of the rule just saved (no second
    // evaluation of the whole base), else Segment.size with the first page.
    let total: number | null =
      preview.state === 'ready' && saved?.ok && saved.rule === preview.of && !channel ? preview.size : null;
    setExporting({ state: 'running', done: 0, total });
    const lines = [channel ? `customerId,${channel.toLowerCase()}` : 'customerId'];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResult<SegmentExportPageQuery> = await run(SegmentExportPage, {
        name: selected,
        first: EXPORT_PAGE,
        after,
        channel: channel || null,
        withSize: total === null,
      });
      const segment = res.data?.segment;
      if (!segment) {
        setExporting({ state: 'failed', message: ruleError(res.errors, res.failure) ?? 'The segment is gone' });
        return;
      }
      if (total === null) total = segment.size ?? null;
      for (const edge of segment.members.edges) {
        lines.push(channel ? `${csv(edge.node.id)},${csv(edge.contact)}` : csv(edge.node.id));
      }
      setExporting({ state: 'running', done: lines.length - 1, total });
      if (!segment.members.pageInfo.hasNextPage || !segment.members.pageInfo.endCursor) break;
      after = segment.members.pageInfo.endCursor;
    }
    const url = URL.createObjectURL(new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' }));
    setExporting({
      state: 'done',
      rows: lines.length - 1,
      url,
      file: `${selected}${channel ? `-${channel.toLowerCase()}` : ''}.csv`,
    });
  };

  const editing = useMemo(() => segments.find((s) => s.name === selected) ?? null, [segments, selected]);

  return (
    <div className="segments">
      <h1>Segments</h1>
      <div className="segments-grid">
        <Panel
          id="segment-list"
          title="Segments in force"
          source="profile"
          status={
            list.loading
              ? { kind: 'loading' }
              : !list.result.data
                ? { kind: 'unavailable', message: ruleError(list.result.errors, list.result.failure) ?? '' }
                : { kind: 'ready' }
          }
        >
          <ul className="segment-list">
            <li>
              <button type="button" className={selected === null ? 'current' : ''} onClick={() => open(null)}>
                + New segment
              </button>
            </li>
            {segments.map((s) => (
              <li key={s.name}>
                <button
                  type="button"
                  className={selected === s.name ? 'current' : ''}
                  aria-current={selected === s.name ? 'true' : undefined}
                  onClick={() => open(s.name)}
                >
                  {s.name} <span className="muted">v{s.version}</span>
                </button>
              </li>
            ))}
          </ul>
        </Panel>

        <section className="panel wide" aria-labelledby="editor-title" data-panel="segment-editor">
          <h2 id="editor-title">{editing ? `Edit ${editing.name}` : 'New segment'}</h2>
          {editing && (
            <p className="muted">
              Version {editing.version}, changed by {editing.changedBy} at {editing.changedAt}
            </p>
          )}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label htmlFor="segment-name">Name</label>
            <input
              id="segment-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              disabled={selected !== null}
              placeholder="lapsed-big-spenders"
              autoComplete="off"
            />
            <label htmlFor="segment-description">Description</label>
            <input
              id="segment-description"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              autoComplete="off"
            />
            <label htmlFor="segment-rule">Rule (JSON rule language)</label>
            <textarea
              id="segment-rule"
              className="rule"
              rows={14}
              spellCheck={false}
              value={ruleText}
              onChange={(e) => setRuleText(e.target.value)}
              aria-describedby="rule-help"
            />
            <p id="rule-help" className="muted">
              A condition is <code>{'{"field", "op", "value"}'}</code>; combine with <code>all</code>, <code>any</code>{' '}
              and <code>not</code>. Fields are listed below.
            </p>
            <button type="submit" disabled={selected === null && name.trim() === ''}>
              {selected ? 'Save new version' : 'Define segment'}
            </button>
            <p aria-live="polite" data-testid="save-result" className={saved && !saved.ok ? 'error' : ''}>
              {saved?.message}
            </p>
          </form>
        </section>

        <section
          className="panel"
          aria-labelledby="preview-title"
          data-panel="segment-preview"
          data-status={preview.state}
          data-rule={preview.of}
        >
          <h2 id="preview-title">Preview</h2>
          <div aria-live="polite">
            {preview.state === 'counting' && <p className="muted">Counting…</p>}
            {preview.state === 'invalid' && (
              <p className="error" data-testid="preview-error">
                {preview.message}
              </p>
            )}
            {preview.state === 'ready' && (
              <>
                <p>
                  <strong data-testid="preview-size">{preview.size}</strong> customer
                  {preview.size === 1 ? '' : 's'} now
                </p>
                {preview.members.length > 0 && (
                  <ul className="hits" aria-label="Sample of members">
                    {preview.members.map((m) => (
                      <li key={m.id}>
                        <a href={`#/customer/${encodeURIComponent(m.id)}`}>{m.name ?? m.id}</a>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </div>
        </section>

        <section className="panel" aria-labelledby="export-title" data-panel="segment-export">
          <h2 id="export-title">Export</h2>
          {selected ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void exportCsv();
              }}
            >
              <label htmlFor="export-channel">Only contactable by</label>
              <select
                id="export-channel"
                value={channel}
                onChange={(e) => setChannel(e.target.value as (typeof CHANNELS)[number])}
              >
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {c === '' ? 'any (ids only)' : c}
                  </option>
                ))}
              </select>
              <button type="submit" disabled={exporting.state === 'running'}>
                Export CSV
              </button>
            </form>
          ) : (
            <p className="muted">Save the segment to export its members.</p>
          )}
          <div aria-live="polite" data-testid="export-status">
            {exporting.state === 'running' && (
              <>
                <progress max={exporting.total ?? undefined} value={exporting.done} aria-label="Export progress" />{' '}
                {exporting.done}
                {exporting.total !== null ? ` of ${exporting.total}` : ''} members
              </>
            )}
            {exporting.state === 'done' && (
              <p>
                {exporting.rows} members ·{' '}
                <a href={exporting.url} download={exporting.file}>
                  Download {exporting.file}
                </a>
              </p>
            )}
            {exporting.state === 'failed' && <p className="error">{exporting.message}</p>}
          </div>
        </section>

        <details className="panel wide field-reference">
          <summary>Fields rules may use ({fields.length})</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Type</th>
                <th scope="col">Meaning</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f.name}>
                  <td>
                    <code>{f.name}</code>
                  </td>
                  <td>{f.type}</td>
                  <td>{f.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </div>
    </div>
  );
}
