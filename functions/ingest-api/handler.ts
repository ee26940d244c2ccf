import { bundledCatalog } from '../shared/aws/catalog.ts';
import { newId, systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsStateMachine, awsWorkflows } from '../shared/aws/workflows.ts';
import { readConfig } from '../shared/config.ts';
import { ingestApi } from './definition.ts';

export const handler = ingestApi.create(readConfig(ingestApi.config), {
  clock: systemClock,
  newId,
  dynamo: awsDynamo,
  tierWorkflow: awsStateMachine,
  complaintWorkflow: awsStateMachine,
  workflows: awsWorkflows,
  catalog: bundledCatalog,
});
