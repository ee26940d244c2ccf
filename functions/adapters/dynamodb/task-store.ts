import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../../core/errors.ts';
import type { Clock, OutgoingMessage, OwnerTask, Sender, TaskStore } from '../../../core/ports.ts';
import { stripKeys } from './client.ts';
import { keys, prefixes } from './keys.ts';

/**
 * Calls and visits, for a person: "sending" one records a task for the customer's owner (their
 * rep), listed by `GET /owners/{ownerId}/tasks`. The task id is the message id, so a retried send
 * records the same task once.
 */
export class DynamoTaskStore implements Sender, TaskStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const task: OwnerTask = {
      taskId: message.messageId,
      ownerId: message.to,
      customerId: message.customerId,
      channel: message.channel === 'visit' ? 'visit' : 'phone',
      text: message.text,
      about: message.about ?? { name: message.customerId },
      automationId: message.tags.automation ?? '',
      status: 'open',
      createdAt: this.clock().toISOString(),
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.task(task.ownerId, task.taskId), entity: 'task', ...task },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return { providerMessageId: `task:${task.ownerId}:${task.taskId}` };
  }

  async tasks(ownerId: string, status?: OwnerTask['status']): Promise<OwnerTask[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :task)',
        ExpressionAttributeValues: {
          ':pk': prefixes.ownerPartition(ownerId),
          ':task': prefixes.task,
        },
      }),
    );
    return Items.map((item) => stripKeys<OwnerTask>(item))
      .filter((task) => status === undefined || task.status === status)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  async completeTask(
    ownerId: string,
    taskId: string,
    now: Date,
    note?: string,
  ): Promise<OwnerTask> {
    try {
      const { Attributes } = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.task(ownerId, taskId),
          UpdateExpression: `SET #status = :done, doneAt = :now${note ? ', note = :note' : ''}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':done': 'done',
            ':now': now.toISOString(),
            ...(note ? { ':note': note } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripKeys<OwnerTask>(Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new NotFoundError('task', taskId);
      throw error;
    }
  }
}
