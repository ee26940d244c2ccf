import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ValueState } from '../../../../core/customer/system-state.ts';
import type { Events } from '../../../../core/ports.ts';
import type { ScannedCustomer, ValueWrite, ValueWriter } from '../../../../core/tiers/ports.ts';
import { EVENTS_PER_BATCH, eventBatchPuts, failedConditions } from '../client.ts';
import { keys, prefixes } from '../keys.ts';

/**
 * Writes a customer's value part, conditional on the revision the run read: a concurrent writer
 * (another run) makes it fail instead of being overwritten. With events, the state and its outbox
 * item are one transaction; without (most customers, most runs), a single conditional PutItem.
 */
export class DynamoValueWriter implements ValueWriter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async write(
    customerId: string,
    next: ValueState,
    readRevision: number | undefined,
    events: Events,
  ): Promise<'written' | 'conflict'> {
    const put = this.put({ customerId, next, readRevision, events });
    try {
      if (events.length === 0) await this.db.send(new PutCommand(put));
      else {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [{ Put: put }, ...eventBatchPuts(this.tableName, events)],
          }),
        );
      }
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || failedConditions(error)?.[0])
        return 'conflict';
      throw error;
    }
  }

  /**
   * Up to 100 actions per TransactWriteItems: the group's states, each with its condition, and an
   * outbox item per ten of their events, so a request per ~95 customers instead of one each. All or
   * nothing: a transaction cancelled by one customer's condition wrote nobody, and its customers
   * are then written one at a time, so no event is written twice.
   */
  async writeMany(writes: readonly ValueWrite[]): Promise<('written' | 'conflict')[]> {
    const outcomes: ('written' | 'conflict')[] = [];
    for (const group of transactionGroups(writes)) {
      const events = group.flatMap((write) => write.events);
      const TransactItems = [
        ...group.map((write) => ({ Put: this.put(write) })),
        ...eventBatchPuts(this.tableName, events),
      ];
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems }));
        for (const _ of group) outcomes.push('written');
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        for (const w of group)
          outcomes.push(await this.write(w.customerId, w.next, w.readRevision, w.events));
      }
    }
    return outcomes;
  }

  private put({ customerId, next, readRevision }: ValueWrite) {
    const condition =
      readRevision === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK) OR attribute_not_exists(#v.revision)' }
        : {
            ConditionExpression: '#v.revision = :read',
            ExpressionAttributeValues: { ':read': readRevision },
          };
    return {
      TableName: this.tableName,
      Item: {
        ...keys.systemState(customerId, 'value'),
        entity: 'system-state',
        part: 'value',
        value: next,
      },
      ExpressionAttributeNames: { '#v': 'value' },
      ...condition,
    };
  }

  /** The customer read again after a conflict: the same shape a scan gives. */
  async reread(customerId: string): Promise<ScannedCustomer | undefined> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': prefixes.customerPartition(customerId) },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    const profile = items.some((item) => item.SK === keys.customer(customerId).SK);
    if (!profile) return undefined;
    const valueItem = items.find((item) => item.SK === keys.systemState(customerId, 'value').SK);
    const surveyItem = items.find((item) => item.SK === keys.systemState(customerId, 'survey').SK);
    const value = ValueState.safeParse(valueItem?.value);
    const score = (surveyItem?.value as { lastScore?: unknown } | undefined)?.lastScore;
    const events = items
      .filter((item) => String(item.SK).startsWith(prefixes.interaction))
      .map((item) => ({
        at: Date.parse(String(item.occurredAt)),
        type: item.type as never,
        amount: Number((item.amount as { value?: unknown } | undefined)?.value ?? 0),
      }));
    return {
      history: {
        customerId,
        events,
        ...(typeof score === 'number' ? { surveyScore: score } : {}),
      },
      ...(value.success ? { value: value.data } : {}),
    };
  }
}

/** DynamoDB's limit on the actions of one transaction. */
const MAX_ACTIONS = 100;

const actionsFor = (states: number, events: number) =>
  states + Math.ceil(events / EVENTS_PER_BATCH);

/** Consecutive writes grouped so that a group's states and outbox items fit one transaction. */
export function transactionGroups<T extends { readonly events: readonly unknown[] }>(
  writes: readonly T[],
): T[][] {
  const groups: T[][] = [];
  let group: T[] = [];
  let events = 0;
  for (const write of writes) {
    if (
      group.length > 0 &&
      actionsFor(group.length + 1, events + write.events.length) > MAX_ACTIONS
    ) {
      groups.push(group);
      group = [];
      events = 0;
    }
    group.push(write);
    events += write.events.length;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}
