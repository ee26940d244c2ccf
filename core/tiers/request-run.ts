import type { Clock, WorkflowStarter } from '../ports.ts';
import { parseInput } from '../use-cases/parse-input.ts';
import { runIdFor, StartRequest } from './steps.ts';

export interface TierRunRequested {
  readonly runId: string;
  readonly asOf: string;
  /** `exists`: a run for that instant was started before (the same run; nothing new starts). */
  readonly status: 'started' | 'exists';
}

/**
 * Starts a tier recalculation on demand (HTTP API, local CLI). The execution is named after the run,
 * and the run after its instant, so asking twice for the same instant starts one run.
 */
export async function requestTierRun(
  deps: { readonly workflow: WorkflowStarter; readonly clock: Clock },
  body: unknown,
  trigger: string,
): Promise<TierRunRequested> {
  const given = body && typeof body === 'object' ? body : {};
  const request = parseInput(StartRequest, { trigger, ...given });
  const asOf = new Date(
    request.asOf ?? Math.floor(deps.clock().getTime() / 1000) * 1000,
  ).toISOString();
  const runId = request.runId ?? runIdFor(asOf);
  const status = await deps.workflow.start(runId, {
    asOf,
    runId,
    trigger: request.trigger,
  });
  return { runId, asOf, status };
}
