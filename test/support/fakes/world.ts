import { FakeActionScheduler } from './action-scheduler.ts';
import { FakeClock, sequentialIds } from './clock.ts';
import { InMemoryCustomerStore } from './customer-store.ts';
import { InMemoryInteractionStore } from './interaction-store.ts';
import { ScriptedMailer } from './mailer.ts';
import { Outbox } from './outbox.ts';
import { InMemoryScheduleStore } from './schedule-store.ts';
import { FakeWorkQueue } from './work-queue.ts';
import { FakeWorkflowTasks } from './workflow-tasks.ts';

/**
 * Every port faked and wired as the real adapters share one table: one outbox, the interaction
 * store sees the customers and the message records the schedule store writes.
 */
export function fakeWorld(now: Date | string) {
  const outbox = new Outbox();
  const customers = new InMemoryCustomerStore(outbox);
  const schedules = new InMemoryScheduleStore(outbox);
  return {
    clock: new FakeClock(now),
    newId: sequentialIds(),
    outbox,
    customers,
    schedules,
    interactions: new InMemoryInteractionStore({ customers, messages: schedules, outbox }),
    scheduler: new FakeActionScheduler(),
    queue: new FakeWorkQueue(),
    mailer: new ScriptedMailer(),
    workflows: new FakeWorkflowTasks(),
  };
}

export type FakeWorld = ReturnType<typeof fakeWorld>;
