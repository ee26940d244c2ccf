import { DeleteCommand, type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { WorkflowTasks } from '../core/ports.ts';
import { taskTokenKey } from '../functions/adapters/stepfunctions/workflow-tasks.ts';

/** Completes a waiting local execution's task (registered by the local state machine runner). */
export type LocalTaskResolver = (output: Record<string, unknown>) => void;

/**
 * `SendTaskSuccess`, locally: the token is looked up where the AWS adapter looks it up (the same
 * item in the table), and handed to the local execution that waits on it. An execution registers
 * its resolver under its token when it starts waiting; with none registered, nothing is waiting.
 */
export class LocalWorkflowTasks implements WorkflowTasks {
  private readonly waiting = new Map<string, LocalTaskResolver>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  register(taskToken: string, resolve: LocalTaskResolver): void {
    this.waiting.set(taskToken, resolve);
  }

  async resume(ref: string, output: Record<string, unknown>): Promise<'resumed' | 'not-waiting'> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: taskTokenKey(ref), ConsistentRead: true }),
    );
    const token = typeof Item?.taskToken === 'string' ? Item.taskToken : undefined;
    const resolve = token ? this.waiting.get(token) : undefined;
    if (!token || !resolve) return 'not-waiting';
    this.waiting.delete(token);
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: taskTokenKey(ref) }));
    resolve(output);
    return 'resumed';
  }
}
