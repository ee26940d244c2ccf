import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { EventBridgeBus } from '../adapters/eventbridge/event-bridge-bus.ts';
import { EventBridgeActionScheduler } from '../adapters/scheduler/event-bridge-scheduler.ts';
import { bundledCatalog, dynamoStores, systemClock } from '../shared/aws-deps.ts';
import { EngineConfig, readConfig } from '../shared/config.ts';
import { createEngineHandler } from './app.ts';

const config = readConfig(EngineConfig);

export const handler = createEngineHandler({
  ...dynamoStores(config.RAPPORT_TABLE_NAME),
  catalog: bundledCatalog(config.RAPPORT_WORKFLOWS_DIR),
  scheduler: new EventBridgeActionScheduler(new SchedulerClient(), {
    groupName: config.RAPPORT_SCHEDULER_GROUP,
    targetArn: config.RAPPORT_DISPATCHER_ARN,
    roleArn: config.RAPPORT_SCHEDULER_ROLE_ARN,
    deadLetterArn: config.RAPPORT_SCHEDULE_DLQ_ARN,
    flexibleWindowMinutes: config.RAPPORT_FLEXIBLE_WINDOW_MINUTES,
  }),
  bus: new EventBridgeBus(new EventBridgeClient(), config.RAPPORT_EVENT_BUS_NAME),
  clock: systemClock,
  defaultTimeZone: config.RAPPORT_DEFAULT_TIME_ZONE,
});
