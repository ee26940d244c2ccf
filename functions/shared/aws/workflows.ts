import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsWorkflow } from '../../adapters/stepfunctions/step-functions-workflow.ts';
import { StepFunctionsWorkflowTasks } from '../../adapters/stepfunctions/workflow-tasks.ts';
import { CLIENT_CONFIG, once } from './client-config.ts';
import { awsDynamo } from './dynamo.ts';

const client = once(() => new SFNClient(CLIENT_CONFIG));

/** Task tokens stored in the table, resumed with SendTaskSuccess. */
export const awsWorkflows = (tableName: string) =>
  new StepFunctionsWorkflowTasks(client(), awsDynamo(), tableName);

/** A state machine's executions: started by name (idempotent), described by name. */
export const awsStateMachine = (stateMachineArn: string) =>
  new StepFunctionsWorkflow(client(), stateMachineArn);
