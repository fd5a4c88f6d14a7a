import { randomUUID } from 'node:crypto';

/**
 * The load a fault suite runs while it injects faults: customer pages by
 * email, a few in flight at once, in turn over
 * - known customers as they are (cached after their first page),
 * - known customers whose cached page was just dropped (`invalidate`, as after
 *   a change at a source): each reaches the CRM and the shop's subgraphs,
 * - emails nobody has asked before (never cached: each reaches the identity graph).
 * Every answer is classified as it arrives.
 */
export const CUSTOMER_PAGE = /* GraphQL */ `
  query FaultCustomerPage($email: String!) {
    customerByIdentifier(kind: EMAIL, value: $email) {
      id
      crmContacts {
        contactId
        lastName
      }
      shopAccounts {
        accountId
        email
      }
    }
  }
`;

/** The fields of the page and the subgraph that resolves each. */
export const FIELD_OWNERS: Record<string, string> = { crmContacts: 'crm', shopAccounts: 'commerce' };

/** The people whose pages the load asks as they are (the others' cache it drops first): the even ones. */
export const cachedPeople = (people: Person[]): Person[] => people.filter((_, i) => i % 2 === 0);

export interface Answer {
  phase: string;
  status: number;
  ms: number;
  requestId: string;
  known: boolean;
  /** A known customer whose cached fetches were dropped just before the request. */
  fresh: boolean;
  /** `code@subgraph-or-source:path` of each error. */
  errors: string[];
  /** Fields of the page that came back null although their owner was not the one at fault (or no answer at all). */
  lost: string[];
  /** A CRM contact's name was read (so the PII-read audit must hold the request). */
  piiRead: boolean;
}

export interface Person {
  email: string;
  contactId: string;
  accountId: string;
}

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  people: Person[];
  concurrency: number;
  /** Subgraphs or services whose own fields may be null in the current phase (the injected fault). */
  faulty: () => Set<string>;
  phase: () => string;
  /** Drops what the gateway cached of a person (before each of the load's uncached pages of known customers). */
  invalidate: (person: Person) => Promise<void>;
}

/** Runs the load until stopped; `answers` fills as they arrive. */
export function startLoad(options: LoadOptions): {
  answers: Answer[];
  /** Requests of a phase still waiting for their answer. */
  inFlight(phase: string): number;
  stop(): Promise<void>;
} {
  const answers: Answer[] = [];
  const pending = new Map<string, number>();
  let running = true;
  let turn = 0;
  const worker = async () => {
    while (running) {
      const n = turn++;
      const kind = (['cached', 'fresh', 'unknown'] as const)[n % 3]!;
      // Cached pages and freshly dropped ones over different people (even and odd): dropping a
      // person's cache must not turn the next cached page of that person into a miss.
      const person = options.people[(2 * Math.floor(n / 3) + (kind === 'fresh' ? 1 : 0)) % options.people.length]!;
      const email = kind === 'unknown' ? `nobody-${randomUUID()}@example.org` : person.email;
      const phase = options.phase();
      pending.set(phase, (pending.get(phase) ?? 0) + 1);
      try {
        const invalidated =
          kind === 'fresh'
            ? await options.invalidate(person).then(
                () => null,
                (err: Error) => err.message,
              )
            : null;
        answers.push(
          invalidated === null
            ? await ask(options, phase, email, kind === 'unknown' ? null : person, kind === 'fresh')
            : // The admin route failing is an answer not served.
              {
                phase,
                status: 0,
                ms: 0,
                requestId: '',
                known: true,
                fresh: true,
                errors: [`INVALIDATE_FAILED@gateway:${invalidated}`],
                lost: ['customerByIdentifier'],
                piiRead: false,
              },
        );
      } finally {
        pending.set(phase, pending.get(phase)! - 1);
      }
    }
  };
  const workers = Array.from({ length: options.concurrency }, worker);
  return {
    answers,
    inFlight: (phase) => pending.get(phase) ?? 0,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}

async function ask(
  options: LoadOptions,
  phase: string,
  email: string,
  person: Person | null,
  fresh: boolean,
): Promise<Answer> {
  const faulty = options.faulty();
  const requestId = `fault-${randomUUID()}`;
  const started = performance.now();
  let status = 0;
  let body: { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] } = {};
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...options.headers },
      body: JSON.stringify({ query: CUSTOMER_PAGE, variables: { email } }),
      signal: AbortSignal.timeout(30_000),
    });
    status = response.status;
    body = (await response.json()) as typeof body;
  } catch (err) {
    body = { errors: [{ message: (err as Error).message, extensions: { code: 'NO_ANSWER' } }] };
  }
  const ms = performance.now() - started;
  const errors = (body.errors ?? []).map(
    (e) =>
      `${e.extensions?.code}@${e.extensions?.subgraph ?? e.extensions?.serviceName ?? e.extensions?.source ?? '?'}:${(e.path ?? []).join('.')}`,
  );
  const customer = body.data?.customerByIdentifier;
  const lost: string[] = [];
  let piiRead = false;
  if (person) {
    if (!customer) {
      if (!faulty.has('identity')) lost.push('customerByIdentifier');
    } else {
      for (const [field, owner] of Object.entries(FIELD_OWNERS)) {
        if (customer[field] == null && !faulty.has(owner)) lost.push(field);
      }
      piiRead =
        Array.isArray(customer.crmContacts) && customer.crmContacts.some((c: { lastName?: string }) => c.lastName);
    }
  } else if (customer !== null && !(customer === undefined && faulty.has('identity'))) {
    lost.push('customerByIdentifier (expected null for an unknown email)');
  }
  return { phase, status, ms, requestId, known: person !== null, fresh, errors, lost, piiRead };
}

export { freePort } from '@c360/test-setup/ports';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling; throws with `what` after `timeoutMs`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}
