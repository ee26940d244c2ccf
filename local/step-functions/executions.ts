import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';

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
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': key(machine, name).PK },
        ConsistentRead: true,
      }),
    );
    return Items[0] ? strip(Items[0]) : undefined;
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
const running = (machine: string) => `LOCALEXECUTION#RUNNING#${machine}`;

function strip(item: Record<string, unknown>): ExecutionRecord {
  const { PK: _p, SK: _s, GSI1PK: _g, GSI1SK: _h, ...record } = item;
  return record as unknown as ExecutionRecord;
}
