import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { ValueState } from '../../core/customer/system-state.ts';
import { runInProcess } from '../../core/tiers/run-in-process.ts';
import { type RunSummary, runTierStep } from '../../core/tiers/steps.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { dynamoTierStepDeps } from '../../functions/adapters/dynamodb/tiers/step-deps.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { seedCustomers, syntheticHistories } from '../../local/tiers/synthetic.ts';
import { loadTierPolicy } from '../../workflows/tier-policy-loader.ts';
import { expectEachWrittenOnce, tableState } from '../integration/tiers/table-state.ts';
import { freshTable } from '../support/services.ts';
import { injectFault } from './inject.ts';

const AS_OF = '2026-11-20T00:00:00.000Z';
const COUNT = 300;
const CUSTOMERS = syntheticHistories(COUNT, Date.parse(AS_OF), 5);
const policy = loadTierPolicy();
type Db = ReturnType<typeof documentClient>;

/** The run's steps as the workflow calls them, over one table, with the given client. */
async function tierRun(db: Db, tableName: string) {
  const deps = dynamoTierStepDeps(db, tableName, {
    clock: () => new Date(AS_OF),
    policy,
    segments: 2,
    chunkMs: 60_000,
    writeConcurrency: 1,
  });
  const start = (await runTierStep(deps, {
    step: 'start',
    request: { asOf: AS_OF, trigger: 'test' },
  })) as { runId: string; attempt: number; segments: Record<string, unknown>[] };
  const run = { runId: start.runId, attempt: start.attempt };
  for (const step of ['summarise', 'classify'] as const) {
    if (step === 'classify') await runTierStep(deps, { step: 'plan', run });
    for (const segment of start.segments) {
      let work = segment as { done?: boolean };
      do work = (await runTierStep(deps, { step, work } as never)) as { done?: boolean };
      while (work.done === false);
    }
  }
  return (await runTierStep(deps, { step: 'finish', run })) as RunSummary;
}

/** A grouped write cancelled because one customer's condition failed: it wrote nobody. */
const cancelled = (actions: number, failedAt: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: Array.from({ length: actions }, (_, i) => ({
      Code: i === failedAt ? 'ConditionalCheckFailed' : 'None',
    })),
  });

describe('a tier run whose grouped write is cancelled by a condition', () => {
  it('writes every customer once and each event once, one at a time after the cancellation', async () => {
    // Prepare: the real DynamoDB Local client, with the first two grouped transactions
    // cancelled (the first of them on its third action)
    const { tableName, endpoint, db: seeder } = await freshTable('tier-conflict');
    await seedCustomers(seeder, tableName, CUSTOMERS);
    seeder.destroy();
    const db = injectFault(documentClient({ ...LOCAL_AWS, endpoint }), {
      command: 'TransactWriteItemsCommand',
      fail: (call, input) => {
        const actions = (input.TransactItems as unknown[] | undefined)?.length ?? 0;
        return call <= 2 && actions > 1 ? cancelled(actions, call === 1 ? 2 : 0) : undefined;
      },
    });

    // Act
    const summary = await tierRun(db, tableName);
    db.destroy();

    // Assess: the same result as the run in memory, every state at revision 1, no event twice
    expect(db.failures()).toBe(2);
    const expected = runInProcess(
      CUSTOMERS,
      { runId: summary.runId, asOf: AS_OF, computedAt: AS_OF },
      policy,
    );
    expect(summary.customers).toBe(COUNT);
    expect(summary.tiers).toEqual(expected.counts.tiers);
    expect(summary.events).toEqual(expected.counts.events);
    const table = await tableState(endpoint, tableName);
    expectEachWrittenOnce(table, COUNT, summary.runId, expected.counts.events);
    // Nothing but the run's own events: no automation runs here.
    expect(table.events.length).toBe(
      Object.values(expected.counts.events).reduce((a, b) => a + b, 0),
    );
  });

  it('decides again a customer another run wrote meanwhile, and writes the rest once', async () => {
    // Prepare: just before the first grouped transaction reaches DynamoDB Local, an older run
    // writes the state of its first customer: the real transaction is cancelled by that
    // customer's condition (ConditionalCheckFailed), nothing injected but the other writer.
    const { tableName, endpoint, db: other } = await freshTable('tier-race');
    await seedCustomers(other, tableName, CUSTOMERS);
    const db = documentClient({ ...LOCAL_AWS, endpoint });
    const race = raceWithAnOlderRun(db, other, tableName);

    // Act
    const summary = await tierRun(db, tableName);
    db.destroy();
    other.destroy();

    // Assess: the real cancellation happened; the raced customer was read again and written over
    // the older run's state (revision 2); everyone else once (revision 1); no event twice
    expect(race.cancellations()).toBeGreaterThanOrEqual(1);
    const customerId = (race.raced() ?? '').slice('CUSTOMER#'.length);
    const table = await tableState(endpoint, tableName);
    expect(summary.customers).toBe(COUNT);
    expect(table.values.size).toBe(COUNT);
    expect(table.values.get(customerId)).toMatchObject({ runId: summary.runId, revision: 2 });
    const others = [...table.values].filter(([id]) => id !== customerId).map(([, v]) => v);
    expect(others.every((v) => v.revision === 1 && v.runId === summary.runId)).toBe(true);
    const ids = table.events.map((event) => event.id);
    expect(ids.length).toBe(Object.values(summary.events).reduce((a, b) => a + b, 0));
  });
});

/** A state an older run stored (tier C, no alerts), as its write would have. */
function olderRunState(pk: string) {
  const value: ValueState = {
    tier: 'C',
    stage: 'relate',
    metrics: { t1: 0 },
    computedAt: '2026-11-13T00:00:00.000Z',
    runId: 'tiers-20261113T000000Z',
    asOf: '2026-11-13T00:00:00.000Z',
    alerts: { declining: false, lapsed: false, atRisk: false },
    revision: 1,
  };
  const customerId = pk.slice('CUSTOMER#'.length);
  return { ...keys.systemState(customerId, 'value'), entity: 'system-state', part: 'value', value };
}

/** The partition key of a grouped transaction's first Put (marshalled or not), if it has several. */
function firstPutKey(input: unknown): string | undefined {
  const items = (input as { TransactItems?: { Put?: { Item?: { PK?: unknown } } }[] })
    .TransactItems;
  if (!items || items.length < 2) return undefined;
  const pk = items[0]?.Put?.Item?.PK;
  return typeof pk === 'string' ? pk : (pk as { S?: string } | undefined)?.S;
}

/**
 * Before the first grouped transaction reaches DynamoDB Local, `other` (an older run) writes the
 * state of its first customer; the real transaction then meets that write.
 */
function raceWithAnOlderRun(db: Db, other: Db, tableName: string) {
  let raced: string | undefined;
  let cancellations = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      const pk = firstPutKey(args.input);
      if (raced === undefined && pk !== undefined) {
        raced = pk;
        await other.send(new PutCommand({ TableName: tableName, Item: olderRunState(pk) }));
      }
      try {
        return await next(args);
      } catch (error) {
        if (error instanceof TransactionCanceledException) cancellations++;
        throw error;
      }
    },
    { step: 'initialize', priority: 'low', name: 'tierRaceWithAnOlderRun' },
  );
  return { raced: () => raced, cancellations: () => cancellations };
}
