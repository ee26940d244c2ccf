import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflowTasks } from '../../adapters/stepfunctions/workflow-tasks.ts';
import { CLIENT_CONFIG, once } from './client-config.ts';
import { awsDynamo } from './dynamo.ts';

const client = once(() => new SFNClient(CLIENT_CONFIG));

export const awsWorkflows = (tableName: string) =>
  new StepFunctionsWorkflowTasks(client(), awsDynamo(), tableName);
