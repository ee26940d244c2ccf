import type { Clock } from '../../core/ports.ts';
import type { TierWorkflow } from '../../core/tiers/ports.ts';
import { requestTierRun, type TierRunRequested } from '../../core/tiers/request-run.ts';
import type { ExecutionRecord } from '../step-functions/executions.ts';
import type { LocalStateMachine } from '../step-functions/local-state-machine.ts';

/**
 * Tier runs on the local runtime: started the way the API starts them (an execution named after
 * the run), and awaited, since locally the caller often wants the summary right away.
 */
export function localTierRuns(machine: LocalStateMachine, clock: Clock) {
  /** What the ingest API's tier routes use locally: StartExecution and DescribeExecution. */
  const workflow: TierWorkflow = {
    start: (name, input) => machine.start(name, input),
    describe: async (name) => {
      const record = await machine.describe(name);
      if (!record) return undefined;
      const { status, startedAt, stoppedAt, output, error } = record;
      return {
        status,
        startedAt,
        ...(stoppedAt ? { stoppedAt } : {}),
        ...(output !== undefined ? { output } : {}),
        ...(error ? { error } : {}),
      };
    },
  };
  return {
    start: (body: unknown = {}, trigger = 'local'): Promise<TierRunRequested> =>
      requestTierRun({ workflow, clock }, body, trigger),
    /** The execution's end: its output is the run summary (or its error). */
    result: (runId: string): Promise<ExecutionRecord | undefined> => machine.result(runId),
    workflow,
    machine,
  };
}
