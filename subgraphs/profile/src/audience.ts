/**
 * Audience export: the members of a segment — contactable on a channel for a
 * consent purpose when one is given — streamed to CSV or NDJSON, with
 * progress, resumable after an interruption.
 *
 *   npx c360 audience export lapsed-big-spenders --channel EMAIL --format csv --out audience.csv
 *
 * It pages `segment(name) { members(first, after, channel, purpose) }`
 * through the gateway: the same bulk path as every other reader of a segment
 * (the audience engine, audience-engine.ts: the identity graph's customers a
 * page of thousands at a time, each source read once per page), so the file
 * holds exactly what `members` pages through. Erased customers are gone from
 * the identity graph and never appear; consent is checked per purpose and
 * channel by the engine.
 *
 * Resuming: after each page is written (and flushed), a checkpoint
 * (`OUT.checkpoint.json`) records the cursor, the bytes written and the
 * segment version. A second run with the same arguments truncates the file to
 * the checkpoint's length (dropping a page written but not checkpointed) and
 * continues after its cursor: no member twice, none missing. A finished
 * export deletes its checkpoint.
 */
import {
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { MARKETING_CHANNELS, type MarketingChannel } from './derive';

export const PURPOSES = ['MARKETING', 'PROFILING', 'ANALYTICS', 'THIRD_PARTY_SHARING'] as const;

export interface AudienceOptions {
  segment: string;
  /** Keep only members contactable on this channel (for `purpose`), with their golden contact point. */
  channel: MarketingChannel | null;
  /** The consent purpose the channel is checked for. @default 'MARKETING' */
  purpose?: string;
  /** Members per gateway request, 1 to 1000. @default 1000 */
  pageSize?: number;
  /** Continue after this members cursor. @default from the start */
  after?: string | null;
}

/** Sends one GraphQL operation to the gateway and returns its body, throwing on a request-level failure. */
export type GatewayCall = (query: string, variables: Record<string, unknown>) => Promise<GatewayResult>;
export interface GatewayResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface AudienceMember {
  customerId: string;
  /** The golden contact point for the channel; null without a channel. */
  contact: string | null;
}

export interface AudiencePage {
  members: AudienceMember[];
  /** Cursor after this page's last member: where a resumed export continues. */
  endCursor: string | null;
}

const MEMBERS = /* GraphQL */ `
  query AudienceMembers($name: String!, $first: Int, $after: String, $channel: String, $purpose: String) {
    segment(name: $name) {
      version
      members(first: $first, after: $after, channel: $channel, purpose: $purpose) {
        edges {
          node {
            id
          }
          contact
        }
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`;

export function parseChannel(value: string | undefined): MarketingChannel | null {
  if (value === undefined) return null;
  const channel = value.toUpperCase();
  if (!(MARKETING_CHANNELS as readonly string[]).includes(channel)) {
    throw new Error(`Invalid --channel: expected one of ${MARKETING_CHANNELS.join(', ')}, received "${value}"`);
  }
  return channel as MarketingChannel;
}

export function parsePurpose(value: string | undefined): string {
  const purpose = (value ?? 'MARKETING').toUpperCase();
  if (!(PURPOSES as readonly string[]).includes(purpose)) {
    throw new Error(`Invalid --purpose: expected one of ${PURPOSES.join(', ')}, received "${value}"`);
  }
  return purpose;
}

/** The segment's version now, or an error naming the segment when there is none. */
export async function segmentVersion(call: GatewayCall, segment: string): Promise<number> {
  const res = await call('query AudienceSegment($name: String!) { segment(name: $name) { version } }', {
    name: segment,
  });
  const found = res.data?.segment as { version: number } | null | undefined;
  if (!found) {
    if (res.errors?.length) throw new Error(`Could not read segment "${segment}": ${res.errors[0]!.message}`);
    throw new Error(`Unknown segment "${segment}": define it with the defineSegment mutation first`);
  }
  return found.version;
}

/**
 * Streams the members of a segment a page at a time, as `Segment.members`
 * pages them (with a channel: only those contactable there for the purpose).
 * Throws when the segment changes while it is read: an audience mixing two
 * versions of a rule is not one segment.
 */
export async function* audience(call: GatewayCall, options: AudienceOptions): AsyncGenerator<AudiencePage> {
  const first = options.pageSize ?? 1000;
  let after = options.after ?? null;
  let version: number | null = null;
  for (;;) {
    const res = await call(MEMBERS, {
      name: options.segment,
      first,
      after,
      channel: options.channel,
      purpose: options.channel ? (options.purpose ?? 'MARKETING') : null,
    });
    const segment = res.data?.segment as
      | {
          version: number;
          members: {
            edges: { node: { id: string }; contact: string | null }[];
            pageInfo: { endCursor: string | null; hasNextPage: boolean };
          } | null;
        }
      | null
      | undefined;
    if (res.errors?.length || !segment?.members) {
      if (segment === null)
        throw new Error(`Unknown segment "${options.segment}": define it with the defineSegment mutation first`);
      throw new Error(`Could not read the members of "${options.segment}": ${res.errors?.[0]?.message ?? 'no data'}`);
    }
    if (version !== null && segment.version !== version) {
      throw new Error(
        `Segment "${options.segment}" changed while it was exported (version ${version} → ${segment.version})`,
      );
    }
    version = segment.version;
    const { edges, pageInfo } = segment.members;
    yield {
      members: edges.map((e) => ({ customerId: e.node.id, contact: e.contact })),
      endCursor: pageInfo.endCursor ?? after,
    };
    if (!pageInfo.hasNextPage) return;
    after = pageInfo.endCursor;
  }
}

const csv = (value: string | null) =>
  value === null ? '' : /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** A GatewayCall over HTTP with an API key (x-api-key). */
export function httpGateway(url: string, apiKey: string | undefined): GatewayCall {
  return async (query, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
        ...(apiKey ? { 'x-api-key': apiKey } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => null)) as GatewayResult | null;
    if (!body) throw new Error(`The gateway answered ${response.status} without a GraphQL body`);
    if (!body.data && body.errors?.length) {
      throw new Error(`The gateway refused the export: ${body.errors.map((e) => e.message).join('; ')}`);
    }
    return body;
  };
}

