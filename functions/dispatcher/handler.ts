import { bundledCatalog } from '../shared/aws/catalog.ts';
import { newId, systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsLinkKey } from '../shared/aws/link-key.ts';
import { awsQueue } from '../shared/aws/queue.ts';
import { awsScheduler } from '../shared/aws/scheduler.ts';
import { awsSes } from '../shared/aws/ses.ts';
import { awsSms } from '../shared/aws/sms.ts';
import { awsWorkflows } from '../shared/aws/workflows.ts';
import { readConfig } from '../shared/config.ts';
import { dispatcher } from './definition.ts';

const config = readConfig(dispatcher.config);

export const handler = dispatcher.create(config, {
  clock: systemClock,
  newId,
  dynamo: awsDynamo,
  ses: awsSes,
  sms: awsSms,
  scheduler: awsScheduler,
  queue: awsQueue,
  workflows: awsWorkflows,
  catalog: bundledCatalog,
  linkKey: await awsLinkKey(config.RAPPORT_LINK_KEY_SECRET_ARN),
});
