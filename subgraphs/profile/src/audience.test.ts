import { audience, parseChannel, type AudienceMember, type GatewayCall } from './audience';

/** A gateway over five customers: c1 and c3 are in the segment, c3 withdrew email, c5's sources failed. */
function fakeGateway(): { call: GatewayCall; batches: string[][] } {
  const batches: string[][] = [];
  const customers: Record<string, unknown> = {
    c1: {
      id: 'c1',
      segments: [{ name: 'vip' }],
      contactability: [{ channel: 'EMAIL', contactable: true }],
      profile: { email: { value: 'c1@x.com' } },
    },
    c2: { id: 'c2', segments: [], contactability: [{ channel: 'EMAIL', contactable: true }], profile: null },
    c3: {
      id: 'c3',
      segments: [{ name: 'vip' }],
      contactability: [{ channel: 'EMAIL', contactable: false }],
      profile: { email: { value: 'c3@x.com' } },
    },
    c4: {
      id: 'c4',
      segments: [{ name: 'vip' }],
      contactability: [{ channel: 'EMAIL', contactable: true }],
      profile: { email: { value: 'c4@x.com' } },
    },
    c5: { id: 'c5', segments: null, contactability: null, profile: null },
  };
  const ids = Object.keys(customers);
  const call: GatewayCall = async (query, variables) => {
    if (query.includes('segment(name:'))
      return { data: { segment: variables.name === 'vip' ? { name: 'vip' } : null } };
    if (query.includes('customerIds')) {
      const start = variables.after ? ids.indexOf(variables.after as string) + 1 : 0;
      const page = ids.slice(start, start + (variables.first as number));
      return {
        data: {
          customerIds: { ids: page, endCursor: page.at(-1) ?? null, hasNextPage: start + page.length < ids.length },
        },
      };
    }
    batches.push(variables.ids as string[]);
    return { data: { customers: (variables.ids as string[]).map((id) => customers[id]) } };
  };
  return { call, batches };
}

async function collect(it: AsyncGenerator<AudienceMember[]>): Promise<AudienceMember[]> {
  const out: AudienceMember[] = [];
  for await (const batch of it) out.push(...batch);
  return out;
}

describe('audience export', () => {
  it('exports the members contactable on the channel, batch by batch, with progress', async () => {
    const { call, batches } = fakeGateway();
    const progress: unknown[] = [];
    const members = await collect(
      audience(call, { segment: 'vip', channel: 'EMAIL', batchSize: 2, pageSize: 3 }, (p) => progress.push(p)),
    );
    expect(members).toEqual([
      { customerId: 'c1', contact: 'c1@x.com' },
      { customerId: 'c4', contact: 'c4@x.com' },
    ]);
    expect(batches).toEqual([['c1', 'c2'], ['c3'], ['c4', 'c5']]);
    expect(progress.at(-1)).toEqual({ scanned: 5, members: 2, undecided: 1 });
  });

  it('exports every member without a channel, and refuses an unknown segment or channel', async () => {
    const { call } = fakeGateway();
    expect((await collect(audience(call, { segment: 'vip', channel: null }))).map((m) => m.customerId)).toEqual([
      'c1',
      'c3',
      'c4',
    ]);
    await expect(collect(audience(call, { segment: 'nope', channel: null }))).rejects.toThrow(
      'Unknown segment "nope": define it with the defineSegment mutation first',
    );
    expect(() => parseChannel('fax')).toThrow(
      'Invalid --channel: expected one of EMAIL, SMS, PHONE, POST, received "fax"',
    );
    expect(parseChannel('email')).toBe('EMAIL');
  });
});
