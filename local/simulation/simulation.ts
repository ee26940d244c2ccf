import type { Automation } from '../../core/automation/automation.ts';
import type { AutomationSwitchStore } from '../../core/automation/ports.ts';
import type { Catalog } from '../../core/catalog/catalog.ts';
import { executeWake, type WakeDeps } from '../../core/dispatch/execute-wake.ts';
import { TriggerEventType } from '../../core/events/registry.ts';
import { linkMaker, surveyLinks } from '../../core/messaging/links.ts';
import type { Events } from '../../core/ports.ts';
import { type PlanDeps, planFromEvent } from '../../core/use-cases/plan-from-event.ts';
import { SimCustomerStore } from './customer-store.ts';
import { SimEnrollmentStore } from './enrollment-store.ts';
import { eventsOfDay } from './events.ts';
import { noWorkflows, SimQueue, SimScheduler, SimSender, type Work } from './platform.ts';
import { generatePopulation } from './population.ts';
import { Random } from './random.ts';
import { type SimulationReport, tally } from './report.ts';
import { SimScheduleStore } from './schedule-store.ts';
import { Timeline } from './timeline.ts';

const DAY_MS = 86_400_000;
/** The dispatch queue's redrive policy: after this many receives a wake-up is dead-lettered. */
const MAX_RECEIVES = 8;
/** After the last day, keep the clock running until nothing is waiting, but not forever. */
const DRAIN_LIMIT_DAYS = 400;

export interface SimulationOptions {
  readonly catalog: Catalog;
  readonly customers: number;
  readonly days: number;
  readonly seed: number;
  /** The first simulated day (UTC midnight). */
  readonly start: Date;
  readonly defaultTimeZone?: string;
  /** Run every automation, also those whose file says `enabled: false`. @default false */
  readonly includeDisabled?: boolean;
  /** Called at every simulated day boundary (and once at the end). */
  readonly onDay?: (day: number, days: number) => void;
}

/**
 * A generated population replayed over `days` on a clock that jumps from one piece of work to the
 * next, through the real engine and dispatcher use cases (planFromEvent, executeWake, the
 * messaging decision inside) over in-memory adapters with the stores' semantics. Messages that
 * become events (message.sent) go back to the engine, as the outbox does. After the last day the
 * clock keeps running until every planned action has ended.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationReport> {
  const started = performance.now();
  const world = buildWorld(options);
  const { timeline, start } = world;
  for (let day = 0; day < options.days; day++)
    timeline.push(start + day * DAY_MS, { kind: 'day', day });
  const end = start + options.days * DAY_MS;
  const totals: Totals = { deadLettered: 0, engineErrors: 0, events: 0 };
  const limit = end + DRAIN_LIMIT_DAYS * DAY_MS;
  for (let next = timeline.pop(); next && next.at <= limit; next = timeline.pop()) {
    world.setNow(Math.max(world.now(), next.at));
    await step(world, next.item, options, totals);
  }
  options.onDay?.(options.days, options.days);
  return tally({
    records: world.schedules.records.values(),
    catalog: options.catalog,
    counts: async (id) => world.enrollments.counts(id),
    customers: options.customers,
    days: options.days,
    seed: options.seed,
    start: new Date(start),
    ...totals,
    simulatedUntil: new Date(world.now()),
    endOfDays: new Date(end),
    seconds: (performance.now() - started) / 1000,
  });
}

type Item = Work | { kind: 'day'; day: number };

interface Totals {
  deadLettered: number;
  engineErrors: number;
  events: number;
  /** The first engine failure, so a broken automation is named rather than only counted. */
  firstEngineError?: string;
}
type World = ReturnType<typeof buildWorld>;

/** One piece of work at its time: a day's events, an event for the engine, a wake-up. */
async function step(
  world: World,
  work: Item,
  options: SimulationOptions,
  totals: Totals,
): Promise<void> {
  const { timeline } = world;
  if (work.kind === 'day') {
    options.onDay?.(work.day, options.days);
    const { start, people, random, defaultTimeZone } = world;
    const day = eventsOfDay(work.day, start, people, options.catalog, random, defaultTimeZone);
    for (const { at, event } of day) timeline.push(at, { kind: 'event', event });
    return;
  }
  if (work.kind === 'event') {
    totals.events += 1;
    await planFromEvent(world.planDeps, work.event).catch((error: unknown) => {
      totals.engineErrors += 1;
      totals.firstEngineError ??= `${work.event.type} ${work.event.id}: ${String(error)}`;
    });
    return;
  }
  if (work.name !== undefined && !world.scheduler.fire(work.name)) return;
  try {
    await executeWake(world.wakeDeps, work.wake);
  } catch {
    // The queue's retry: visible again after a backoff, dead-lettered after MAX_RECEIVES.
    const receives = work.receives + 1;
    if (receives >= MAX_RECEIVES) totals.deadLettered += 1;
    else
      timeline.push(world.now() + 60_000 * 2 ** (receives - 1), {
        kind: 'wake',
        wake: work.wake,
        receives,
      });
  }
}

