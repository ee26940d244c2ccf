import { handOverMessage } from '../../core/complaints/messages.ts';
import { loadComplaintPolicy } from '../../workflows/complaint-recovery/policy-loader.ts';
import { DynamoCaseStore } from '../adapters/dynamodb/case-store.ts';
import { DynamoScheduleStore } from '../adapters/dynamodb/schedule-store.ts';
import { storeTaskToken } from '../adapters/stepfunctions/workflow-tasks.ts';
import { workflowsDir } from '../shared/config.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { createComplaintStepsHandler } from './app.ts';
import { ComplaintStepsConfig } from './config.ts';

/**
 * The complaint recovery's task handler (core/complaints/recovery-steps.ts): assign, acknowledge,
 * remind, escalate, mark at risk, thank, follow up. Its messages go to the dispatcher's queue.
 */
export const complaintSteps = defineFunction({
  name: 'complaint-steps',
  description: 'Rapport complaint recovery steps: assign, acknowledge, remind, escalate, thank',
  config: ComplaintStepsConfig,
  // GetItem/PutItem: the case (conditional on its history length), the task token, the planned
  // message (a transaction with its outbox). Query: the open cases, for the least-loaded owner.
  // DeleteItem: a token handed on is removed (a resolution that came in between two waits).
  tableActions: ['GetItem', 'Query', 'PutItem', 'DeleteItem', 'ConditionCheckItem'],
  // complaints.yaml travels with the bundle like the catalog's files (infra/paths.ts).
  shipsWorkflowFiles: true,
  create: (
    config: ComplaintStepsConfig,
    platform: Pick<Platform, 'clock' | 'dynamo' | 'queue' | 'workflows'>,
  ) => {
    const db = platform.dynamo();
    const table = config.RAPPORT_TABLE_NAME;
    const policy = loadComplaintPolicy(workflowsDir(config.RAPPORT_WORKFLOWS_DIR));
    const handOver = {
      schedules: new DynamoScheduleStore(db, table),
      queue: platform.queue(config.RAPPORT_DISPATCH_QUEUE_URL),
      policy,
      clock: platform.clock,
      defaultTimeZone: config.RAPPORT_DEFAULT_TIME_ZONE,
    };
    const workflows = platform.workflows(table);
    return createComplaintStepsHandler({
      cases: new DynamoCaseStore(db, table),
      policy,
      clock: platform.clock,
      send: (message) => handOverMessage(handOver, message),
      keepToken: (caseId, token) => storeTaskToken(db, table, caseId, token),
      resume: (caseId, output) => workflows.resume(caseId, output),
    });
  },
});
