import { bundledCatalog } from '../shared/aws/catalog.ts';
import { newId, systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsTierWorkflow } from '../shared/aws/tier-workflow.ts';
import { readConfig } from '../shared/config.ts';
import { ingestApi } from './definition.ts';

export const handler = ingestApi.create(readConfig(ingestApi.config), {
  clock: systemClock,
  newId,
  dynamo: awsDynamo,
  tierWorkflow: awsTierWorkflow,
  catalog: bundledCatalog,
});
