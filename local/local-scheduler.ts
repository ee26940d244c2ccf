import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ActionScheduler, DispatchRequest, ScheduleRequest } from '../core/ports.ts';

export interface FiredSchedule {
  readonly name: string;
  readonly dueAt: string;
  readonly outcome: 'completed' | 'dead-lettered';
  readonly result?: unknown;
  readonly error?: string;
}

const DUE = 'LOCALSCHEDULE#DUE';

/**
 * EventBridge Scheduler, locally: one-time schedules kept in their own DynamoDB Local table (so
 * they survive a restart), fired in due order when the local clock passes them, deleted after
 * completion like `ActionAfterCompletion: DELETE`. A failing target is retried like Lambda's
 * asynchronous invocation (3 attempts), then dead-lettered.
 */
export class LocalScheduler implements ActionScheduler {
  private firing: Promise<FiredSchedule[]> = Promise.resolve([]);

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly target: (payload: DispatchRequest) => Promise<unknown>,
    private readonly maxAttempts = 3,
  ) {}

  async scheduleAt(request: ScheduleRequest): Promise<'created' | 'exists'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            PK: `LOCALSCHEDULE#${request.name}`,
            SK: 'ENTRY',
            GSI1PK: DUE,
            GSI1SK: `${sortableMillis(request.due.instant)}#${request.name}`,
            name: request.name,
            dueAt: request.due.instant,
            expression: `at(${request.due.localDateTime})`,
            timeZone: request.due.timeZone,
            payload: request.payload,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  /** Fires everything due at `now`; calls are serialised so no schedule fires twice. */
  fireDue(now: Date): Promise<FiredSchedule[]> {
    this.firing = this.firing.then(() => this.fireDueNow(now));
    return this.firing;
  }

  async pending(): Promise<{ name: string; dueAt: string }[]> {
    return (await this.due(new Date(8.64e15))).map(({ name, dueAt }) => ({
      name,
      dueAt,
    }));
  }

  private async fireDueNow(now: Date): Promise<FiredSchedule[]> {
    const fired: FiredSchedule[] = [];
    for (const entry of await this.due(now)) {
      fired.push(await this.fire(entry));
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { PK: `LOCALSCHEDULE#${entry.name}`, SK: 'ENTRY' },
        }),
      );
    }
    return fired;
  }

  private async fire(entry: DueEntry): Promise<FiredSchedule> {
    let lastError = '';
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        const result = await this.target(entry.payload);
        return { name: entry.name, dueAt: entry.dueAt, outcome: 'completed', result };
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    console.error(`[local scheduler] ${entry.name} failed ${this.maxAttempts} times: ${lastError}`);
    return { name: entry.name, dueAt: entry.dueAt, outcome: 'dead-lettered', error: lastError };
  }

  private async due(now: Date): Promise<DueEntry[]> {
    const entries: DueEntry[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :due AND GSI1SK <= :until',
          ExpressionAttributeValues: { ':due': DUE, ':until': `${sortableMillis(now)}#\uffff` },
          ExclusiveStartKey,
        }),
      );
      entries.push(...((page.Items ?? []) as DueEntry[]));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return entries;
  }
}

/**
 * Due times as zero-padded epoch milliseconds, so the index orders them as instants: ISO strings
 * stop sorting correctly past year 9999 (`+010000-...` sorts before `2026-...`).
 */
function sortableMillis(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return String(Math.max(0, ms)).padStart(16, '0');
}

interface DueEntry {
  readonly name: string;
  readonly dueAt: string;
  readonly payload: DispatchRequest;
}
