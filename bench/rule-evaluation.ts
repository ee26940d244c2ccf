import { type Automation, Automation as AutomationSchema } from '../core/automation/automation.ts';
import { computeDueTime, type DueTime, luxonDueTime } from '../core/automation/delay.ts';
import { type PlannedAction, planActions } from '../core/automation/plan.ts';
import type { Customer } from '../core/customer/customer-view.ts';
import { EMPTY_SYSTEM_STATE } from '../core/customer/system-state.ts';
import type { DomainEvent } from '../core/events/registry.ts';
import { type Interaction, InteractionType } from '../core/interaction/interaction.ts';
import { loadCatalog } from '../workflows/catalog-loader.ts';
import { type Measurement, measureSync } from './measure.ts';

/** Ten zones with their oddities: no DST, both hemispheres, 30- and 45-minute offsets and DST. */
const ZONES = [
  'America/Bogota',
  'America/Mexico_City',
  'America/New_York',
  'America/Santiago',
  'America/St_Johns',
  'Europe/Madrid',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'UTC',
];
const LOCALES = ['es-CO', 'es', 'en', 'pt-BR', 'es-MX'];
const SEGMENTS = ['retail', 'wholesale', 'online'];
/** Interaction types by how often touchpoints record them (purchases and visits dominate). */
const TYPE_MIX: InteractionType[] = [
  ...Array<InteractionType>(6).fill('purchase'),
  ...Array<InteractionType>(4).fill('visit'),
  'call',
  'call',
  'chat',
  'chat',
  'support',
  'support',
  'email',
  'complaint',
  'return',
  'quote',
  'event-attendance',
  'other',
];
const WITH_AMOUNT = new Set<InteractionType>(['purchase', 'return', 'quote']);

/** Now, for the run: three weeks after Europe's and in the week of the southern DST changes. */
const NOW = new Date('2026-04-08T12:00:00.000Z');
const SPAN_MS = 21 * 86_400_000;

const send = { kind: 'send-message', channel: 'email', template: 'next-day-follow-up' } as const;

const DELAYS = [
  { kind: 'next-day-at', time: '10:00' },
  { kind: 'after', duration: 'PT2H' },
  { kind: 'after', duration: 'P1D' },
  { kind: 'none' },
  { kind: 'after', duration: 'P3D' },
  { kind: 'next-day-at', time: '18:30' },
  { kind: 'after', duration: 'P1M' },
  { kind: 'after', duration: 'P1W' },
  { kind: 'after', duration: 'PT30M' },
  { kind: 'next-day-at', time: '09:00' },
  { kind: 'after', duration: 'P1Y' },
] as const;

const automation = (fields: Record<string, unknown>): Automation =>
  AutomationSchema.parse({
    description: 'benchmark automation',
    owner: 'bench',
    enabled: true,
    category: 'marketing',
    action: send,
    conditions: [],
    ...fields,
  });

/**
 * 50 automations: the shipped one, three per interaction type (any, high amount, Spanish-speaking
 * VIP), a welcome series on registration and consent confirmations. Parsed with the automation
 * schema and indexed by trigger as the catalog does: Catalog.build refuses conditions on
 * `interaction.amount.*` today, because the interaction.recorded sample it checks fact paths
 * against has no amount (core/events/interaction-events.ts).
 */
