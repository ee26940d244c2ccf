import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../core/tiers/steps.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { seedCustomers, syntheticHistories } from '../integration/tiers/seed.ts';
import { TIER_EVENT_TYPES, tableState } from '../integration/tiers/table-state.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { type Injected, putEventsFailingTwoInThree } from './inject.ts';

const AS_OF = '2026-11-20T00:00:00.000Z';

/**
 * A tier run writes its events in batches (an outbox item per ten events, several per
 * transaction). PutEvents fails two calls in three while they are published: every event the run
 * wrote still reaches the bus, and none twice, because a batch goes out in one call and the
 * publisher reports failed calls record by record.
 */
describe('PutEvents failing while a tier run is published', () => {
  let putEvents: Injected | undefined;
  const local = useTestRuntime(
    new Date('2026-11-23T10:00:00Z'),
    async ({ runtime }) => {
      const db = documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint });
      await seedCustomers(db, runtime.tableName, syntheticHistories(150, Date.parse(AS_OF), 11));
      db.destroy();
    },
    {
      wrap: {
        eventBridge: (client) => {
          const faulty = putEventsFailingTwoInThree(client);
          putEvents = faulty;
          return faulty;
        },
      },
    },
  );

  it('delivers each event of the run once: none lost, none twice', async () => {
    const { runtime } = local;

    const started = await runtime.tierRuns.start({ asOf: AS_OF });
    const execution = await runtime.tierRuns.result(started.runId);
    await runtime.settle();

    expect(execution?.status).toBe('SUCCEEDED');
    const summary = execution?.output as RunSummary;
    const { events } = await tableState(runtime.dynamoEndpoint, runtime.tableName);
    const written = events.filter((e) => TIER_EVENT_TYPES.has(e.type)).map((e) => e.id);
    const published = runtime.bus.recent
      .filter((event) => TIER_EVENT_TYPES.has(event.type))
      .map((event) => event.id);
    expect(written.length).toBe(Object.values(summary.events).reduce((a, b) => a + b, 0));
    expect(written.length).toBeGreaterThan(20);
    expect(published.sort()).toEqual(written.sort());
    expect(putEvents?.failures()).toBeGreaterThan(0);
    expect(runtime.stream.deadLetters).toEqual([]);
  });
});
