import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { ValueState } from '../../../core/customer/system-state.ts';
import {
  customerAtRisk,
  customerDeclining,
  customerLapsed,
  tierChanged,
} from '../../../core/events/tier-events.ts';
import { documentClient } from '../../../functions/adapters/dynamodb/client.ts';
import { LOCAL_AWS } from '../../../local/dynamodb-local.ts';

/** The events a tier run writes; the automations they trigger write others (action.scheduled...). */
export const TIER_EVENT_TYPES = new Set<string>(
  [tierChanged, customerDeclining, customerLapsed, customerAtRisk].map((event) => event.type),
);

/** What the table holds after the runs: each customer's value part, and the outbox's events. */
export async function tableState(endpoint: string, tableName: string) {
  const db = documentClient({ ...LOCAL_AWS, endpoint });
  const values = new Map<string, ValueState>();
  const events: { id: string; type: string }[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  try {
    do {
      const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
      for (const item of page.Items ?? []) {
        if (String(item.SK) === 'CURRENT#STATE#value')
          values.set(String(item.PK).slice(9), item.value as ValueState);
        events.push(...outboxEvents(item));
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  } finally {
    db.destroy();
  }
  return { values, events };
}

/** The events of an outbox item: one, or a batch (a tier run's transactions write those). */
function outboxEvents(item: Record<string, unknown>): { id: string; type: string }[] {
  if (item.entity === 'event') return [item.event as { id: string; type: string }];
  if (item.entity === 'event-batch') return item.events as { id: string; type: string }[];
  return [];
}

/**
 * The table after a run that wrote every one of `count` customers once: each value part at
 * revision 1, by `runId`, and each tier event once, as many of each type as `expectedEvents` (the
 * in-process run's counts of the same customers).
 */
export function expectEachWrittenOnce(
  table: Awaited<ReturnType<typeof tableState>>,
  count: number,
  runId: string,
  expectedEvents: Record<string, number>,
): void {
  expect(table.values.size).toBe(count);
  expect([...table.values.values()].every((v) => v.revision === 1 && v.runId === runId)).toBe(true);
  const events = table.events.filter((event) => TIER_EVENT_TYPES.has(event.type));
  expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
  const byType: Record<string, number> = {};
  for (const event of events) byType[event.type] = (byType[event.type] ?? 0) + 1;
  expect(byType).toEqual(expectedEvents);
}
