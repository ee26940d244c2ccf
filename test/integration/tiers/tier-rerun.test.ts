import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../../core/tiers/run-in-process.ts';
import type { RunSummary } from '../../../core/tiers/steps.ts';
import { documentClient } from '../../../functions/adapters/dynamodb/client.ts';
import { LOCAL_AWS } from '../../../local/dynamodb-local.ts';
import { loadTierPolicy } from '../../../workflows/tier-policy-loader.ts';
import { useTestRuntime } from '../../support/runtime.ts';
import { seedCustomers, syntheticHistories } from './seed.ts';
import { expectEachWrittenOnce, tableState } from './table-state.ts';

// Fewer customers than tier-workflow.test.ts: what matters here is a run's second attempt.
const COUNT = 600;
const CUSTOMERS = syntheticHistories(COUNT, Date.parse('2026-11-20T00:00:00.000Z'), 11);

describe('an interrupted tier run, started again', () => {
  const local = useTestRuntime(new Date('2026-11-23T10:00:00Z'), async ({ runtime }) => {
    const db = documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint });
    await seedCustomers(db, runtime.tableName, CUSTOMERS);
    db.destroy();
  });

  it('re-runs without a second write or a duplicate event', { timeout: 120_000 }, async () => {
    const { runtime } = local;
    const asOf = '2026-11-22T00:00:00.000Z';
    const handler = runtime.functions.tierRun;
    const context = {} as never;
    // Prepare: a run that did its first pass and classified one segment of several, then died.
    const start = (await handler(
      { step: 'start', request: { asOf, trigger: 'test' } },
      context,
    )) as {
      runId: string;
      segments: Record<string, unknown>[];
    };
    expect(start.segments.length).toBeGreaterThan(1);
    for (const work of start.segments) {
      let chunk = work;
      do chunk = (await handler({ step: 'summarise', work: chunk }, context)) as typeof work;
      while (chunk.done === false);
    }
    await handler({ step: 'plan', run: { runId: start.runId, attempt: 1 } }, context);
    let first = start.segments[0] as Record<string, unknown>;
    do first = (await handler({ step: 'classify', work: first }, context)) as typeof first;
    while (first.done === false);
    const halfway = await tableState(runtime.dynamoEndpoint, runtime.tableName);

    // Act: the same run started again, through the workflow
    await runtime.tierRuns.start({ asOf });
    const execution = await runtime.tierRuns.result(start.runId);

    // Assess: every customer written once, by this run; each change's events once
    expect(execution?.status).toBe('SUCCEEDED');
    const after = await tableState(runtime.dynamoEndpoint, runtime.tableName);
    const writtenHalfway = [...halfway.values.values()].filter(
      (v) => v.runId === start.runId,
    ).length;
    expect(writtenHalfway).toBeGreaterThan(0);
    expect(writtenHalfway).toBeLessThan(COUNT);
    expect(new Set(after.events.map((e) => e.id)).size).toBe(after.events.length);
    const summary = execution?.output as RunSummary;
    expect(summary.attempt).toBe(2);
    expect(summary.customers).toBe(COUNT);
    expect(summary.firstTiers).toBe(COUNT);
    // Over both attempts, the table holds each event an uninterrupted run would have written, once.
    const expected = runInProcess(
      CUSTOMERS,
      { runId: start.runId, asOf, computedAt: asOf },
      loadTierPolicy(),
    );
    expectEachWrittenOnce(after, COUNT, start.runId, expected.counts.events);
  });
});