export function benchAutomations(): Automation[] {
  const perType = InteractionType.options.flatMap((type, i) => {
    const isType = { fact: 'interaction.type', op: 'equals', value: type };
    const trigger = { event: 'interaction.recorded' };
    return [
      automation({ id: `${type}-thanks`, trigger, conditions: [isType], delay: DELAYS[i % 11] }),
      automation({
        id: `${type}-high-value`,
        trigger,
        conditions: [isType, { fact: 'interaction.amount.value', op: 'gte', value: 500 }],
        delay: DELAYS[(i + 4) % 11],
      }),
      automation({
        id: `${type}-vip-es`,
        trigger,
        conditions: [
          isType,
          { fact: 'customer.attributes.vip', op: 'equals', value: true },
          { fact: 'customer.locale', op: 'in', value: ['es', 'es-CO', 'es-MX'] },
        ],
        delay: DELAYS[(i + 7) % 11],
      }),
    ];
  });
  const registered = { event: 'customer.registered' };
  const welcome = [
    automation({ id: 'welcome-now', trigger: registered, delay: { kind: 'none' } }),
    automation({
      id: 'welcome-day-1',
      trigger: registered,
      delay: { kind: 'after', duration: 'P1D' },
    }),
    automation({
      id: 'welcome-day-3',
      trigger: registered,
      conditions: [{ fact: 'customer.contact.email', op: 'exists' }],
      delay: { kind: 'next-day-at', time: '11:00' },
    }),
    automation({
      id: 'welcome-week-1',
      trigger: registered,
      delay: { kind: 'after', duration: 'P1W' },
    }),
    automation({
      id: 'welcome-month-1',
      trigger: registered,
      delay: { kind: 'after', duration: 'P1M' },
    }),
    automation({
      id: 'welcome-es',
      trigger: registered,
      conditions: [{ fact: 'customer.locale', op: 'in', value: ['es', 'es-CO', 'es-MX'] }],
      delay: { kind: 'after', duration: 'PT1H' },
    }),
    automation({
      id: 'welcome-en',
      trigger: registered,
      conditions: [{ fact: 'customer.locale', op: 'equals', value: 'en' }],
      delay: { kind: 'after', duration: 'PT1H' },
    }),
    automation({
      id: 'welcome-wholesale',
      trigger: registered,
      conditions: [{ fact: 'customer.attributes.segment', op: 'equals', value: 'wholesale' }],
      delay: { kind: 'next-day-at', time: '09:30' },
    }),
    automation({
      id: 'welcome-vip',
      trigger: registered,
      conditions: [
        { fact: 'customer.attributes.vip', op: 'equals', value: true },
        { fact: 'customer.attributes.lifetimeValue', op: 'gte', value: 1000 },
      ],
      delay: { kind: 'next-day-at', time: '10:00' },
    }),
    automation({
      id: 'welcome-no-email',
      trigger: registered,
      conditions: [{ fact: 'customer.contact.email', op: 'not-exists' }],
      delay: { kind: 'after', duration: 'P2D' },
    }),
  ];
  const consentTrigger = { event: 'consent.changed' };
  const consent = (id: string, channel: string, status: string, delay: unknown) =>
    automation({
      id,
      trigger: consentTrigger,
      category: 'service',
      conditions: [
        { fact: 'consent.channel', op: 'equals', value: channel },
        { fact: 'consent.status', op: 'equals', value: status },
      ],
      delay,
    });
  const consents = [
    consent('email-granted', 'email', 'granted', { kind: 'none' }),
    consent('email-denied', 'email', 'denied', { kind: 'none' }),
    consent('sms-granted', 'sms', 'granted', { kind: 'after', duration: 'PT5M' }),
    consent('sms-denied', 'sms', 'denied', { kind: 'none' }),
    consent('email-regained', 'email', 'granted', { kind: 'next-day-at', time: '10:00' }),
    automation({
      id: 'web-form-consent',
      trigger: consentTrigger,
      conditions: [{ fact: 'consent.source', op: 'equals', value: 'web-form' }],
      delay: { kind: 'after', duration: 'P1D' },
    }),
  ];
  return [...loadCatalog().automations, ...perType, ...welcome, ...consents];
}

/** The trigger index, as `Catalog.automationsFor` builds it. */
function byTrigger(automations: readonly Automation[]): Map<string, Automation[]> {
  const index = new Map<string, Automation[]>();
  for (const each of automations) {
    const list = index.get(each.trigger.event) ?? [];
    list.push(each);
    index.set(each.trigger.event, list);
  }
  return index;
}

/** A deterministic pseudo-random sequence, so every run evaluates the same events. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function customers(count: number, next: () => number): Customer[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => ({
    id: `c-${i}`,
    externalIds: {},
    name: { given: 'Bench' },
    locale: pick(LOCALES),
    // One in ten has no zone: the deployment's default applies.
    timeZone: next() < 0.1 ? undefined : pick(ZONES),
    contact: next() < 0.9 ? { email: `c-${i}@example.com` } : {},
    channelPreferences: ['email'],
    attributes: {
      segment: pick(SEGMENTS),
      vip: next() < 0.1,
      lifetimeValue: Math.floor(next() * 3000),
    },
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    consent: {},
    ...EMPTY_SYSTEM_STATE,
  }));
}

interface BenchInput {
  readonly event: DomainEvent;
  readonly customer: Customer;
}

/** 80% interactions, 12% registrations, 8% consent changes, over the three weeks before NOW. */
function inputs(count: number): BenchInput[] {
  const next = random(42);
  const people = customers(1000, next);
  return Array.from({ length: count }, (_, i) => {
    const customer = people[i % people.length] as Customer;
    const occurredAt = new Date(NOW.getTime() - Math.floor(next() * SPAN_MS)).toISOString();
    const kind = next();
    if (kind < 0.8) {
      const type = TYPE_MIX[Math.floor(next() * TYPE_MIX.length)] as InteractionType;
      const interaction: Interaction = {
        id: `i-${i}`,
        customerId: customer.id,
        type,
        touchpoint: 'store',
        occurredAt,
        ...(WITH_AMOUNT.has(type)
          ? { amount: { value: Math.floor(next() * 1000), currency: 'COP' } }
          : {}),
        metadata: {},
        recordedAt: occurredAt,
      };
      return {
        customer,
        event: {
          id: `interaction.recorded:${interaction.id}`,
          type: 'interaction.recorded',
          occurredAt,
          data: { customerId: customer.id, interaction },
        },
      };
    }
    if (kind < 0.92) {
      return {
        customer,
        event: {
          id: `customer.registered:${customer.id}:${i}`,
          type: 'customer.registered',
          occurredAt,
          data: { customerId: customer.id },
        },
      };
    }
    return {
      customer,
      event: {
        id: `consent.changed:${customer.id}:${i}`,
        type: 'consent.changed',
        occurredAt,
        data: {
          customerId: customer.id,
          channel: next() < 0.7 ? 'email' : 'sms',
          status: next() < 0.8 ? 'granted' : 'denied',
          source: next() < 0.5 ? 'web-form' : 'pos',
          by: 'bench',
        },
      },
    };
  });
}

