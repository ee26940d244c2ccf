import type { AttributeDeclarations } from '../../core/catalog/attributes.ts';
import type { Channel } from '../../core/channels.ts';
import type { Customer } from '../../core/customer/customer-view.ts';
import type { Random } from './random.ts';

/** A generated customer and how often they interact. */
export interface SimulatedCustomer {
  readonly customer: Customer;
  /** Expected interactions per day. */
  readonly dailyRate: number;
}

/** Zones chosen for spread (both hemispheres, half-hour-free and DST-observing); undefined: the default. */
const ZONES: Readonly<Record<string, number>> = {
  'America/Bogota': 30,
  'America/Mexico_City': 12,
  'America/New_York': 12,
  'America/Los_Angeles': 6,
  'Europe/Madrid': 12,
  'Europe/London': 6,
  'Asia/Tokyo': 4,
  none: 18,
};

const FIRST = [
  'Ana',
  'Luis',
  'Marta',
  'Jorge',
  'Sofía',
  'Camila',
  'Andrés',
  'Lucía',
  'Pedro',
  'Emma',
];
const LAST = ['García', 'Pérez', 'Rodríguez', 'Smith', 'López', 'Martínez', 'Gómez', 'Jones'];

/**
 * A population with the spread that exercises the messaging rules: zones (and none), locales,
 * contact points, consent granted or denied or absent per channel, stated channel preferences,
 * open complaints and detractor holds, topic unsubscribes and frequencies, owners, tiers, the
 * declared attributes (dates spread around `start`, for "N days before a date"), and interaction
 * rates from rare to frequent.
 */
export function generatePopulation(
  count: number,
  random: Random,
  start: Date,
  attributes: AttributeDeclarations,
): SimulatedCustomer[] {
  const at = new Date(start.getTime() - 400 * 86_400_000).toISOString();
  const people: SimulatedCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const id = `sim-${String(i + 1).padStart(6, '0')}`;
    const zone = random.weighted(ZONES);
    const tier = random.weighted({ A: 15, B: 35, C: 50 });
    const customer: Customer = {
      id,
      externalIds: {},
      name: { given: random.pick(FIRST), family: random.pick(LAST) },
      locale: zone.startsWith('America/') && zone !== 'America/New_York' ? 'es-CO' : 'en',
      ...(zone === 'none' ? {} : { timeZone: zone }),
      ...reach(id, i, random, at),
      ...(random.chance(0.6)
        ? { owner: { id: `rep-${random.int(1, 40)}`, name: `Rep ${random.int(1, 40)}` } }
        : {}),
      attributes: attributeValues(attributes, random, start),
      holds: holdsOf(id, random, start),
      value: {
        tier,
        stage: random.pick(['contact', 'relate', 'intimacy', 'trust'] as const),
        metrics: { t1: random.int(0, 5000) },
        computedAt: at,
        runId: 'sim',
      },
      ...preferencesOf(random, at),
      createdAt: at,
      updatedAt: at,
    };
    // Heavy-tailed: most customers interact a few times a quarter, a few every week.
    const dailyRate = tier === 'A' ? 0.06 + random.next() * 0.1 : random.next() ** 2 * 0.06;
    people.push({ customer, dailyRate });
  }
  return people;
}

/** Contact points, consent (granted, denied or never asked, per channel), stated channels, bounces. */
function reach(id: string, i: number, random: Random, at: string) {
  const email = random.chance(0.92) ? `${id}@example.com` : undefined;
  const phone = random.chance(0.7) ? `+5730${String(10_000_000 + i).slice(-8)}` : undefined;
  const consent: Customer['consent'] = {};
  for (const [channel, granted, denied] of [
    ['email', 0.8, 0.1],
    ['sms', 0.45, 0.15],
    ['phone', 0.3, 0.05],
  ] as const) {
    const roll = random.next();
    if (roll < granted + denied) {
      const status = roll < granted ? 'granted' : 'denied';
      consent[channel] = { status, source: 'sim', at, by: 'sim' };
    }
  }
  const channelPreferences: Channel[] = random.chance(0.3)
    ? [random.pick(['email', 'sms'] as const)]
    : [];
  const bounced = random.chance(0.02) && email !== undefined;
  return {
    contact: { ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
    consent,
    channelPreferences,
    reachability: bounced ? { email: { status: 'bounced' as const, at, address: email } } : {},
  };
}

function holdsOf(id: string, random: Random, start: Date): Customer['holds'] {
  const open = random.chance(0.03);
  const detractor = random.chance(0.02);
  const until = new Date(start.getTime() + random.int(1, 20) * 86_400_000).toISOString();
  return {
    openCases: open ? [`case-${id}`] : [],
    ...(detractor ? { marketingHeldUntil: until } : {}),
  };
}

function preferencesOf(random: Random, at: string): Pick<Customer, 'preferences'> {
  if (!random.chance(0.15)) return {};
  return {
    preferences: {
      topics: random.chance(0.5) ? { news: false } : {},
      frequency: random.pick(['any', 'weekly', 'monthly'] as const),
      updatedAt: at,
    },
  };
}

function attributeValues(attributes: AttributeDeclarations, random: Random, start: Date) {
  const values: Record<string, string | number | boolean | null> = {};
  for (const [name, declaration] of Object.entries(attributes)) {
    if (random.chance(0.2)) continue; // not every customer carries every attribute
    switch (declaration.type) {
      case 'date': {
        const days = random.int(-30, 120);
        values[name] = new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        break;
      }
      case 'number':
        values[name] =
          typeof declaration.example === 'number'
            ? Math.round(declaration.example * (0.2 + random.next() * 1.6))
            : random.int(0, 100);
        break;
      case 'boolean':
        values[name] = random.chance(0.5);
        break;
      case 'string':
        values[name] = String(declaration.example);
        break;
    }
  }
  return values;
}
