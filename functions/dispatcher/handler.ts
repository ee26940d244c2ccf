import { bundledCatalog } from '../shared/aws/catalog.ts';
import { newId, systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsQueue } from '../shared/aws/queue.ts';
import { awsSes } from '../shared/aws/ses.ts';
import { awsWorkflows } from '../shared/aws/workflows.ts';
import { readConfig } from '../shared/config.ts';
import { dispatcher } from './definition.ts';

export const handler = dispatcher.create(readConfig(dispatcher.config), {
  clock: systemClock,
  newId,
  dynamo: awsDynamo,
  ses: awsSes,
  queue: awsQueue,
  workflows: awsWorkflows,
  catalog: bundledCatalog,
});