/** The population, the stores, the platform and the use cases' dependencies, on one clock. */
function buildWorld(options: SimulationOptions) {
  const random = new Random(options.seed);
  const { start: first } = options;
  const start = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate());
  const defaultTimeZone = options.defaultTimeZone ?? 'UTC';
  const timeline = new Timeline<Item>();
  let now = start;
  const clock = () => new Date(now);
  const feedBack = (events: Events) => {
    for (const event of events) {
      if (TriggerEventType.safeParse(event.type).success)
        timeline.push(now, { kind: 'event', event });
    }
  };
  const customers = new SimCustomerStore(feedBack);
  const schedules = new SimScheduleStore(feedBack);
  const attributes = options.catalog.attributes;
  const people = generatePopulation(options.customers, random, new Date(start), attributes);
  for (const { customer } of people) customers.add(customer);
  const scheduler = new SimScheduler(timeline as Timeline<Work>);
  const queue = new SimQueue(timeline as Timeline<Work>, () => now);
  const sends = new Random(options.seed ^ 0x5bd1e995);
  const senders = {
    email: new SimSender(sends, { permanent: 0.01, transient: 0.005 }),
    sms: new SimSender(sends, { permanent: 0.02, transient: 0.005 }),
    phone: new SimSender(sends, { permanent: 0, transient: 0 }),
    visit: new SimSender(sends, { permanent: 0, transient: 0 }),
  };
  const switches = options.includeDisabled ? allOn(options.catalog.automations) : undefined;
  const enrollments = new SimEnrollmentStore();
  const planDeps: PlanDeps = {
    catalog: options.catalog,
    customers,
    schedules,
    scheduler,
    queue,
    clock,
    defaultTimeZone,
    enrollments,
    ...(switches ? { switches } : {}),
  };
  let ids = 0;
  const wakeDeps: WakeDeps = {
    ...planDeps,
    senders,
    links: linkMaker({ baseUrl: 'https://rapport.example.com', key: new Uint8Array(32), days: 30 }),
    newId: () => `claim-${++ids}`,
    sender: { address: 'rapport@example.com', name: 'Rapport' },
    maxAttempts: 3,
    leaseMs: 5 * 60_000,
    workflows: noWorkflows,
    systemState: customers,
    surveys: {
      policy: options.catalog.surveys,
      // One event at a time here, so a plain compare-and-set is the conditional write.
      invitations: {
        recordInvitation: async (customerId, next, expected) => {
          const customer = await customers.getCustomer(customerId);
          if (customer?.survey?.lastInvitedAt !== expected) return false;
          await customers.put(customerId, 'survey', next);
          return true;
        },
      },
      // The simulation keeps no interaction history: the same-day rule is not simulated.
      interactions: { timeline: async () => ({ interactions: [], messages: [] }) },
      makeLinks: (link) =>
        surveyLinks({ baseUrl: 'https://rapport.example.com', key: new Uint8Array(32), ...link }),
    },
    ...(options.includeDisabled ? { isEnabled: async () => true } : {}),
  };
  return {
    random,
    start,
    defaultTimeZone,
    timeline,
    people,
    schedules,
    enrollments,
    scheduler,
    planDeps,
    wakeDeps,
    now: () => now,
    setNow: (at: number) => {
      now = at;
    },
  };
}

/** Switches that turn every automation on, for `--include-disabled`. */
function allOn(automations: readonly Automation[]): AutomationSwitchStore {
  const set = new Map(
    automations.map((a) => [a.id, { automationId: a.id, enabled: true, by: 'simulate', at: '' }]),
  );
  return {
    switches: async () => set,
    setSwitch: async () => {},
    history: async () => [],
  };
}
