import { newId, systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { readConfig } from '../shared/config.ts';
import { ingestApi } from './definition.ts';

export const handler = ingestApi.create(readConfig(ingestApi.config), {
  clock: systemClock,
  newId,
  dynamo: awsDynamo,
});
