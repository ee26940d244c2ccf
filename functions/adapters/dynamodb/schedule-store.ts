import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ClaimRequest, CompletionRequest, ScheduleStore } from '../../../core/ports.ts';
import type { MessageRecord, ScheduledAction } from '../../../core/schedule.ts';
import { failedConditions, stripKeys } from './client.ts';
import { GSI1, keys, prefixes } from './keys.ts';

export class DynamoScheduleStore implements ScheduleStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createSchedule(
    schedule: ScheduledAction,
    message?: MessageRecord,
  ): Promise<'created' | 'exists'> {
    const pending =
      schedule.status === 'pending'
        ? keys.pendingSchedule(schedule.due.instant, schedule.scheduleId)
        : {};
    const put = {
      TableName: this.tableName,
      Item: { ...keys.schedule(schedule.scheduleId), ...pending, entity: 'schedule', ...schedule },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    try {
      if (!message) {
        await this.db.send(new PutCommand(put));
        return 'created';
      }
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.message(message.customerId, message.createdAt, message.messageId),
                  entity: 'message',
                  ...message,
                },
              },
            },
          ],
        }),
      );
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

  async claimSchedule({
    scheduleId,
    now,
    leaseMs,
  }: ClaimRequest): Promise<ScheduledAction | undefined> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.schedule(scheduleId),
          UpdateExpression:
            'SET #status = :dispatching, claimedUntil = :until, updatedAt = :now ADD attempts :one',
          ConditionExpression:
            '#status = :pending OR (#status = :dispatching AND claimedUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':dispatching': 'dispatching',
            ':pending': 'pending',
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

  async completeSchedule({ schedule, status, message, now }: CompletionRequest): Promise<void> {
    await this.db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: keys.schedule(schedule.scheduleId),
              UpdateExpression:
                'SET #status = :status, messageId = :messageId, updatedAt = :now, reason = :reason REMOVE GSI1PK, GSI1SK, claimedUntil',
              ConditionExpression: '#status = :dispatching',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':status': status,
                ':messageId': message.messageId,
                ':now': now.toISOString(),
                ':reason': message.reason ?? null,
                ':dispatching': 'dispatching',
              },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: {
                ...keys.message(message.customerId, message.createdAt, message.messageId),
                entity: 'message',
                ...message,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      }),
    );
  }

  async releaseSchedule(scheduleId: string, error: string, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.schedule(scheduleId),
        UpdateExpression:
          'SET #status = :pending, lastError = :error, updatedAt = :now REMOVE claimedUntil',
        ConditionExpression: '#status = :dispatching',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':dispatching': 'dispatching',
          ':error': error,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  async listPendingSchedules(dueBefore: Date, limit: number): Promise<ScheduledAction[]> {
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