export interface RuleEvaluationResult {
  readonly measurement: Measurement;
  readonly automations: number;
  readonly perTrigger: ReadonlyMap<string, number>;
  readonly planned: number;
  /** Planned actions per event, by event type, over one pass of the distinct events. */
  readonly matches: ReadonlyMap<string, { events: number; planned: number }>;
  /** computeDueTime alone on the due times the rules produced: now (cached offsets) and luxon. */
  readonly dueTimes: {
    readonly fast: Measurement;
    readonly luxon: Measurement;
    readonly identical: boolean;
  };
}

/**
 * planActions per event with the automations the event's trigger indexes, as the engine calls it.
 * The events are built before the clock starts; each is evaluated many times over.
 */
export function benchRuleEvaluation(total: number): RuleEvaluationResult {
  const all = benchAutomations();
  const index = byTrigger(all);
  const events = inputs(10_000);
  const plan = (input: BenchInput): PlannedAction[] =>
    planActions({
      event: input.event,
      customer: input.customer,
      automations: index.get(input.event.type) ?? [],
      now: NOW,
      defaultTimeZone: 'America/Bogota',
    });

  // One pass first: the match statistics, the due-time calls to replay, and a warm JIT.
  const matches = new Map<string, { events: number; planned: number }>();
  const calls: [Automation['delay'], Date, string][] = [];
  const byId = new Map(all.map((each) => [each.id, each]));
  for (const input of events) {
    const planned = plan(input);
    const entry = matches.get(input.event.type) ?? { events: 0, planned: 0 };
    matches.set(input.event.type, {
      events: entry.events + 1,
      planned: entry.planned + planned.length,
    });
    for (const action of planned) {
      const { delay } = byId.get(action.automationId) as Automation;
      const anchor = delay.kind === 'none' ? NOW : new Date(anchorOf(input.event));
      calls.push([delay, anchor, action.due.timeZone]);
    }
  }

  // Rounds, the fastest reported: other processes on the machine slow some rounds down, never up.
  const rounds = 10;
  const perRound = Math.ceil(total / rounds);
  let planned = 0;
  let measurement: Measurement | undefined;
  for (let round = 0; round < rounds; round++) {
    const offset = round * perRound;
    const each = measureSync(
      `rule evaluation (${all.length} automations), best of ${rounds}`,
      perRound,
      (i) => {
        planned += plan(events[(offset + i) % events.length] as BenchInput).length;
      },
    );
    if (!measurement || each.perSecond > measurement.perSecond) measurement = each;
  }
  return {
    measurement: measurement as Measurement,
    automations: all.length,
    perTrigger: new Map([...index].map(([trigger, list]) => [trigger, list.length])),
    planned,
    matches,
    dueTimes: benchDueTimes(calls, total),
  };
}

function anchorOf(event: DomainEvent): string {
  return event.type === 'interaction.recorded'
    ? event.data.interaction.occurredAt
    : event.occurredAt;
}

/** The former luxon implementation beside the cached-offset one, on the same calls. */
function benchDueTimes(calls: readonly [Automation['delay'], Date, string][], total: number) {
  const count = Math.min(total, 200_000);
  const call = (i: number) => calls[i % calls.length] as [Automation['delay'], Date, string];
  let identical = true;
  for (const [delay, from, zone] of calls) {
    const fast: DueTime = computeDueTime(delay, from, zone);
    const reference = luxonDueTime(delay, from, zone);
    if (JSON.stringify(fast) !== JSON.stringify(reference)) identical = false;
  }
  const best = (label: string, ops: number, run: (i: number) => unknown) =>
    [0, 1, 2]
      .map(() => measureSync(label, ops, run))
      .reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const fast = best('computeDueTime: cached zone offsets', count, (i) =>
    computeDueTime(...call(i)),
  );
  const luxon = best('computeDueTime: luxon (the former code)', Math.ceil(count / 20), (i) =>
    luxonDueTime(...call(i)),
  );
  return { fast, luxon, identical };
}