export type AudienceFormat = 'csv' | 'ndjson';

/** What a checkpoint must match for an export to resume from it. */
interface Checkpoint {
  segment: string;
  version: number;
  format: AudienceFormat;
  channel: MarketingChannel | null;
  purpose: string | null;
  /** Cursor after the last member written. */
  after: string | null;
  /** Members written. */
  members: number;
  /** Length of the file when they were. */
  bytes: number;
}

export interface ExportOptions extends AudienceOptions {
  format: AudienceFormat;
  /** The file to write. */
  out: string;
  /** Ignore (and replace) a checkpoint left by an interrupted export. @default false */
  restart?: boolean;
  /** Told after each page is written. */
  onProgress?: (progress: { members: number; resumedFrom: number; elapsedMs: number }) => void;
  /** Stops the export after this many pages (tests interrupt an export with it). @default none */
  stopAfterPages?: number;
}

export interface ExportResult {
  members: number;
  /** Members already written by an interrupted export this one resumed; 0 when it started afresh. */
  resumedFrom: number;
  /** False when stopAfterPages stopped it (its checkpoint stays). */
  complete: boolean;
  version: number;
}

export const checkpointPath = (out: string) => `${out}.checkpoint.json`;

function header(format: AudienceFormat, channel: MarketingChannel | null): string {
  if (format === 'ndjson') return '';
  return channel ? `customerId,${channel.toLowerCase()}\n` : 'customerId\n';
}

function line(format: AudienceFormat, channel: MarketingChannel | null, m: AudienceMember): string {
  if (format === 'ndjson') {
    return `${JSON.stringify(channel ? { customerId: m.customerId, [channel.toLowerCase()]: m.contact } : { customerId: m.customerId })}\n`;
  }
  return channel ? `${csv(m.customerId)},${csv(m.contact)}\n` : `${csv(m.customerId)}\n`;
}

/**
 * Exports a segment to a file, resuming an interrupted export of the same
 * segment, version, format, channel and purpose from its checkpoint.
 */
