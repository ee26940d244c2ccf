import { describe, expect, it } from 'vitest';
import { Automation } from '../../../core/automation/automation.ts';
import { decideAutomations, type PlanInput } from '../../../core/automation/plan.ts';
import { aCustomer, interactionRecorded } from '../../support/builders.ts';

const base = {
  description: 'test',
  owner: 'tests',
  enabled: true,
  category: 'marketing',
  trigger: { event: 'interaction.recorded' },
  delay: { kind: 'next-day-at', time: '10:00' },
  action: { kind: 'send-message', channel: 'email', template: 'hello', topic: 'news' },
};
const automation = (overrides: Record<string, unknown>) =>
  Automation.parse({ ...base, ...overrides });
const now = new Date('2026-11-23T20:00:01Z');
const decide = (automations: Automation[], overrides: Partial<PlanInput> = {}) =>
  decideAutomations({
    event: interactionRecorded(),
    customer: aCustomer(),
    automations,
    now,
    defaultTimeZone: 'UTC',
    ...overrides,
  });

describe('deciding an automation for one event and customer', () => {
  it('plans an automation with no guards, re-entry history or holdout', () => {
    expect(decide([automation({ id: 'plain' })])).toEqual([
      expect.objectContaining({
        outcome: 'planned',
        plan: expect.objectContaining({ group: 'treatment' }),
      }),
    ]);
  });

  it('does not enter a disabled automation, whatever the file says, when the switch is off', () => {
    const [decision] = decide([automation({ id: 'plain' })], { isEnabled: () => false });

    expect(decision).toEqual({
      automationId: 'plain',
      outcome: 'not-entered',
      reason: 'automation-disabled',
    });
  });

  it('skips for an open complaint when the automation guards on it', () => {
    const customer = aCustomer({ holds: { openCases: ['case-1'] } });
    const [decision] = decide([automation({ id: 'careful', guards: { noOpenComplaint: true } })], {
      customer,
    });

    expect(decision).toMatchObject({
      outcome: 'skipped',
      reason: 'guard: open complaint (case-1)',
    });
  });

  it('skips a customer contacted within the guard, and plans one contacted before it', () => {
    const guarded = automation({ id: 'quiet', guards: { notContactedWithin: 'P7D' } });

    expect(decide([guarded], { lastContactAt: '2026-11-20T10:00:00.000Z' })[0]).toMatchObject({
      outcome: 'skipped',
      reason: 'guard: contacted 2026-11-20T10:00:00.000Z, within P7D',
    });
    expect(decide([guarded], { lastContactAt: '2026-11-01T10:00:00.000Z' })[0]).toMatchObject({
      outcome: 'planned',
    });
  });

  it('lets the higher priority win when two messages fall on the same local day', () => {
    const decisions = decide([
      automation({ id: 'low', priority: 10 }),
      automation({ id: 'high', priority: 90 }),
      automation({ id: 'high-too', priority: 90 }),
      automation({ id: 'later', priority: 10, delay: { kind: 'after', duration: 'P3D' } }),
    ]);

    // Equal priorities both go (caps decide); another day is not an overlap.
    expect(decisions.map((decision) => [decision.automationId, decision.outcome])).toEqual([
      ['low', 'skipped'],
      ['high', 'planned'],
      ['high-too', 'planned'],
      ['later', 'planned'],
    ]);
    expect(decisions[0]).toMatchObject({
      reason: 'outranked: high (priority 90) messages the same day',
    });
  });

  it('gives a held-out customer a held-out decision instead of an action', () => {
    // A share of 0.5 holds out about half: find a customer id in the control group.
    const heldOut = Array.from({ length: 50 }, (_, index) => `c-${index}`).find(
      (id) =>
        decide([automation({ id: 'measured', holdout: 0.5, goal: goal() })], {
          customer: aCustomer({ id: id }),
        })[0]?.outcome === 'held-out',
    );

    expect(heldOut).toBeDefined();
  });

  it('computes "N days before a date field" at a local time in the customer zone', () => {
    const reminder = automation({
      id: 'reminder',
      category: 'service',
      action: { kind: 'send-message', channel: 'email', template: 'hello' },
      delay: {
        kind: 'before-date',
        field: 'customer.attributes.warrantyExpiresOn',
        days: 30,
        time: '10:00',
      },
    });
    const customer = (date: unknown) =>
      aCustomer({ attributes: { warrantyExpiresOn: date as string } });

    expect(decide([reminder], { customer: customer('2027-03-15') })[0]).toMatchObject({
      outcome: 'planned',
      plan: { due: { localDateTime: '2027-02-13T10:00:00', instant: '2027-02-13T15:00:00.000Z' } },
    });
    expect(decide([reminder], { customer: customer(undefined) })[0]).toMatchObject({
      outcome: 'not-entered',
      reason: 'no-date: customer.attributes.warrantyExpiresOn is not a date',
    });
    expect(decide([reminder], { customer: customer('2026-12-01') })[0]).toMatchObject({
      outcome: 'not-entered',
      reason: 'date-passed: due 2026-11-01T15:00:00.000Z',
    });
  });
});

function goal() {
  return { event: 'interaction.recorded', within: 'P60D' };
}
