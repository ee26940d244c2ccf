import { ScanCommand } from '@aws-sdk/lib-dynamodb';
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
