import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Wake } from '../core/dispatch/wake.ts';
import type { ActionScheduler, ScheduleRequest, WorkQueue } from '../core/ports.ts';
import { dueItems, sortableMillis } from './local-table.ts';

export interface FiredSchedule {
  readonly name: string;
  readonly dueAt: string;
  readonly wake: Wake;
}

const ONE_TIME = 'LOCALSCHEDULE#AT';
const RECURRING = 'LOCALSCHEDULE#RATE';

interface Entry {
  readonly name: string;
  readonly dueAt: string;
  readonly wake: Wake;
  readonly everyMs?: number;
}

/**
 * EventBridge Scheduler, locally: schedules kept in DynamoDB Local (they survive a restart), fired
 * in due order as the local clock passes them. Like the real one, a schedule's target is the
 * dispatch queue: firing puts the wake-up there, and one-time schedules are deleted after
 * (`ActionAfterCompletion: DELETE`). Recurring ones (the reconciler's `rate(5 minutes)`) fire once
 * when due and are re-armed for their next slot after now.
 */
export class LocalScheduler implements ActionScheduler {
  private firing: Promise<FiredSchedule[]> = Promise.resolve([]);

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly queue: WorkQueue,
  ) {}

  async scheduleAt(request: ScheduleRequest): Promise<'created' | 'exists'> {
    return this.put(
      ONE_TIME,
      { name: request.name, dueAt: request.due.instant, wake: request.wake },
      {
        expression: `at(${request.due.localDateTime})`,
        timeZone: request.due.timeZone,
      },
    );
  }

  /** A `rate()` schedule: first due at `firstAt`, then every `everyMs`. Kept if it exists. */
  async scheduleEvery(name: string, everyMs: number, wake: Wake, firstAt: Date): Promise<void> {
    await this.put(
      RECURRING,
      { name, dueAt: firstAt.toISOString(), wake, everyMs },
      {
        expression: `rate(${everyMs / 60_000} minutes)`,
      },
    );
  }

  async cancel(name: string): Promise<'cancelled' | 'not-found'> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: key(name),
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
      return 'cancelled';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'not-found';
      throw error;
    }
  }

  /** Fires what is due at `now`; calls are serialised so no schedule fires twice. */
  fireDue(now: Date): Promise<FiredSchedule[]> {
    this.firing = this.firing.then(() => this.fireDueNow(now));
    return this.firing;
  }

  /** One-time schedules still waiting, soonest first. */
  async pending(): Promise<{ name: string; dueAt: string }[]> {
    return (await this.entries(ONE_TIME)).map(({ name, dueAt }) => ({ name, dueAt }));
  }

  /** When the next one-time schedule is due (recurring ones do not stop the clock). */
  async nextDueAt(): Promise<string | undefined> {
    return (await this.entries(ONE_TIME, undefined, 1))[0]?.dueAt;
  }

  private async fireDueNow(now: Date): Promise<FiredSchedule[]> {
    const fired: FiredSchedule[] = [];
    for (const entry of await this.entries(ONE_TIME, now)) {
      await this.queue.send(entry.wake);
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: key(entry.name) }));
      fired.push({ name: entry.name, dueAt: entry.dueAt, wake: entry.wake });
    }
    for (const entry of await this.entries(RECURRING, now)) {
      await this.queue.send(entry.wake);
      const every = entry.everyMs ?? 60_000;
      const missed = Math.floor((now.getTime() - Date.parse(entry.dueAt)) / every) + 1;
      const next = new Date(Date.parse(entry.dueAt) + missed * every);
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item(RECURRING, { ...entry, dueAt: next.toISOString() }),
        }),
      );
      fired.push({ name: entry.name, dueAt: entry.dueAt, wake: entry.wake });
    }
    return fired;
  }

  private async put(
    partition: string,
    entry: Entry,
    extra: Record<string, unknown>,
  ): Promise<'created' | 'exists'> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...item(partition, entry), ...extra },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'exists';
      throw error;
    }
  }

  private entries(partition: string, until?: Date, limit?: number): Promise<Entry[]> {
    return dueItems<Entry>(this.db, this.tableName, partition, {
      ...(until ? { until } : {}),
      ...(limit ? { limit } : {}),
    });
  }
}

const key = (name: string) => ({ PK: `LOCALSCHEDULE#${name}`, SK: 'ENTRY' });

/** The stored entry; keys last, so an entry read back from the table cannot carry stale ones. */
function item(partition: string, entry: Entry) {
  const { name, dueAt, wake, everyMs } = entry;
  return {
    name,
    dueAt,
    wake,
    ...(everyMs === undefined ? {} : { everyMs }),
    ...key(name),
    GSI1PK: partition,
    GSI1SK: `${sortableMillis(dueAt)}#${name}`,
  };
}
