import { useState } from 'react';
import type { GraphQLErrorShape } from '../api';
import type { IdentifierKind } from '../gql/graphql';
import {
  SearchBatch,
  SearchBatchMasked,
  SearchByIdentifier,
  SearchByIdentifierMasked,
  SearchByName,
  SearchBySourceRecord,
} from '../operations';
import { useRun, useSession } from '../session';
import { Masked } from '../ui';

type Kind = IdentifierKind | 'AUTO' | 'SOURCE_RECORD';

const KINDS: { value: Kind; label: string }[] = [
  { value: 'AUTO', label: 'Any identifier (detect)' },
  { value: 'EMAIL', label: 'Email' },
  { value: 'PHONE', label: 'Phone (any format)' },
  { value: 'LOYALTY_CARD', label: 'Loyalty card' },
  { value: 'COOKIE', label: 'Web cookie' },
  { value: 'DEVICE', label: 'Device id' },
  { value: 'SOURCE_RECORD', label: 'Source record (system:id)' },
];

/** What a pasted value most likely is; the kind picker overrides it. */
export function detectKind(raw: string): Exclude<Kind, 'AUTO'> {
  const value = raw.trim();
  if (value.includes('@')) return 'EMAIL';
  if (/^[a-z][a-z0-9_-]*:\S+$/.test(value)) return 'SOURCE_RECORD';
  if (/^\+?[\d\s().-]{8,20}$/.test(value) && /\d{2}/.test(value)) return 'PHONE';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value) || value.length > 24) return 'COOKIE';
  return 'LOYALTY_CARD';
}

interface Hit {
  id: string;
  name?: string | null;
  records: { system: string; localId: string }[];
}

function CustomerLink({ hit, pii }: { hit: Hit; pii: boolean }) {
  return (
    <a href={`#/customer/${encodeURIComponent(hit.id)}`} className="hit">
      <strong>{pii ? (hit.name ?? 'Anonymous visitor') : <Masked what="Name" />}</strong>
      <span className="muted">
        {' '}
        · {hit.records.length} source record{hit.records.length === 1 ? '' : 's'} (
        {[...new Set(hit.records.map((r) => r.system))].join(', ')})
      </span>
    </a>
  );
}

const messageOf = (errors: GraphQLErrorShape[], failure?: string) => failure ?? errors[0]?.message ?? null;

