import { DynamoEnrollmentStore } from '../adapters/dynamodb/automation-enrollment-store.ts';
import { DynamoAutomationSwitchStore } from '../adapters/dynamodb/automation-switch-store.ts';
import { DynamoSurveyInvitationStore } from '../adapters/dynamodb/survey-invitation-store.ts';
import { DynamoSurveyResponseStore } from '../adapters/dynamodb/survey-response-store.ts';
import { DynamoSystemStateStore } from '../adapters/dynamodb/system-state-store.ts';
import { DynamoTaskStore } from '../adapters/dynamodb/task-store.ts';
import { DynamoTierRunStore } from '../adapters/dynamodb/tiers/run-store.ts';
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
  loadsCatalog: true,
  create: (
    config: IngestConfig,
    platform: Pick<Platform, 'clock' | 'newId' | 'dynamo' | 'catalog' | 'tierWorkflow'>,
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
      clock: platform.clock,
      newId: platform.newId,
    }),
});
