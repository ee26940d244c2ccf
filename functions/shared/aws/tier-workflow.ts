import { SFNClient } from '@aws-sdk/client-sfn';
import { StepFunctionsTierWorkflow } from '../../adapters/stepfunctions/tier-workflow.ts';
import { CLIENT_CONFIG, once } from './client-config.ts';

const client = once(() => new SFNClient(CLIENT_CONFIG));

export const awsTierWorkflow = (stateMachineArn: string) =>
  new StepFunctionsTierWorkflow(client(), stateMachineArn);
