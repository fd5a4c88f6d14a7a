import neo4j, { Neo4jError, type Driver } from 'neo4j-driver';
import { MemoryCache } from '@c360/kit/cache';
import { createLogger } from '@c360/kit/logger';
import { IdentityGraph } from './graph';

/**
 * The graph's reads are auto-commit transactions (one Bolt message and round trip), which the driver does not
 * retry as it does a managed transaction: the graph tries a retriable failure again itself. A driver stand-in
 * fails the way the server does (a lost leader, a transient error), which a live Neo4j cannot be made to do
 * on demand; the Neo4j outage itself is neo4j-guard.test.ts's, on the real server.
 */
function flakyDriver(failures: Error[]) {
  const calls: string[] = [];
  const driver = {
    session: () => ({
      run: async (query: string) => {
        calls.push(query);
        const failure = failures.shift();
        if (failure) throw failure;
        return { records: [{ toObject: () => ({ id: 'c-1' }) }] };
      },
      close: async () => {},
    }),
  } as unknown as Driver;
  return { driver, calls };
}

const graphOver = (driver: Driver) => new IdentityGraph(driver, new MemoryCache(), createLogger('silent'));

describe('IdentityGraph reads', () => {
  it('answers after a retriable failure, trying the statement again', async () => {
    const { driver, calls } = flakyDriver([
      new Neo4jError('leader switched', neo4j.error.SESSION_EXPIRED, 'N/A', 'N/A'),
      new Neo4jError('deadlock', 'Neo.TransientError.Transaction.DeadlockDetected', 'N/A', 'N/A'),
    ]);
    await expect(graphOver(driver).customerIdBySourceRecord('crm', '1')).resolves.toBe('c-1');
    expect(calls).toHaveLength(3);
  });

  it('gives up after three tries, with the last failure', async () => {
    const lost = () => new Neo4jError('no leader', neo4j.error.SESSION_EXPIRED, 'N/A', 'N/A');
    const { driver, calls } = flakyDriver([lost(), lost(), lost(), lost()]);
    await expect(graphOver(driver).customerIdBySourceRecord('crm', '1')).rejects.toThrow('no leader');
    expect(calls).toHaveLength(3);
  });

  it('does not try again what would fail again (a wrong statement)', async () => {
    const { driver, calls } = flakyDriver([
      new Neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError', 'N/A', 'N/A'),
    ]);
    await expect(graphOver(driver).customerIdBySourceRecord('crm', '1')).rejects.toThrow('Invalid input');
    expect(calls).toHaveLength(1);
  });
});
