import { bundledCatalog } from '../shared/aws/catalog.ts';
import { systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsQueue } from '../shared/aws/queue.ts';
import { awsScheduler } from '../shared/aws/scheduler.ts';
import { readConfig } from '../shared/config.ts';
import { automationEngine } from './definition.ts';

export const handler = automationEngine.create(readConfig(automationEngine.config), {
  clock: systemClock,
  dynamo: awsDynamo,
  catalog: bundledCatalog,
  scheduler: awsScheduler,
  queue: awsQueue,
});
