import type { WorkflowTasks } from '../../../core/ports.ts';

/** The WorkflowTasks port in memory: workflows waiting under a reference, resumed at most once. */
export class FakeWorkflowTasks implements WorkflowTasks {
  private readonly waiting = new Set<string>();
  /** What each resumed workflow was handed, by reference. */
  readonly resumed = new Map<string, Record<string, unknown>>();

  /** Test setup: a workflow is waiting on a task token stored under `ref`. */
  wait(ref: string): void {
    this.waiting.add(ref);
  }

  async resume(ref: string, output: Record<string, unknown>): Promise<'resumed' | 'not-waiting'> {
    if (!this.waiting.delete(ref)) return 'not-waiting';
    this.resumed.set(ref, structuredClone(output));
    return 'resumed';
  }
}
