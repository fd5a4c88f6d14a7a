import { parseArgs } from 'node:util';
/**
 * Audience export: the members of a segment, contactable on a channel when
 * one is given, written as CSV with progress.
 *
 * Why a job through the gateway rather than a subgraph field: membership
 * needs the @requires data of every source, which only the gateway's query
 * planner assembles; a subgraph never calls the sources (or the gateway)
 * itself. So the job pages the identity graph's customer ids
 * (`Query.customerIds`) and asks the gateway for `customers(ids:)` with
 * `segments` and `contactability`, 100 at a time: membership and consent are
 * evaluated on demand, exactly as any other query sees them.
 *
 *   npx c360 audience --segment lapsed-big-spenders --channel EMAIL --output audience.csv
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { MARKETING_CHANNELS, type MarketingChannel } from './derive';

export interface AudienceOptions {
  segment: string;
  /** Keep only members contactable for marketing on this channel, with their golden contact point. */
  channel: MarketingChannel | null;
  /** Customers asked of the gateway per request. @default 100 */
  batchSize?: number;
  /** Customer ids read per page of the identity graph. @default 1000 */
  pageSize?: number;
}

/** Sends one GraphQL operation to the gateway and returns `data`, throwing on a request-level failure. */
export type GatewayCall = (query: string, variables: Record<string, unknown>) => Promise<GatewayResult>;
export interface GatewayResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface AudienceProgress {
  scanned: number;
  members: number;
  /** Customers whose membership could not be decided (a source failed for them): left out. */
  undecided: number;
}

export interface AudienceMember {
  customerId: string;
  /** The golden contact point for the channel; null without a channel. */
  contact: string | null;
}

const IDS = /* GraphQL */ `
  query AudienceCustomerIds($first: Int, $after: String) {
    customerIds(first: $first, after: $after) {
      ids
      endCursor
      hasNextPage
    }
  }
`;

const contactSelection = (channel: MarketingChannel | null) => {
  if (channel === null) return '';
  if (channel === 'EMAIL') return 'profile { email { value } }';
  if (channel === 'POST') return 'profile { postalAddress { value { street postcode city country } } }';
  return 'profile { phone { value } }';
};

const membersQuery = (channel: MarketingChannel | null) => /* GraphQL */ `
  query AudienceBatch($ids: [ID!]!) {
    customers(ids: $ids) {
      id
      segments { name }
      ${channel ? 'contactability { channel contactable reason }' : ''}
      ${contactSelection(channel)}
    }
  }
`;

interface BatchCustomer {
  id: string;
  segments?: { name: string }[] | null;
  contactability?: { channel: string; contactable: boolean }[] | null;
  profile?: {
    email?: { value: string } | null;
    phone?: { value: string } | null;
    postalAddress?: { value: Record<string, string | null> } | null;
  } | null;
}

function contactOf(customer: BatchCustomer, channel: MarketingChannel): string | null {
  const p = customer.profile;
  if (channel === 'EMAIL') return p?.email?.value ?? null;
  if (channel === 'POST') {
    const a = p?.postalAddress?.value;
    return a ? [a.street, a.postcode, a.city, a.country].filter(Boolean).join(', ') : null;
  }
  return p?.phone?.value ?? null;
}

export function parseChannel(value: string | undefined): MarketingChannel | null {
  if (value === undefined) return null;
  const channel = value.toUpperCase();
  if (!(MARKETING_CHANNELS as readonly string[]).includes(channel)) {
    throw new Error(`Invalid --channel: expected one of ${MARKETING_CHANNELS.join(', ')}, received "${value}"`);
  }
  return channel as MarketingChannel;
}

/**
 * Streams the members of a segment: pages the customer ids, evaluates each
 * batch through the gateway, and yields the members of each batch. A member
 * must be in the segment and, with a channel, contactable on it (consent
 * granted, contact point known): a customer whose consent cannot be read is
 * never exported.
 */
