import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { loadComplaintPolicy } from '../../workflows/complaint-recovery/policy-loader.ts';
import { taskTokenKey } from '../adapters/stepfunctions/workflow-tasks.ts';
import { systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsWorkflows } from '../shared/aws/workflows.ts';
import { createComplaintStepsHandler } from './app.ts';
import { DynamoCaseStore } from './case-store.ts';

const table = process.env.RAPPORT_TABLE_NAME ?? '';
if (table.length < 3) throw new Error('RAPPORT_TABLE_NAME is required');
const db = awsDynamo();

export const handler = createComplaintStepsHandler({
  cases: new DynamoCaseStore(db, table),
  policy: loadComplaintPolicy(join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), 'workflows')),
  clock: systemClock,
  // Not wired to the dispatcher yet: the workflow records each message as failed and goes on.
  send: async (message) => {
    throw new Error(`complaint messages are not wired to the dispatcher (${message.template})`);
  },
  keepToken: async (caseId, token) => {
    await db.send(
      new PutCommand({ TableName: table, Item: { ...taskTokenKey(caseId), taskToken: token } }),
    );
  },
  resume: (caseId, output) => awsWorkflows(table).resume(caseId, output),
});
