import * as z from 'zod';

/** Recurring jobs the platform runs on a schedule. */
export const JobName = z.enum(['reconcile']);
export type JobName = z.infer<typeof JobName>;

/**
 * What a schedule (or the queue) wakes the dispatcher for. EventBridge Scheduler puts one of these
 * on the dispatch queue; the reconciler and the engine put them there directly.
 */
export const Wake = z.discriminatedUnion('kind', [
  /** Carry out one planned action (send a message, ...). */
  z.strictObject({ kind: z.literal('run-action'), scheduleId: z.string().min(1).max(200) }),
  /** Hand a result to a workflow waiting on a task token stored under `ref`. */
  z.strictObject({
    kind: z.literal('resume-workflow'),
    ref: z.string().min(1).max(200),
    output: z.record(z.string(), z.unknown()).default({}),
  }),
  /** Run a recurring platform job. */
  z.strictObject({ kind: z.literal('run-job'), job: JobName }),
]);
export type Wake = z.infer<typeof Wake>;