export function SearchView() {
  const { role } = useSession();
  const run = useRun();
  const [kind, setKind] = useState<Kind>('AUTO');
  const [value, setValue] = useState('');
  const [single, setSingle] = useState<null | {
    kind: Exclude<Kind, 'AUTO'>;
    normalized?: string | null;
    hit: Hit | null;
    error: string | null;
    busy: boolean;
  }>(null);
  const [name, setName] = useState('');
  const [postcode, setPostcode] = useState('');
  const [byName, setByName] = useState<null | { busy: boolean; error: string | null; hits: Hit[] }>(null);
  const [list, setList] = useState('');
  const [batch, setBatch] = useState<null | {
    busy: boolean;
    error: string | null;
    rows: { input: string; hit: Hit | null; error: string | null }[];
  }>(null);

  const search = async () => {
    const effective = kind === 'AUTO' ? detectKind(value) : kind;
    setSingle({ kind: effective, hit: null, error: null, busy: true });
    if (effective === 'SOURCE_RECORD') {
      const [system, ...rest] = value.trim().split(':');
      const res = await run(SearchBySourceRecord, { system: system ?? '', localId: rest.join(':') });
      const c = res.data?.customerBySourceRecord;
      setSingle({
        kind: effective,
        normalized: value.trim(),
        busy: false,
        error: messageOf(res.errors, res.failure),
        hit: c ? { id: c.id, records: c.sourceRecords } : null,
      });
      return;
    }
    if (role.pii) {
      const res = await run(SearchByIdentifier, { kind: effective, value });
      const c = res.data?.customerByIdentifier;
      setSingle({
        kind: effective,
        normalized: res.data?.normalizedIdentifier.value,
        busy: false,
        error: messageOf(res.errors, res.failure),
        hit: c ? { id: c.id, name: c.profile?.name?.value, records: c.sourceRecords } : null,
      });
    } else {
      const res = await run(SearchByIdentifierMasked, { kind: effective, value });
      const c = res.data?.customerByIdentifier;
      setSingle({
        kind: effective,
        busy: false,
        error: messageOf(res.errors, res.failure),
        hit: c ? { id: c.id, records: c.sourceRecords } : null,
      });
    }
  };

  const searchName = async () => {
    setByName({ busy: true, error: null, hits: [] });
    const res = await run(SearchByName, { name, postcode });
    setByName({
      busy: false,
      error: messageOf(res.errors, res.failure),
      hits: (res.data?.customersByName ?? []).map((c) => ({
        id: c.id,
        name: c.profile?.name?.value,
        records: c.sourceRecords,
      })),
    });
  };

  const searchMany = async () => {
    const inputs = list
      .split(/[\n;,]+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 500);
    if (inputs.length === 0) return;
    setBatch({ busy: true, error: null, rows: [] });
    const identifiers = inputs.map((input) => {
      const k = detectKind(input);
      return { kind: (k === 'SOURCE_RECORD' ? 'COOKIE' : k) as IdentifierKind, value: input };
    });
    const res = role.pii ? await run(SearchBatch, { identifiers }) : await run(SearchBatchMasked, { identifiers });
    const found = res.data?.customersByIdentifiers ?? null;
    if (!found) {
      setBatch({ busy: false, error: messageOf(res.errors, res.failure) ?? 'No answer', rows: [] });
      return;
    }
    setBatch({
      busy: false,
      error: null,
      rows: inputs.map((input, i) => {
        const c = found[i];
        const error = res.errors.find((e) => e.path?.[0] === 'customersByIdentifiers' && e.path?.[1] === i);
        return {
          input,
          error: error?.message ?? null,
          hit: c
            ? {
                id: c.id,
                name:
                  'profile' in c
                    ? (c.profile as { name?: { value?: string | null } | null } | null)?.name?.value
                    : null,
                records: c.sourceRecords,
              }
            : null,
        };
      }),
    });
  };

  return (
    <div className="search">
      <h1>Find a customer</h1>
      <form
        className="search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) void search();
        }}
      >
        <label htmlFor="kind">Search by</label>
        <select id="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </select>
        <label htmlFor="value">Identifier</label>
        <input
          id="value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="email, phone, loyalty card, cookie, crm:C-1042 …"
          autoFocus
        />
        <button type="submit">Search</button>
      </form>
      <div aria-live="polite" className="results" data-testid="single-result">
        {single?.busy && <p className="muted">Searching…</p>}
        {single && !single.busy && (
          <>
            <p className="normalized">
              Searched as <span className="kind">{single.kind.replace('_', ' ').toLowerCase()}</span>{' '}
              {single.normalized ? (
                <code data-testid="normalized">{single.normalized}</code>
              ) : (
                !single.error && <Masked what="Normalised identifier" />
              )}
            </p>
            {single.error && <p className="error">{single.error}</p>}
            {!single.error && !single.hit && <p>No customer holds this identifier.</p>}
            {single.hit && <CustomerLink hit={single.hit} pii={role.pii} />}
          </>
        )}
      </div>

      <h2>By name and postcode</h2>
      {role.pii ? (
        <>
          <form
            className="search-form"
            aria-label="Search by name and postcode"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim() && postcode.trim()) void searchName();
            }}
          >
            <label htmlFor="person-name">Name</label>
            <input
              id="person-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Marie Dupont, or a family name"
              autoComplete="off"
            />
            <label htmlFor="postcode">Postcode</label>
            <input
              id="postcode"
              value={postcode}
              onChange={(e) => setPostcode(e.target.value)}
              placeholder="75011"
              autoComplete="off"
              size={10}
            />
            <button type="submit">Find by name</button>
          </form>
          <div aria-live="polite" className="results" data-testid="name-result">
            {byName?.busy && <p className="muted">Searching…</p>}
            {byName && !byName.busy && byName.error && <p className="error">{byName.error}</p>}
            {byName && !byName.busy && !byName.error && (
              <>
                <p className="muted">
                  {byName.hits.length === 0
                    ? 'Nobody of that name at that postcode.'
                    : `${byName.hits.length} customer${byName.hits.length === 1 ? '' : 's'} of that name at that postcode`}
                </p>
                <ul className="hits">
                  {byName.hits.map((hit) => (
                    <li key={hit.id}>
                      <CustomerLink hit={hit} pii={role.pii} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </>
      ) : (
        <p className="muted" data-testid="name-search-needs-pii">
          Searching by name needs personal-data access (<code>pii:read</code>): an answer tells where a named person
          lives. Search by an identifier (loyalty card, email, phone) instead.
        </p>
      )}

      <h2>Several identifiers at once</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void searchMany();
        }}
      >
        <label htmlFor="list">Paste up to 500 identifiers, one per line</label>
        <textarea id="list" rows={5} value={list} onChange={(e) => setList(e.target.value)} />
        <button type="submit">Look them all up</button>
      </form>
      <div aria-live="polite" className="results">
        {batch?.busy && <p className="muted">Looking up…</p>}
        {batch?.error && <p className="error">{batch.error}</p>}
        {batch && batch.rows.length > 0 && (
          <table className="batch">
            <caption>
              {batch.rows.filter((r) => r.hit).length} of {batch.rows.length} identifiers found
            </caption>
            <thead>
              <tr>
                <th scope="col">Identifier</th>
                <th scope="col">Customer</th>
              </tr>
            </thead>
            <tbody>
              {batch.rows.map((row, i) => (
                <tr key={i}>
                  <td>
                    <code>{row.input}</code>
                  </td>
                  <td>
                    {row.error ? (
                      <span className="error">{row.error}</span>
                    ) : row.hit ? (
                      <CustomerLink hit={row.hit} pii={role.pii} />
                    ) : (
                      <span className="muted">not found</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
