import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { RapportTable } from '../../infra/constructs/rapport-table.ts';
import { TierRecalculation } from '../../infra/constructs/tier-recalculation.ts';
import { synthesizeDefinition } from './synthesize.ts';

let cached: StateMachineDefinition | undefined;

/** The tier recalculation's definition exactly as the stack deploys it (one synth per process). */
export function tierWorkflowDefinition(): StateMachineDefinition {
  cached ??= synthesizeDefinition((stack) => {
    new TierRecalculation(stack, 'Tiers', { table: new RapportTable(stack, 'Table') });
  });
  return structuredClone(cached);
}
