import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ComplaintRecovery } from '../../infra/constructs/complaint-recovery.ts';
import { RapportTable } from '../../infra/constructs/rapport-table.ts';
import { synthesizeDefinition } from '../step-functions/synthesize.ts';

let cached: StateMachineDefinition | undefined;

/** The complaint recovery's definition exactly as the stack deploys it (one synth per process). */
export function complaintRecoveryDefinitionForLocal(): StateMachineDefinition {
  cached ??= synthesizeDefinition((stack) => {
    new ComplaintRecovery(stack, 'Complaints', { table: new RapportTable(stack, 'Table') });
  });
  return structuredClone(cached);
}
