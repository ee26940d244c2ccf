/**
 * Waiting on the local clock: Wait states and task timeouts register here, and the local runtime
 * fires them as it moves time forward (`nextDueAt`, `fireDue`), like its scheduler's entries.
 * Timers live in memory: a restarted runtime sets them again as it replays its executions, from
 * the due times their journals kept (journal.ts).
 */
export class ClockTimers {
  private readonly timers = new Map<number, { dueAt: number; fire: () => void }>();
  private nextId = 0;

  /** Calls `fire` once the local clock reaches `dueAt`; the returned function cancels it. */
  at(dueAt: number, fire: () => void): () => void {
    const id = this.nextId++;
    this.timers.set(id, { dueAt, fire });
    return () => this.timers.delete(id);
  }

  /** Every pending due time, earliest first (tests wait for a timer before moving the clock). */
  pending(): number[] {
    return [...this.timers.values()].map(({ dueAt }) => dueAt).sort((p, q) => p - q);
  }

  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const { dueAt } of this.timers.values())
      if (next === undefined || dueAt < next) next = dueAt;
    return next;
  }

  fireDue(now: number): number {
    let fired = 0;
    for (const [id, timer] of [...this.timers].sort(([, p], [, q]) => p.dueAt - q.dueAt)) {
      if (timer.dueAt > now) continue;
      this.timers.delete(id);
      timer.fire();
      fired++;
    }
    return fired;
  }
}
