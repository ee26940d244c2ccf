import { describe, expect, it } from 'vitest';
import {
  type Automation,
  Automation as AutomationSchema,
} from '../../core/automation/automation.ts';
import { planActions, scheduleIdFor } from '../../core/automation/plan.ts';
import { aCustomer, anInteraction, interactionRecorded } from '../support/builders.ts';

const followUp: Automation = AutomationSchema.parse({
  id: 'next-day-follow-up',
  description: 'thank the customer the next day',
  owner: 'marketing-ops',
  enabled: true,
  category: 'service',
  trigger: { event: 'interaction.recorded' },
  conditions: [{ fact: 'interaction.type', op: 'in', value: ['visit', 'purchase'] }],
  delay: { kind: 'next-day-at', time: '10:00' },
  action: { kind: 'send-message', channel: 'email', template: 'next-day-follow-up' },
});

const now = new Date('2026-11-23T20:00:01Z');
const plan = (overrides: Partial<Parameters<typeof planActions>[0]> = {}) =>
  planActions({
    event: interactionRecorded(),
    customer: aCustomer(),
    automations: [followUp],
    now,
    defaultTimeZone: 'UTC',
    ...overrides,
  });

describe('planActions', () => {
  it('plans the follow-up for a qualifying interaction at 10:00 the next day in the customer zone', () => {
    const [action] = plan();

    expect(action).toMatchObject({
      automationId: 'next-day-follow-up',
      customerId: 'ana-garcia',
      triggerEventId: 'interaction.recorded:pos-2026-11-23-0001',
      due: {
        instant: '2026-11-24T15:00:00.000Z',
        localDateTime: '2026-11-24T10:00:00',
        timeZone: 'America/Bogota',
      },
      timing: 'on-time',
    });
  });

  it('plans nothing when the conditions do not hold', () => {
    const event = interactionRecorded(anInteraction({ type: 'complaint' }));

    expect(plan({ event })).toEqual([]);
  });

  it('ignores disabled automations and automations on other triggers', () => {
    const disabled = { ...followUp, enabled: false };
    const other: Automation = {
      ...followUp,
      id: 'welcome',
      trigger: { event: 'customer.registered' },
    };

    expect(plan({ automations: [disabled, other] })).toEqual([]);
  });

  it('derives the same schedule id from the same automation and event, and a valid scheduler name', () => {
    const first = plan()[0];
    const replay = plan()[0];

    expect(first?.scheduleId).toBe(replay?.scheduleId);
    expect(first?.scheduleId).toBe(
      scheduleIdFor('next-day-follow-up', 'interaction.recorded:pos-2026-11-23-0001'),
    );
    expect(first?.scheduleId).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
  });

  it("applies the deployment's default zone to a customer without one", () => {
    const { timeZone: _zone, ...withoutZone } = aCustomer();

    const [action] = plan({ customer: withoutZone, defaultTimeZone: 'Europe/Madrid' });

    expect(action?.due).toMatchObject({
      timeZone: 'Europe/Madrid',
      instant: '2026-11-24T09:00:00.000Z',
    });
  });

  it('marks an action expired when its due time passed before the event arrived', () => {
    const [action] = plan({ now: new Date('2026-11-25T00:00:00Z') });

    expect(action?.timing).toBe('expired');
  });

  it('acts at evaluation time, not at the old event time, when there is no delay', () => {
    const immediate = { ...followUp, delay: { kind: 'none' as const } };

    const [action] = plan({ automations: [immediate], now: new Date('2026-11-30T12:00:00Z') });

    expect(action).toMatchObject({
      timing: 'on-time',
      due: { instant: '2026-11-30T12:00:00.000Z' },
    });
  });
});
