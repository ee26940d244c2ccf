import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { ComplaintRecovery } from '../../infra/constructs/complaint-recovery.ts';
import { DispatchQueue } from '../../infra/constructs/dispatch-queue.ts';
import { RapportBus } from '../../infra/constructs/rapport-bus.ts';
import { RapportTable } from '../../infra/constructs/rapport-table.ts';
import { synthesizeDefinition } from '../step-functions/synthesize.ts';

let cached: StateMachineDefinition | undefined;

/** The complaint recovery's definition exactly as the stack deploys it (one synth per process). */
export function complaintRecoveryDefinitionForLocal(): StateMachineDefinition {
  cached ??= synthesizeDefinition((stack) => {
    new ComplaintRecovery(stack, 'Complaints', {
      table: new RapportTable(stack, 'Table'),
      bus: new RapportBus(stack, 'Bus'),
      queue: new DispatchQueue(stack, 'DispatchQueue'),
      defaultTimeZone: 'UTC',
    });
  });
  return structuredClone(cached);
}
