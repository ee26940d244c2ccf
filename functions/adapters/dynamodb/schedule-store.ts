import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../../core/messaging/decision.ts';
import type {
  ClaimRequest,
  CompletionRequest,
  DeferralRequest,
  Events,
  FallbackRequest,
  ReleaseRequest,
  ScheduleStore,
} from '../../../core/ports.ts';
import type { MessageRecord, ScheduledAction } from '../../../core/schedule.ts';
import { eventPuts, failedConditions, stripKeys, type TransactItem } from './client.ts';
import { GSI1, keys, prefixes } from './keys.ts';
import { newestInPartition } from './newest-in-partition.ts';
import {
  deferralUpdate,
  fallbackUpdate,
  putDecision,
  putMessage,
  putProviderPointer,
  type ScheduleUpdate,
} from './schedule-items.ts';

export class DynamoScheduleStore implements ScheduleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createSchedule(
    schedule: ScheduledAction,
    extras: {
      readonly message?: MessageRecord;
      readonly decision?: Decision;
      readonly events: Events;
    },
  ): Promise<'created' | 'exists'> {
    const unfinished =
      schedule.status === 'pending'
        ? keys.pendingSchedule(schedule.due.instant, schedule.scheduleId)
        : {};
    const put = {
      TableName: this.tableName,
      Item: {
        ...keys.schedule(schedule.scheduleId),
        ...unfinished,
        entity: 'schedule',
        ...schedule,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    const others = [
      ...(extras.message ? [putMessage(this.tableName, extras.message)] : []),
      ...(extras.decision ? [putDecision(this.tableName, extras.decision)] : []),
      ...eventPuts(this.tableName, extras.events),
    ];
    try {
      if (others.length === 0) await this.db.send(new PutCommand(put));
      else
        await this.db.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...others] }));
      return 'created';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || failedConditions(error)?.[0])
        return 'exists';
      throw error;
    }
  }

  async getSchedule(scheduleId: string): Promise<ScheduledAction | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.schedule(scheduleId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<ScheduledAction>(Item) : undefined;
  }

  /** Several schedules by id, in batches (for operators and the local runtime's reports). */
  async getSchedules(scheduleIds: readonly string[]): Promise<Map<string, ScheduledAction>> {
    const found = new Map<string, ScheduledAction>();
    for (let start = 0; start < scheduleIds.length; start += 100) {
      let keysLeft: Record<string, unknown>[] | undefined = scheduleIds
        .slice(start, start + 100)
        .map((id) => keys.schedule(id));
      while (keysLeft && keysLeft.length > 0) {
        const page: BatchGetCommandOutput = await this.db.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keysLeft, ConsistentRead: true } },
          }),
        );
        for (const item of page.Responses?.[this.tableName] ?? []) {
          const schedule = stripKeys<ScheduledAction>(item);
          found.set(schedule.scheduleId, schedule);
        }
        keysLeft = page.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  async claimSchedule({
    scheduleId,
    now,
    leaseMs,
    claimId,
    channel,
  }: ClaimRequest): Promise<ScheduledAction | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.schedule(scheduleId),
          UpdateExpression: `SET #status = :dispatching, claimId = :claim, claimedUntil = :until, updatedAt = :now${channel ? ', claimedChannel = :channel' : ''} ADD attempts :one`,
          ConditionExpression: '#status IN (:pending, :deferred)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':dispatching': 'dispatching',
            ':pending': 'pending',
            ':deferred': 'deferred',
            ':claim': claimId,
            ...(channel ? { ':channel': channel } : {}),
            ':until': new Date(now.getTime() + leaseMs).toISOString(),
            ':now': now.toISOString(),
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? stripKeys<ScheduledAction>(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async completeSchedule(request: CompletionRequest): Promise<boolean> {
    const { schedule, status, message, now, from } = request;
    const expected =
      'claimId' in from
        ? {
            condition: '#status = :dispatching AND claimId = :claim',
            values: { ':dispatching': 'dispatching', ':claim': from.claimId },
          }
        : {
            condition: '#status IN (:pending, :deferred)',
            values: { ':pending': 'pending', ':deferred': 'deferred' },
          };
    // Only what the completion knows is set: no null `reason` or `messageId` stands in for "none".
    const sets = [
      '#status = :status',
      'updatedAt = :now',
      ...(request.reason === undefined ? [] : ['reason = :reason']),
      ...(message ? ['messageId = :messageId'] : []),
    ];
    const update: TransactItem = {
      Update: {
        TableName: this.tableName,
        Key: keys.schedule(schedule.scheduleId),
        UpdateExpression: `SET ${sets.join(', ')} REMOVE GSI1PK, GSI1SK, claimedUntil, claimId, claimedChannel`,
        ConditionExpression: expected.condition,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':now': now.toISOString(),
          ...(request.reason === undefined ? {} : { ':reason': request.reason }),
          ...(message ? { ':messageId': message.messageId } : {}),
          ...expected.values,
        },
      },
    };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            update,
            ...(message ? [putMessage(this.tableName, message)] : []),
            ...(message?.providerMessageId ? [putProviderPointer(this.tableName, message)] : []),
            ...(request.decision ? [putDecision(this.tableName, request.decision)] : []),
            ...eventPuts(this.tableName, request.events),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedConditions(error)?.[0]) return false;
      throw error;
    }
  }

  async releaseSchedule(request: ReleaseRequest): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.schedule(request.scheduleId),
          UpdateExpression: `SET #status = :pending, lastError = :error, updatedAt = :now REMOVE claimedUntil, claimId, claimedChannel${request.countAttempt ? '' : ' ADD attempts :minusOne'}`,
          ConditionExpression: '#status = :dispatching AND claimId = :claim',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':dispatching': 'dispatching',
            ':claim': request.claimId,
            ':error': request.error,
            ':now': request.now.toISOString(),
            ...(request.countAttempt ? {} : { ':minusOne': -1 }),
          },
        }),
      );
    } catch (error) {
      // The claim was lost meanwhile (its lease expired and another attempt took over): nothing to give back.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async deferSchedule({ schedule, due, decision, now }: DeferralRequest): Promise<boolean> {
    return this.transition(schedule.scheduleId, decision, deferralUpdate(schedule, due, now));
  }

  async fallbackSchedule({
    schedule,
    claimId,
    excluded,
    decision,
    now,
  }: FallbackRequest): Promise<boolean> {
    return this.transition(schedule.scheduleId, decision, fallbackUpdate(claimId, excluded, now));
  }

  /** A conditional schedule update and its decision, together; false when the condition failed. */
  private async transition(
    scheduleId: string,
    decision: Decision,
    update: ScheduleUpdate,
  ): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName: this.tableName, Key: keys.schedule(scheduleId), ...update } },
            putDecision(this.tableName, decision),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedConditions(error)?.[0]) return false;
      throw error;
    }
  }

  async messagesSince(customerId: string, since: Date): Promise<MessageRecord[]> {
    return newestInPartition<MessageRecord>(
      this.db,
      this.tableName,
      customerId,
      prefixes.message,
      `${prefixes.message}${since.toISOString()}`,
    );
  }

  async decisions(customerId: string, limit: number): Promise<Decision[]> {
    return newestInPartition<Decision>(
      this.db,
      this.tableName,
      customerId,
      prefixes.decision,
      undefined,
      limit,
    );
  }

  async listUnfinished(dueBefore: Date, limit: number): Promise<ScheduledAction[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :until',
        ExpressionAttributeValues: {
          ':pk': prefixes.pendingSchedules,
          ':until': `${dueBefore.toISOString()}#\uffff`,
        },
        Limit: limit,
      }),
    );
    return Items.map((item) => stripKeys<ScheduledAction>(item));
  }
}