export async function exportAudience(call: GatewayCall, options: ExportOptions): Promise<ExportResult> {
  const started = Date.now();
  const version = await segmentVersion(call, options.segment);
  const purpose = options.channel ? parsePurpose(options.purpose) : null;
  const wanted = { segment: options.segment, version, format: options.format, channel: options.channel, purpose };
  const cpFile = checkpointPath(options.out);
  let checkpoint: Checkpoint | null = null;
  if (!options.restart && existsSync(cpFile)) {
    const saved = JSON.parse(readFileSync(cpFile, 'utf8')) as Checkpoint;
    for (const key of Object.keys(wanted) as (keyof typeof wanted)[]) {
      if (saved[key] !== wanted[key]) {
        throw new Error(
          `${cpFile} is the checkpoint of another export (${key}: ${JSON.stringify(saved[key])}, now ${JSON.stringify(wanted[key])}): ` +
            'rerun with --restart to start this one afresh',
        );
      }
    }
    if (!existsSync(options.out) || statSync(options.out).size < saved.bytes) {
      throw new Error(`${options.out} is shorter than its checkpoint says: rerun with --restart`);
    }
    checkpoint = saved;
  }
  if (checkpoint) truncateSync(options.out, checkpoint.bytes);
  else writeFileSync(options.out, header(options.format, options.channel));
  const out = createWriteStream(options.out, { flags: 'a' });
  let bytes = checkpoint?.bytes ?? statSync(options.out).size;
  let members = checkpoint?.members ?? 0;
  const resumedFrom = members;
  const save = (after: string | null) => {
    const cp: Checkpoint = { ...wanted, after, members, bytes };
    writeFileSync(`${cpFile}.tmp`, JSON.stringify(cp));
    renameSync(`${cpFile}.tmp`, cpFile);
  };
  let pages = 0;
  let complete = true;
  try {
    save(checkpoint?.after ?? null);
    for await (const page of audience(call, {
      ...options,
      purpose: purpose ?? undefined,
      after: checkpoint?.after ?? null,
    })) {
      const text = page.members.map((m) => line(options.format, options.channel, m)).join('');
      if (text) {
        const flushed = new Promise<void>((resolve, reject) =>
          out.write(text, (err) => (err ? reject(err) : resolve())),
        );
        await flushed;
        bytes += Buffer.byteLength(text);
      }
      members += page.members.length;
      save(page.endCursor);
      options.onProgress?.({ members, resumedFrom, elapsedMs: Date.now() - started });
      if (options.stopAfterPages !== undefined && ++pages >= options.stopAfterPages) {
        complete = false;
        break;
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  if (complete) rmSync(cpFile, { force: true });
  return { members, resumedFrom, complete, version };
}

const USAGE = `usage: c360 audience export SEGMENT [--format csv|ndjson] --out FILE
                     [--channel EMAIL|SMS|PHONE|POST] [--purpose MARKETING|PROFILING|ANALYTICS|THIRD_PARTY_SHARING]
                     [--restart] [--page 1000] [--url http://127.0.0.1:4000/graphql] [--api-key KEY (or C360_API_KEY)]

Exports the members of a segment, one line per customer, as Segment.members pages them (evaluated in bulk
where the data lives; erased customers are not customers any more). With --channel, only those who may be
contacted there for --purpose (default MARKETING: consent granted, contact point known), with that contact.
Progress goes to stderr. An interrupted export resumes where it stopped when run again with the same
arguments (FILE.checkpoint.json holds its place); --restart starts afresh.

  --format F       csv (default) or ndjson
  --out FILE       the file to write
  --channel C      EMAIL, SMS, PHONE or POST: only customers contactable there, with that contact
  --purpose P      the consent purpose the channel is checked for (default MARKETING)
  --restart        ignore a checkpoint of an interrupted export
  --page N         members per gateway request, 1 to 1000 (default 1000)
  --url URL        the gateway (default http://127.0.0.1:4000/graphql)
  --api-key KEY    the client's API key (default: C360_API_KEY): customer:read, and pii:read for contacts`;

function argsOf(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      channel: { type: 'string' },
      purpose: { type: 'string' },
      restart: { type: 'boolean' },
      page: { type: 'string' },
      url: { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return { values, positionals };
}

const rate = (n: number, ms: number) => Math.round(n / Math.max(ms / 1000, 0.001));

/** `c360 audience export …`: returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: ExportOptions;
  let url: string;
  let apiKey: string | undefined;
  try {
    const { values, positionals } = argsOf(argv);
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals[0] !== 'export') throw new Error(`Unknown command "${positionals[0] ?? ''}": expected export`);
    const segment = positionals[1];
    if (!segment || positionals.length > 2) throw new Error('Expected exactly one SEGMENT after export');
    if (!values.out) throw new Error('Missing --out FILE');
    const format = (values.format ?? 'csv').toLowerCase();
    if (format !== 'csv' && format !== 'ndjson') {
      throw new Error(`Invalid --format: expected csv or ndjson, received "${values.format}"`);
    }
    const pageSize = Number(values.page ?? 1000);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      throw new Error(`Invalid --page: expected an integer from 1 to 1000, received "${values.page}"`);
    }
    const channel = parseChannel(values.channel);
    options = {
      segment,
      channel,
      purpose: parsePurpose(values.purpose),
      format,
      out: values.out,
      pageSize,
      restart: values.restart ?? false,
    };
    url = values.url ?? 'http://127.0.0.1:4000/graphql';
    apiKey = values['api-key'] ?? env.C360_API_KEY;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const tty = process.stderr.isTTY;
  let last = 0;
  try {
    const result = await exportAudience(httpGateway(url, apiKey), {
      ...options,
      onProgress: ({ members, resumedFrom, elapsedMs }) => {
        const now = Date.now();
        if (!tty && now - last < 5000) return;
        last = now;
        const resumed = resumedFrom ? ` (resumed after ${resumedFrom})` : '';
        const text = `${options.segment}: ${members} members written${resumed}, ${rate(members - resumedFrom, elapsedMs)} members/s`;
        process.stderr.write(tty ? `\r${text}` : `${text}\n`);
      },
    });
    process.stderr.write(
      `${tty ? '\n' : ''}done: ${result.members} members of ${options.segment} (version ${result.version})` +
        `${options.channel ? ` contactable by ${options.channel} for ${options.purpose}` : ''} in ${options.out}\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(
      `${tty ? '\n' : ''}${(err as Error).message}\n` +
        (existsSync(checkpointPath(options.out)) ? 'Run the same command again to resume where it stopped.\n' : ''),
    );
    return 1;
  }
}
