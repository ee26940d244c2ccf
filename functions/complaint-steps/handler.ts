import { systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsQueue } from '../shared/aws/queue.ts';
import { awsWorkflows } from '../shared/aws/workflows.ts';
import { readConfig } from '../shared/config.ts';
import { complaintSteps } from './definition.ts';

export const handler = complaintSteps.create(readConfig(complaintSteps.config), {
  clock: systemClock,
  dynamo: awsDynamo,
  queue: awsQueue,
  workflows: awsWorkflows,
});
