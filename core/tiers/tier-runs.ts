import { NotFoundError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import type { TierExecution, TierRunStore, TierWorkflow } from './ports.ts';
import { requestTierRun, type TierRunRequested } from './request-run.ts';
import { RunId } from './steps.ts';

export interface TierRunDeps {
  readonly tierWorkflow: TierWorkflow;
  /** The run's record in the table: its plan and summary outlive the execution's history. */
  readonly tierRuns: Pick<TierRunStore, 'get'>;
  readonly clock: Clock;
}

/** `POST /tier-runs`: starts the run of `asOf` (default now); asking again starts nothing new. */
export function startTierRun(deps: TierRunDeps, body: unknown): Promise<TierRunRequested> {
  return requestTierRun({ workflow: deps.tierWorkflow, clock: deps.clock }, body, 'api');
}

export interface TierRunView {
  readonly runId: string;
  readonly status: TierExecution['status'];
  readonly asOf?: string;
  readonly trigger?: string;
  readonly attempt?: number;
  readonly startedAt: string;
  readonly stoppedAt?: string;
  /** Counts per tier and stage, movements, alerts, events, thresholds and model (when done). */
  readonly summary?: unknown;
  readonly error?: TierExecution['error'];
}

/**
 * `GET /tier-runs/{runId}`: the execution's status (a failed run has no summary, only its error)
 * with the run's record. A run started by the schedule is found the same way, by its id.
 */
export async function getTierRun(deps: TierRunDeps, runId: string): Promise<TierRunView> {
  const id = RunId.safeParse(runId);
  if (!id.success) throw new NotFoundError('tier run', runId);
  const [execution, record] = await Promise.all([
    deps.tierWorkflow.describe(id.data),
    deps.tierRuns.get(id.data),
  ]);
  if (!execution && !record) throw new NotFoundError('tier run', runId);
  const status = execution?.status ?? (record?.status === 'completed' ? 'SUCCEEDED' : 'RUNNING');
  const stoppedAt = execution?.stoppedAt ?? record?.finishedAt;
  return {
    runId: id.data,
    status,
    ...(record ? { asOf: record.asOf, trigger: record.trigger, attempt: record.attempt } : {}),
    startedAt: execution?.startedAt ?? record?.startedAt ?? '',
    ...(stoppedAt ? { stoppedAt } : {}),
    ...(record?.summary !== undefined ? { summary: record.summary } : {}),
    ...(execution?.error ? { error: execution.error } : {}),
  };
}
