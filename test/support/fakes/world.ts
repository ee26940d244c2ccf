import { FakeActionScheduler } from './action-scheduler.ts';
import { FakeClock, sequentialIds } from './clock.ts';
import { InMemoryCustomerStore } from './customer-store.ts';
import { InMemoryInteractionStore } from './interaction-store.ts';
import { Outbox } from './outbox.ts';
import { InMemoryScheduleStore } from './schedule-store.ts';
import { ScriptedSender } from './sender.ts';
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
    /** The email sender; `sms` and `tasks` for the other channels. */
    mailer: new ScriptedSender(),
    sms: new ScriptedSender(),
    tasks: new ScriptedSender(),
    workflows: new FakeWorkflowTasks(),
  };
}

export type FakeWorld = ReturnType<typeof fakeWorld>;
