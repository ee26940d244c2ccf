import { DynamoEnrollmentStore } from '../adapters/dynamodb/automation-enrollment-store.ts';
import { DynamoAutomationSwitchStore } from '../adapters/dynamodb/automation-switch-store.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { dynamoStores } from '../shared/stores.ts';
import { createEngineHandler } from './app.ts';
import { EngineConfig } from './config.ts';

export const automationEngine = defineFunction({
  name: 'automation-engine',
  description: 'Rapport automation engine: trigger events to planned, armed actions',
  config: EngineConfig,
  shipsWorkflowFiles: true,
  // UpdateItem: enrollment counts (ADD) and an exit's cancelled schedules.
  tableActions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
  create: (
    config: EngineConfig,
    platform: Pick<Platform, 'clock' | 'dynamo' | 'catalog' | 'scheduler' | 'queue'>,
  ) =>
    createEngineHandler({
      ...dynamoStores(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      enrollments: new DynamoEnrollmentStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      switches: new DynamoAutomationSwitchStore(platform.dynamo(), config.RAPPORT_TABLE_NAME),
      catalog: platform.catalog(config.RAPPORT_WORKFLOWS_DIR),
      scheduler: platform.scheduler({
        groupName: config.RAPPORT_SCHEDULER_GROUP,
        queueArn: config.RAPPORT_DISPATCH_QUEUE_ARN,
        roleArn: config.RAPPORT_SCHEDULER_ROLE_ARN,
        deadLetterArn: config.RAPPORT_SCHEDULE_DLQ_ARN,
        flexibleWindowMinutes: config.RAPPORT_FLEXIBLE_WINDOW_MINUTES,
      }),
      queue: platform.queue(config.RAPPORT_DISPATCH_QUEUE_URL),
      clock: platform.clock,
      defaultTimeZone: config.RAPPORT_DEFAULT_TIME_ZONE,
    }),
});
