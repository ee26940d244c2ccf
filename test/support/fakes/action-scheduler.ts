import type { ActionScheduler, ScheduleRequest } from '../../../core/ports.ts';

/**
 * The ActionScheduler port in memory: a one-time schedule per name, as EventBridge Scheduler keeps
 * them. Every call is logged in `requests`, so a test can tell "armed again" from "never armed".
 */
export class FakeActionScheduler implements ActionScheduler {
  /** The schedules waiting to fire, by name. */
  readonly schedules = new Map<string, ScheduleRequest>();
  /** Every scheduleAt call, in order, including the ones that answered `exists`. */
  readonly requests: ScheduleRequest[] = [];

  async scheduleAt(request: ScheduleRequest): Promise<'created' | 'exists'> {
    this.requests.push(structuredClone(request));
    if (this.schedules.has(request.name)) return 'exists';
    this.schedules.set(request.name, structuredClone(request));
    return 'created';
  }

  async cancel(name: string): Promise<'cancelled' | 'not-found'> {
    return this.schedules.delete(name) ? 'cancelled' : 'not-found';
  }
}
