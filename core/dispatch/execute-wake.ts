import { assertNever } from '../automation/conditions.ts';
import type { WorkflowTasks } from '../ports.ts';
import type { ActionOutcome } from './outcomes.ts';
import { type ReconcileDeps, type ReconcileResult, reconcile } from './reconcile.ts';
import { type ActionDeps, runPlannedAction } from './run-action.ts';
import type { JobName, Wake } from './wake.ts';

export type WakeDeps = ActionDeps & ReconcileDeps & { readonly workflows: WorkflowTasks };

export type WakeOutcome =
  | ({ readonly kind: 'run-action' } & ActionOutcome)
  | {
      readonly kind: 'resume-workflow';
      readonly ref: string;
      readonly status: 'resumed' | 'not-waiting';
    }
  | { readonly kind: 'run-job'; readonly job: JobName; readonly result: ReconcileResult };

/** The one place a wake-up is turned into work: every kind is handled, or this does not compile. */
export async function executeWake(deps: WakeDeps, wake: Wake): Promise<WakeOutcome> {
  switch (wake.kind) {
    case 'run-action':
      return { kind: wake.kind, ...(await runPlannedAction(deps, wake.scheduleId)) };
    case 'resume-workflow':
      return {
        kind: wake.kind,
        ref: wake.ref,
        status: await deps.workflows.resume(wake.ref, wake.output),
      };
    case 'run-job':
      return { kind: wake.kind, job: wake.job, result: await runJob(deps, wake.job) };
    default:
      return assertNever(wake);
  }
}

async function runJob(deps: WakeDeps, job: JobName): Promise<ReconcileResult> {
  switch (job) {
    case 'reconcile':
      return reconcile(deps);
    default:
      return assertNever(job);
  }
}
