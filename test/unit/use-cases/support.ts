import { scheduleIdFor } from '../../../core/automation/plan.ts';
import type { Catalog } from '../../../core/catalog/catalog.ts';
import type { Customer } from '../../../core/customer/customer-view.ts';
import type { WakeDeps } from '../../../core/dispatch/execute-wake.ts';
import type { ActionDeps } from '../../../core/dispatch/run-action.ts';
import { linkMaker } from '../../../core/messaging/links.ts';
import type { ScheduledAction } from '../../../core/schedule.ts';
import type { CustomerDeps } from '../../../core/use-cases/customers.ts';
import type { PlanDeps } from '../../../core/use-cases/plan-from-event.ts';
import { aCustomer } from '../../support/builders.ts';
import { anAutomation, testCatalog } from '../../support/catalogs.ts';
import { type FakeWorld, fakeWorld } from '../../support/fakes/world.ts';

/** The catalog most tests use: `test-follow-up` (next day at 10:00, template `hello`), overridable. */
export const followUpCatalog = (overrides: Record<string, unknown> = {}): Catalog =>
  testCatalog([anAutomation(overrides)]);

export const customerDeps = (world: FakeWorld): CustomerDeps => ({
  customers: world.customers,
  interactions: world.interactions,
  clock: world.clock.now,
  newId: world.newId,
});

export const planDeps = (world: FakeWorld, catalog: Catalog = followUpCatalog()): PlanDeps => ({
  catalog,
  customers: world.customers,
  schedules: world.schedules,
  scheduler: world.scheduler,
  queue: world.queue,
  clock: world.clock.now,
  defaultTimeZone: 'UTC',
});

export const SENDER = { address: 'rapport@example.com', name: 'Rapport' } as const;

/** Signed links on a fixed key, so tests can verify what messages carry. */
export const LINK_KEY = Buffer.from('test-link-signing-key-0123456789abcdef');
export const TEST_LINKS = linkMaker({ baseUrl: 'https://rapport.test', key: LINK_KEY, days: 30 });
export const MAX_ATTEMPTS = 3;
export const LEASE_MS = 60_000;

export const wakeDeps = (
  world: FakeWorld,
  catalog: Catalog = followUpCatalog(),
  overrides: Partial<ActionDeps> = {},
): WakeDeps => ({
  catalog,
  customers: world.customers,
  schedules: world.schedules,
  senders: { email: world.mailer, sms: world.sms, phone: world.tasks, visit: world.tasks },
  scheduler: world.scheduler,
  queue: world.queue,
  links: TEST_LINKS,
  workflows: world.workflows,
  clock: world.clock.now,
  newId: world.newId,
  sender: SENDER,
  defaultTimeZone: 'UTC',
  maxAttempts: MAX_ATTEMPTS,
  leaseMs: LEASE_MS,
  ...overrides,
});

/** The event of Ana's visit (builders.ts) as the engine receives it. */
export const VISIT_EVENT_ID = 'interaction.recorded:pos-2026-11-23-0001';

/** Ana's `test-follow-up` action, planned from her visit: due 2026-11-24 at 10:00 in Bogotá. */
export function aSchedule(overrides: Partial<ScheduledAction> = {}): ScheduledAction {
  return {
    scheduleId: scheduleIdFor('test-follow-up', VISIT_EVENT_ID),
    automationId: 'test-follow-up',
    category: 'service',
    customerId: 'ana-garcia',
    triggerEventId: VISIT_EVENT_ID,
    trigger: { interaction: { type: 'visit' } },
    action: { kind: 'send-message', channel: 'email', template: 'hello' },
    due: {
      instant: '2026-11-24T15:00:00.000Z',
      localDateTime: '2026-11-24T10:00:00',
      timeZone: 'America/Bogota',
    },
    status: 'pending',
    attempts: 0,
    createdAt: '2026-11-23T20:00:01.000Z',
    updatedAt: '2026-11-23T20:00:01.000Z',
    ...overrides,
  };
}

/** For the send-message tests: five seconds after Ana's follow-up was due. */
export const NOW = '2026-11-24T15:00:05.000Z';

/** Ana (or `customer`, or nobody with null) and her follow-up, due when the sender wakes at NOW. */
export function sendSetup(
  options: { customer?: Customer | null; schedule?: ScheduledAction } = {},
) {
  const world = fakeWorld(NOW);
  if (options.customer !== null) world.customers.seed(options.customer ?? aCustomer());
  const schedule = options.schedule ?? aSchedule();
  world.schedules.seed(schedule);
  return { world, schedule, id: schedule.scheduleId };
}

/** The outbox operations the world saw, in order. */
export const outboxOperations = (world: FakeWorld) =>
  world.outbox.writes.map((write) => write.operation);
