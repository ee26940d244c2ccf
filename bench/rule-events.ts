// The synthetic customers and events bench/rule-evaluation.ts replays: seeded, so every run is the same.
import type { Customer } from '../core/customer/customer-view.ts';
import { EMPTY_SYSTEM_STATE } from '../core/customer/system-state.ts';
import type { DomainEvent } from '../core/events/registry.ts';
import type { Interaction, InteractionType } from '../core/interaction/interaction.ts';

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
export const NOW = new Date('2026-04-08T12:00:00.000Z');
const SPAN_MS = 21 * 86_400_000;

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

export interface BenchInput {
  readonly event: DomainEvent;
  readonly customer: Customer;
}

/** 80% interactions, 12% registrations, 8% consent changes, over the three weeks before NOW. */
export function inputs(count: number): BenchInput[] {
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
