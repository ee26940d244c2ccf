import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ComplaintCase } from '../../../core/complaints/case.ts';
import type { CaseStore } from '../../../core/complaints/ports.ts';
import { GSI1 } from './keys.ts';

/** One item per case; GSI1 lists the unresolved ones apart from the resolved ones, by opening. */
export const caseKey = (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' });
const UNRESOLVED = 'CASES#UNRESOLVED';
const RESOLVED = 'CASES#RESOLVED';

export class DynamoCaseStore implements CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(c: ComplaintCase): Promise<'created' | ComplaintCase> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(c),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(c.caseId)) as ComplaintCase;
    }
  }

  async get(caseId: string): Promise<ComplaintCase | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true }),
    );
    return Item?.value as ComplaintCase | undefined;
  }

  async update(c: ComplaintCase, expected: number): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item(c),
          ConditionExpression: 'historyLength = :expected',
          ExpressionAttributeValues: { ':expected': expected },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }

  async list(since: string): Promise<ComplaintCase[]> {
    const [unresolved, resolved] = await Promise.all([
      this.query(UNRESOLVED),
      this.query(RESOLVED, since),
    ]);
    return [...unresolved, ...resolved];
  }

  private async query(partition: string, since?: string): Promise<ComplaintCase[]> {
    const found: ComplaintCase[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1,
          KeyConditionExpression: since ? 'GSI1PK = :p AND GSI1SK >= :since' : 'GSI1PK = :p',
          ExpressionAttributeValues: { ':p': partition, ...(since ? { ':since': since } : {}) },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) found.push(item.value as ComplaintCase);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return found;
  }

  private item(c: ComplaintCase) {
    return {
      ...caseKey(c.caseId),
      entity: 'case',
      value: c,
      historyLength: c.history.length,
      // At-risk cases are still unresolved: they stay on the list of open cases.
      GSI1PK: c.status === 'resolved' ? RESOLVED : UNRESOLVED,
      GSI1SK: `${c.openedAt}#${c.caseId}`,
    };
  }
}
