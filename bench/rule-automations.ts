// The automations bench/rule-evaluation.ts evaluates: the shipped catalog plus synthetic rules.
import { type Automation, Automation as AutomationSchema } from '../core/automation/automation.ts';
import { InteractionType } from '../core/interaction/interaction.ts';
import { loadCatalog } from '../workflows/catalog-loader.ts';

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
