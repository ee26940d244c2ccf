import { systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { readConfig } from '../shared/config.ts';
import { tierRun } from './definition.ts';

export const handler = tierRun.create(readConfig(tierRun.config), {
  clock: systemClock,
  dynamo: awsDynamo,
});
