import { systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsStateMachine } from '../shared/aws/workflows.ts';
import { readConfig } from '../shared/config.ts';
import { complaintIntake } from './definition.ts';

export const handler = complaintIntake.create(readConfig(complaintIntake.config), {
  clock: systemClock,
  dynamo: awsDynamo,
  complaintWorkflow: awsStateMachine,
});