export async function* audience(
  call: GatewayCall,
  options: AudienceOptions,
  onProgress: (progress: AudienceProgress) => void = () => {},
): AsyncGenerator<AudienceMember[]> {
  const batchSize = options.batchSize ?? 100;
  const progress: AudienceProgress = { scanned: 0, members: 0, undecided: 0 };
  const segments = await call('query AudienceSegment($name: String!) { segment(name: $name) { name } }', {
    name: options.segment,
  });
  if (!segments.data?.segment) {
    throw new Error(`Unknown segment "${options.segment}": define it with the defineSegment mutation first`);
  }
  const query = membersQuery(options.channel);
  let after: string | null = null;
  for (;;) {
    const page = await call(IDS, { first: options.pageSize ?? 1000, after });
    const ids = page.data?.customerIds as { ids: string[]; endCursor: string | null; hasNextPage: boolean } | undefined;
    if (!ids) throw new Error(`Could not list customer ids: ${page.errors?.[0]?.message ?? 'no data'}`);
    for (let i = 0; i < ids.ids.length; i += batchSize) {
      const batch = ids.ids.slice(i, i + batchSize);
      const res = await call(query, { ids: batch });
      const customers = (res.data?.customers ?? null) as (BatchCustomer | null)[] | null;
      if (!customers) throw new Error(`Could not read customers: ${res.errors?.[0]?.message ?? 'no data'}`);
      const members: AudienceMember[] = [];
      for (const customer of customers) {
        if (!customer) continue;
        progress.scanned++;
        if (!customer.segments || (options.channel && !customer.contactability)) {
          progress.undecided++;
          continue;
        }
        if (!customer.segments.some((s) => s.name === options.segment)) continue;
        if (options.channel) {
          const channel = customer.contactability!.find((c) => c.channel === options.channel);
          if (!channel?.contactable) continue;
          members.push({ customerId: customer.id, contact: contactOf(customer, options.channel) });
        } else {
          members.push({ customerId: customer.id, contact: null });
        }
      }
      progress.members += members.length;
      onProgress({ ...progress });
      if (members.length) yield members;
    }
    if (!ids.hasNextPage) return;
    after = ids.endCursor;
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

/** The command line, parsed by Node's own parser: every option takes a value, `--help` none. */
function argsOf(argv: string[]): Record<string, string> & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      segment: { type: 'string' },
      channel: { type: 'string' },
      output: { type: 'string' },
      url: { type: 'string' },
      'api-key': { type: 'string' },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return values as Record<string, string> & { help?: boolean };
}

const USAGE = `usage: c360 audience --segment NAME [--channel EMAIL|SMS|PHONE|POST] [--output FILE.csv]
                     [--url http://127.0.0.1:4000/graphql] [--api-key KEY (or C360_API_KEY)] [--batch 100]

Exports the members of a segment through the gateway, one CSV row per customer; with --channel, only
those who consented to marketing on that channel, with their contact on it. Progress goes to stderr.

  --segment NAME   the segment (see docs/segments.md)
  --channel C      EMAIL, SMS, PHONE or POST: only customers contactable there, with that contact
  --output FILE    CSV file to write (default: standard output)
  --url URL        the gateway (default http://127.0.0.1:4000/graphql)
  --api-key KEY    the client's API key (default: C360_API_KEY); the client needs pii:read for contacts
  --batch N        customers per gateway call, 1 to 100 (default 100)`;

/** `c360 audience …`: returns the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let args: Record<string, string>;
  let channel: MarketingChannel | null;
  try {
    args = argsOf(argv);
    if ((args as { help?: boolean }).help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    channel = parseChannel(args.channel);
    if (!args.segment) throw new Error('Missing --segment');
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const batchSize = Number(args.batch ?? 100);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100) {
    process.stderr.write(`Invalid --batch: expected an integer from 1 to 100, received "${args.batch}"\n`);
    return 2;
  }
  const call = httpGateway(args.url ?? 'http://127.0.0.1:4000/graphql', args['api-key'] ?? env.C360_API_KEY);
  const out: WriteStream | NodeJS.WriteStream = args.output ? createWriteStream(args.output) : process.stdout;
  const write = (line: string) =>
    new Promise<void>((resolve) => (out.write(line) ? resolve() : out.once('drain', resolve)));
  try {
    await write(channel ? `customerId,${channel.toLowerCase()}\n` : 'customerId\n');
    let last: AudienceProgress = { scanned: 0, members: 0, undecided: 0 };
    for await (const members of audience(call, { segment: args.segment, channel, batchSize }, (p) => {
      last = p;
      process.stderr.write(`\rscanned ${p.scanned} customers, ${p.members} members, ${p.undecided} undecided`);
    })) {
      for (const m of members)
        await write(channel ? `${csv(m.customerId)},${csv(m.contact)}\n` : `${csv(m.customerId)}\n`);
    }
    process.stderr.write(
      `\ndone: ${last.members} members of ${args.segment}${channel ? ` contactable by ${channel}` : ''} among ${last.scanned} customers` +
        (last.undecided ? ` (${last.undecided} left out: a source could not be read for them)` : '') +
        '\n',
    );
    return 0;
  } catch (err) {
    process.stderr.write(`\n${(err as Error).message}\n`);
    return 1;
  } finally {
    if (out !== process.stdout) await new Promise((resolve) => (out as WriteStream).end(resolve));
  }
}
