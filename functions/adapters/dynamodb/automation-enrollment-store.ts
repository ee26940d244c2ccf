import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Enrollment } from '../../../core/automation/enrollment.ts';
import type { Group } from '../../../core/automation/holdout.ts';
import type {
  AutomationCounts,
  EnrollmentStore,
  EntryRecord,
} from '../../../core/automation/ports.ts';
import { ConflictError } from '../../../core/errors.ts';
import { failedConditions, stripKeys } from './client.ts';
import { keys, prefixes } from './keys.ts';

const COUNTER: Record<'entered' | 'converted', Record<Group, string>> = {
  entered: { treatment: 'enteredTreatment', holdout: 'enteredHoldout' },
  converted: { treatment: 'convertedTreatment', holdout: 'convertedHoldout' },
};

/**
 * Enrollments live in the customer's partition (one Query reads them all when an event arrives);
 * an automation's counts are one item updated with ADD in the same transaction as the enrollment,
 * so a count never exists without its entry, nor twice for one.
 */
export class DynamoEnrollmentStore implements EnrollmentStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async enrollments(customerId: string): Promise<ReadonlyMap<string, Enrollment>> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :enrollment)',
        ExpressionAttributeValues: {
          ':pk': prefixes.customerPartition(customerId),
          ':enrollment': prefixes.enrollment,
        },
      }),
    );
    return new Map(
      Items.map((item) => {
        const enrollment = stripKeys<Enrollment>(item);
        return [enrollment.automationId, enrollment];
      }),
    );
  }

  async recordEntry({
    enrollment,
    previousEventId,
  }: EntryRecord): Promise<'recorded' | 'replayed'> {
    const key = keys.enrollment(enrollment.customerId, enrollment.automationId);
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...key, entity: 'enrollment', ...enrollment },
                // Optimistic: the entry replaces exactly the enrollment planning read.
                ConditionExpression:
                  previousEventId === undefined
                    ? 'attribute_not_exists(PK)'
                    : 'lastEventId = :previous',
                ...(previousEventId === undefined
                  ? {}
                  : { ExpressionAttributeValues: { ':previous': previousEventId } }),
              },
            },
            this.count(enrollment.automationId, COUNTER.entered[enrollment.group]),
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) && !failedConditions(error)?.[0])
        throw error;
      const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key }));
      if (Item?.lastEventId === enrollment.lastEventId) return 'replayed';
      throw new ConflictError(
        `enrollment ${enrollment.customerId}/${enrollment.automationId} changed meanwhile`,
      );
    }
  }

  async recordConversion(enrollment: Enrollment, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.enrollment(enrollment.customerId, enrollment.automationId),
                UpdateExpression: 'SET convertedAt = :at',
                // Once per entry: the entry that was read, not converted yet.
                ConditionExpression: 'lastEventId = :entry AND attribute_not_exists(convertedAt)',
                ExpressionAttributeValues: { ':at': at, ':entry': enrollment.lastEventId },
              },
            },
            this.count(enrollment.automationId, COUNTER.converted[enrollment.group]),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException || failedConditions(error)?.[0])
        return false;
      throw error;
    }
  }

  async clearPending(customerId: string, automationId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.enrollment(customerId, automationId),
        UpdateExpression: 'SET pending = :none',
        ExpressionAttributeValues: { ':none': [] },
      }),
    );
  }

  async counts(automationId: string): Promise<AutomationCounts> {
    const { Item = {} } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.automationCounts(automationId) }),
    );
    const read = (name: string) => (typeof Item[name] === 'number' ? (Item[name] as number) : 0);
    return {
      entered: {
        treatment: read(COUNTER.entered.treatment),
        holdout: read(COUNTER.entered.holdout),
      },
      converted: {
        treatment: read(COUNTER.converted.treatment),
        holdout: read(COUNTER.converted.holdout),
      },
    };
  }

  private count(automationId: string, counter: string) {
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.automationCounts(automationId),
        UpdateExpression: 'ADD #counter :one SET entity = :entity',
        ExpressionAttributeNames: { '#counter': counter },
        ExpressionAttributeValues: { ':one': 1, ':entity': 'automation-counts' },
      },
    };
  }
}
