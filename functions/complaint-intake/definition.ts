import { currentRound, recoveryExecutionName } from '../../core/complaints/case.ts';
import { loadComplaintPolicy } from '../../workflows/complaint-recovery/policy-loader.ts';
import { DynamoCaseStore } from '../adapters/dynamodb/case-store.ts';
import { DynamoCustomerStore } from '../adapters/dynamodb/customer-store.ts';
import { DynamoSystemStateStore } from '../adapters/dynamodb/system-state-store.ts';
import { workflowsDir } from '../shared/config.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { createComplaintIntakeHandler } from './app.ts';
import { ComplaintIntakeConfig } from './config.ts';

/** Opens one case per complaint event and starts its recovery workflow. */
export const complaintIntake = defineFunction({
  name: 'complaint-intake',
  description: 'Rapport complaint intake: complaint events to cases and recovery workflows',
  config: ComplaintIntakeConfig,
  // Query: the composed customer and the open cases. PutItem: the case (conditional) and the
  // holds part with its complaint.opened outbox item (a transaction).
  tableActions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'ConditionCheckItem'],
  shipsWorkflowFiles: true,
  create: (
    config: ComplaintIntakeConfig,
    platform: Pick<Platform, 'clock' | 'dynamo' | 'complaintWorkflow'>,
  ) => {
    const db = platform.dynamo();
    const table = config.RAPPORT_TABLE_NAME;
    const workflow = platform.complaintWorkflow(config.RAPPORT_COMPLAINT_WORKFLOW_ARN);
    return createComplaintIntakeHandler({
      customers: new DynamoCustomerStore(db, table),
      cases: new DynamoCaseStore(db, table),
      systemState: new DynamoSystemStateStore(db, table),
      policy: loadComplaintPolicy(workflowsDir(config.RAPPORT_WORKFLOWS_DIR)),
      clock: platform.clock,
      startRecovery: (c) =>
        workflow.start(recoveryExecutionName(c.caseId, currentRound(c).round), {
          caseId: c.caseId,
        }),
    });
  },
});
