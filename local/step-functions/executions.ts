import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

import type { StepEntry } from './journal.ts';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface ExecutionRecord {
  readonly machine: string;
  readonly name: string;
  readonly input: unknown;
  readonly status: ExecutionStatus;
  readonly startedAt: string;
  readonly stoppedAt?: string;
  readonly output?: unknown;
  readonly error?: { readonly error: string; readonly cause: string };
}

/**
 * Executions kept in the local state table (like Step Functions keeps them), so a name is used
 * once (StartExecution is idempotent on it) and a restarted runtime knows which were running.
 */
export class LocalExecutionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** `exists` when the name was used before (the stored record is returned). */
  async create(record: ExecutionRecord): Promise<'created' | ExecutionRecord> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(record.machine, record.name),
            GSI1PK: running(record.machine),
            GSI1SK: record.startedAt,
            ...record,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return (await this.get(record.machine, record.name)) as ExecutionRecord;
    }
  }

  async get(machine: string, name: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key(machine, name), ConsistentRead: true }),
    );
    return Item ? strip(Item) : undefined;
  }

  /** The execution's recorded steps (journal.ts), to replay after a restart. */
  async steps(machine: string, name: string): Promise<Map<string, StepEntry>> {
    const steps = new Map<string, StepEntry>();
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :step)',
          ExpressionAttributeValues: { ':pk': key(machine, name).PK, ':step': STEP },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? [])
        steps.set(String(item.SK).slice(STEP.length), JSON.parse(String(item.entry)) as StepEntry);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return steps;
  }

  async saveStep(machine: string, name: string, step: string, entry: StepEntry): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        // JSON text: a result may hold values (undefined, empty strings in sets) an item cannot.
        Item: { PK: key(machine, name).PK, SK: `${STEP}${step}`, entry: JSON.stringify(entry) },
      }),
    );
  }

  async stop(
    machine: string,
    name: string,
    outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error' | 'stoppedAt'>,
  ): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(machine, name),
        UpdateExpression:
          'SET #status = :status, stoppedAt = :at, #out = :out REMOVE GSI1PK, GSI1SK',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#out': outcome.error ? 'error' : 'output',
        },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':at': outcome.stoppedAt,
          ':out': outcome.error ?? outcome.output ?? null,
        },
      }),
    );
  }

  /** Executions of `machine` still marked running (after a restart: to run again). */
  async running(machine: string): Promise<ExecutionRecord[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :p',
        ExpressionAttributeValues: { ':p': running(machine) },
      }),
    );
    return Items.map(strip);
  }
}

const key = (machine: string, name: string) => ({
  PK: `LOCALEXECUTION#${machine}#${name}`,
  SK: 'EXECUTION',
});
const STEP = 'STEP#';
const running = (machine: string) => `LOCALEXECUTION#RUNNING#${machine}`;

function strip(item: Record<string, unknown>): ExecutionRecord {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _h, ...record } = item;
  return record as unknown as ExecutionRecord;
}
