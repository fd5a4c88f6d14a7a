import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { regionOf } from '@c360/subgraph-support/sources/helpdesk-api';
import { TEST_DATA_DIR } from '@c360/test-setup/test-env';
import { startHelpdeskSimulator } from '../../sources/helpdesk/simulator';
import type { HelpdeskUser } from '../../sources/helpdesk/types';
import { generateDataset, normaliseEmail, normalisePhone, type Country } from '../generate';
import { addSourceTruth, type SourceSeedContext } from './contract';
import { generateSupport, loadSupport, type SupportSeed } from './support';

const ds = generateDataset({ people: 1000 });
const ctx: SourceSeedContext = { seed: ds.seed, nowMs: Date.parse(ds.now), people: ds.people };
const seed: SupportSeed = generateSupport(ctx);
const { users, tickets } = seed.data;
const endUsers = users.filter((u) => u.role === 'end-user');
const truthByUser = new Map(seed.truth.map((t) => [t.localId, t]));
const people = new Map(ds.people.map((p) => [p.id, p]));
const ticketsOf = (userIds: Set<number>) => tickets.filter((t) => userIds.has(t.requester_id));
const usersOf = (personId: string) =>
  endUsers.filter((u) => truthByUser.get(String(u.id))?.personId === personId) as HelpdeskUser[];

describe('generateSupport', () => {
  it('gives the same data for the same seed, and other data for another seed', () => {
    const again = generateSupport(ctx);
    expect(JSON.stringify(again)).toBe(JSON.stringify(seed));
    const other = generateSupport({ ...ctx, seed: ctx.seed + 1 });
    expect(JSON.stringify(other.data.users)).not.toBe(JSON.stringify(users));
  });

  it('puts about a third of the people in the help desk, and every everywhere person', () => {
    const share = seed.stats.peopleContacted / ds.people.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.42);
    const everywhere = ds.people.filter((p) => p.everywhere);
    expect(everywhere.length).toBeGreaterThan(10);
    for (const person of everywhere) {
      const own = usersOf(person.id);
      // Found by their personal email, as the e2e test queries them.
      expect(own.map((u) => u.email && normaliseEmail(u.email))).toContain(person.personalEmail);
      const theirs = ticketsOf(new Set(own.map((u) => u.id)));
      expect(theirs.length).toBeGreaterThanOrEqual(2);
      expect(theirs.some((t) => t.via.channel === 'voice')).toBe(true);
      expect(theirs.some((t) => t.satisfaction_rating.score === 'good' || t.satisfaction_rating.score === 'bad')).toBe(
        true,
      );
    }
  });

  it('is as messy as a real help desk', () => {
    const { stats } = seed;
    // People writing from a personal and a work address become two users.
    const twoEmails = [...new Set(seed.truth.map((t) => t.personId))].filter((id) => {
      const emails = new Set(usersOf(id).flatMap((u) => (u.email ? [normaliseEmail(u.email)] : [])));
      return emails.size === 2;
    });
    expect(twoEmails.length).toBeGreaterThan(5);
    expect(stats.peopleWithTwoUsers).toBeGreaterThan(twoEmails.length);
    expect(stats.phoneOnlyUsers).toBeGreaterThan(5);
    expect(stats.usersWithoutIdentifier).toBeGreaterThan(0);
    // Agents typed phones in more than one way.
    const typed = endUsers.filter((u) => u.email && u.phone).map((u) => u.phone!);
    expect(typed.some((p) => p.startsWith('+'))).toBe(true);
    expect(typed.some((p) => p.startsWith('0'))).toBe(true);
    expect(endUsers.some((u) => u.email && u.email !== normaliseEmail(u.email))).toBe(true);
    expect(stats.complaints).toBeGreaterThan(0);
    expect(tickets.filter((t) => t.tags.includes('complaint')).length).toBe(stats.complaints);
    expect(new Set(tickets.map((t) => t.via.channel))).toEqual(new Set(['email', 'web', 'chat', 'voice']));
    expect(users.filter((u) => u.role === 'agent').length).toBe(stats.agents);
  });

  it('spreads tickets over the last two years, with times and states that agree', () => {
    const metrics = new Map(seed.data.ticket_metrics.map((m) => [m.ticket_id, m]));
    const userIds = new Set(users.map((u) => u.id));
    for (const t of tickets) {
      const created = Date.parse(t.created_at);
      expect(created).toBeGreaterThanOrEqual(ctx.nowMs - 731 * 24 * 3600 * 1000);
      expect(Date.parse(t.updated_at)).toBeGreaterThanOrEqual(created);
      expect(Date.parse(t.updated_at)).toBeLessThanOrEqual(ctx.nowMs);
      expect(userIds.has(t.requester_id)).toBe(true);
      const solved = metrics.get(t.id)?.solved_at ?? null;
      expect(solved !== null).toBe(t.status === 'solved' || t.status === 'closed');
      if (t.satisfaction_rating.score !== 'unoffered') expect(solved).not.toBeNull();
    }
    expect(new Set(tickets.map((t) => t.id)).size).toBe(tickets.length);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
  });

  it('reports a truth that matches the data and holds only the people’s own identifiers', () => {
    expect(seed.truth.map((t) => t.localId).sort()).toEqual(endUsers.map((u) => String(u.id)).sort());
    for (const user of endUsers) {
      const record = truthByUser.get(String(user.id))!;
      const person = people.get(record.personId)!;
      expect(record.system).toBe('support');
      // What the identity graph will read from the feed: the phone with the region the feed gives.
      const expected = [
        ...(user.email ? [{ kind: 'EMAIL', value: normaliseEmail(user.email) }] : []),
        ...(user.phone ? [{ kind: 'PHONE', value: normalisePhone(user.phone, regionOf(user) as Country) }] : []),
      ];
      expect(record.identifiers).toEqual(expected);
      const own = [person.personalEmail, person.workEmail, person.mobile];
      for (const identifier of record.identifiers) expect(own).toContain(identifier.value);
    }
    const truth = structuredClone(ds.groundTruth);
    expect(() => addSourceTruth(truth, seed.truth)).not.toThrow();
  });
});

describe('loadSupport', () => {
  const file = `${TEST_DATA_DIR}/helpdesk/${randomUUID()}.json`;
  afterAll(() => rm(`${__dirname}/../../../${file}`, { force: true }));

  it('writes the data file the simulator serves, replacing the previous one', async () => {
    const messages: string[] = [];
    const small = generateSupport({ ...ctx, people: ctx.people.slice(0, 50) });
    await loadSupport(small.data, { file });
    const written = await loadSupport(seed.data, { file, log: (m) => messages.push(m) });
    expect(JSON.parse(await readFile(written, 'utf8'))).toEqual(seed.data);
    expect(messages).toEqual([expect.stringMatching(/^seed: support \d+ help-desk users, \d+ tickets written to /)]);

    const sim = await startHelpdeskSimulator({ token: 't', dataFile: file });
    try {
      const person = ds.people.find((p) => p.everywhere)!;
      const own = usersOf(person.id).map((u) => u.id);
      const res = await fetch(`${sim.url}/api/v2/users/show_many.json?ids=${own.join(',')}`, {
        headers: { authorization: 'Bearer t' },
      });
      const body = (await res.json()) as { users: HelpdeskUser[] };
      expect(body.users.map((u) => u.id).sort()).toEqual([...own].sort());
    } finally {
      await sim.stop();
    }
  });
});
