import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../../core/tiers/run-in-process.ts';
import type { RunSummary } from '../../../core/tiers/steps.ts';
import { documentClient } from '../../../functions/adapters/dynamodb/client.ts';
import { LOCAL_AWS } from '../../../local/dynamodb-local.ts';
import { loadTierPolicy } from '../../../workflows/tier-policy-loader.ts';
import { useTestRuntime } from '../../support/runtime.ts';
import { seedCustomers, syntheticHistories } from './seed.ts';
import { TIER_EVENT_TYPES, tableState } from './table-state.ts';

const AS_OF = '2026-11-20T00:00:00.000Z';
const CUSTOMERS = syntheticHistories(2000, Date.parse(AS_OF));

describe('the tier recalculation workflow, synthesized by the CDK and run locally', () => {
  const local = useTestRuntime(new Date('2026-11-23T10:00:00Z'), async ({ runtime }) => {
    const db = documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint });
    await seedCustomers(db, runtime.tableName, CUSTOMERS);
    db.destroy();
  });

  // 2,000 customers' writes on a DynamoDB Local shared by the run's other files: ~10 s alone, more
  // when the machine is busy; the timeout is for a busy machine, not a speed target (bench/ is).
  it('classifies every customer as the in-process run does and reports the summary', {
    timeout: 150_000,
  }, async () => {
    const { runtime } = local;

    const started = await runtime.tierRuns.start({ asOf: AS_OF });
    const execution = await runtime.tierRuns.result(started.runId);

    expect(execution?.status).toBe('SUCCEEDED');
    const summary = execution?.output as RunSummary;
    const expected = runInProcess(
      CUSTOMERS,
      { runId: started.runId, asOf: AS_OF, computedAt: AS_OF },
      loadTierPolicy(),
    );
    expect(summary.customers).toBe(2000);
    expect(summary.tiers).toEqual(expected.counts.tiers);
    expect(summary.alerts).toEqual(expected.counts.alerts);
    expect(summary.stages).toEqual(expected.counts.stages);
    expect(summary.firstTiers).toBe(2000);
    expect(summary.thresholds?.aRevenueShare).toBeGreaterThan(0.5);
    expect(summary.model?.sampleSize).toBeGreaterThan(1000);
    const { values, events } = await tableState(runtime.dynamoEndpoint, runtime.tableName);
    expect(values.size).toBe(2000);
    expect(values.get('c-00042')?.tier).toBe(expected.states.get('c-00042')?.tier);
    // The run's own events; the automations they trigger write others (action.scheduled, ...).
    const written = events.filter((e) => TIER_EVENT_TYPES.has(e.type)).length;
    expect(written).toBe(Object.values(summary.events).reduce((a, b) => a + b, 0));
  });
});
