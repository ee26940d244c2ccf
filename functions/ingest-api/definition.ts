import { loadComplaintPolicy } from '../../workflows/complaint-recovery/policy-loader.ts';
import { DynamoEnrollmentStore } from '../adapters/dynamodb/automation-enrollment-store.ts';
import { DynamoAutomationSwitchStore } from '../adapters/dynamodb/automation-switch-store.ts';
import { DynamoCaseStore } from '../adapters/dynamodb/case-store.ts';
import { DynamoSurveyInvitationStore } from '../adapters/dynamodb/survey-invitation-store.ts';
import { DynamoSurveyResponseStore } from '../adapters/dynamodb/survey-response-store.ts';
import { DynamoSystemStateStore } from '../adapters/dynamodb/system-state-store.ts';
import { DynamoTaskStore } from '../adapters/dynamodb/task-store.ts';
import { DynamoTierRunStore } from '../adapters/dynamodb/tiers/run-store.ts';
import { DynamoValueWriter } from '../adapters/dynamodb/tiers/value-writer.ts';
import { workflowsDir } from '../shared/config.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { dynamoStores } from '../shared/stores.ts';
import { IngestConfig } from './config.ts';
import { createIngestHandler } from './routes.ts';

export const ingestApi = defineFunction({
  name: 'ingest-api',
  description: 'Rapport ingest HTTP API: customers, consent, interactions, automations',
  config: IngestConfig,
  // Reads: the composed customer (Query), external ids and idempotency keys (GetItem). Writes go
  // through TransactWriteItems, authorized per item action.
  tableActions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
  // The automations routes list and report on the deployed automation files.
  shipsWorkflowFiles: true,
  create: (
    config: IngestConfig,
    platform: Pick<
      Platform,
      'clock' | 'newId' | 'dynamo' | 'catalog' | 'tierWorkflow' | 'complaintWorkflow' | 'workflows'
    >,
  ) =>
    createIngestHandler({
      catalog: platform.catalog(config.RAPPORT_WORKFLOWS_DIR),
      switches: new DynamoAutomationSwitchStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      enrollments: new DynamoEnrollmentStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      systemState: new DynamoSystemStateStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      ...dynamoStores(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      tasks: new DynamoTaskStore(platform.dynamo(), config.RAPPORT_TABLE_NAME, platform.clock),
      tierWorkflow: platform.tierWorkflow(config.RAPPORT_TIER_WORKFLOW_ARN),
      tierRuns: new DynamoTierRunStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      surveyResponses: new DynamoSurveyResponseStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      surveyInvitations: new DynamoSurveyInvitationStore(
        platform.dynamo(),
        config.RAPPORT_TABLE_NAME,
      ),
      cases: new DynamoCaseStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      complaintPolicy: loadComplaintPolicy(workflowsDir(config.RAPPORT_WORKFLOWS_DIR)),
      complaintWorkflow: platform.complaintWorkflow(config.RAPPORT_COMPLAINT_WORKFLOW_ARN),
      workflows: platform.workflows(config.RAPPORT_TABLE_NAME),
      // The recovery rate reads a customer's interactions as the tier run re-reads one customer.
      customerHistories: new DynamoValueWriter(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      clock: platform.clock,
      newId: platform.newId,
    }),
});
