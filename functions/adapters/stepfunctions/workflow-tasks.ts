import { SendTaskSuccessCommand, type SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import type { WorkflowTasks } from '../../../core/ports.ts';

/** Where a waiting workflow's task token is kept, by the reference its resumer knows (a case id). */
export const taskTokenKey = (ref: string) => ({ PK: `TASKTOKEN#${ref}`, SK: 'TOKEN' });

/** Keeps a waiting task's token under `ref`, where `resume` (the case API) finds it. */
export async function storeTaskToken(
  db: DynamoDBDocumentClient,
  tableName: string,
  ref: string,
  taskToken: string,
): Promise<void> {
  await db.send(
    new PutCommand({ TableName: tableName, Item: { ...taskTokenKey(ref), taskToken } }),
  );
}

/**
 * Resumes a Step Functions execution waiting on `.waitForTaskToken`: the workflow stored its token
 * under `ref`; this hands `output` to it. A token that is gone, or whose task already ended, means
 * nothing is waiting any more.
 */
export class StepFunctionsWorkflowTasks implements WorkflowTasks {
  constructor(
    private readonly sfn: SFNClient,
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async resume(ref: string, output: Record<string, unknown>): Promise<'resumed' | 'not-waiting'> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: taskTokenKey(ref), ConsistentRead: true }),
    );
    if (typeof Item?.taskToken !== 'string') return 'not-waiting';
    try {
      await this.sfn.send(
        new SendTaskSuccessCommand({ taskToken: Item.taskToken, output: JSON.stringify(output) }),
      );
    } catch (error) {
      if (!(error instanceof TaskTimedOut) && (error as Error).name !== 'InvalidToken') throw error;
      return 'not-waiting';
    } finally {
      await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: taskTokenKey(ref) }));
    }
    return 'resumed';
  }
}
