import { describe, expect, it } from 'vitest';
import type { Condition } from '../../core/automation/automation.ts';
import { conditionHolds } from '../../core/automation/conditions.ts';
import { type Facts, readFact } from '../../core/automation/facts.ts';

const facts: Facts = {
  event: { type: 'interaction.recorded' },
  interaction: { type: 'purchase', amount: { value: 120, currency: 'COP' } },
  customer: { locale: 'es-CO', attributes: { vip: true, segment: null } },
};

const holds = (condition: Condition) => conditionHolds(condition, facts);

describe('conditions', () => {
  it('reads nested facts by dotted path and answers undefined for a missing branch', () => {
    expect(readFact(facts, 'interaction.amount.value')).toBe(120);
    expect(readFact(facts, 'interaction.agent.name')).toBeUndefined();
  });

  it('compares with equals and not-equals', () => {
    expect(holds({ fact: 'interaction.type', op: 'equals', value: 'purchase' })).toBe(true);
    expect(holds({ fact: 'interaction.type', op: 'equals', value: 'visit' })).toBe(false);
    expect(holds({ fact: 'interaction.type', op: 'not-equals', value: 'visit' })).toBe(true);
  });

  it('checks membership with in and not-in', () => {
    expect(holds({ fact: 'interaction.type', op: 'in', value: ['visit', 'purchase'] })).toBe(true);
    expect(holds({ fact: 'interaction.type', op: 'in', value: ['visit'] })).toBe(false);
    expect(holds({ fact: 'interaction.type', op: 'not-in', value: ['complaint'] })).toBe(true);
  });

  it('compares numbers and never treats a missing number as a match', () => {
    expect(holds({ fact: 'interaction.amount.value', op: 'gte', value: 120 })).toBe(true);
    expect(holds({ fact: 'interaction.amount.value', op: 'gt', value: 120 })).toBe(false);
    expect(holds({ fact: 'interaction.amount.value', op: 'lt', value: 200 })).toBe(true);
    expect(holds({ fact: 'interaction.amount.value', op: 'lte', value: 100 })).toBe(false);
    expect(holds({ fact: 'interaction.discount', op: 'lt', value: 1 })).toBe(false);
  });

  it('treats null as absent for exists and not-exists', () => {
    expect(holds({ fact: 'customer.attributes.vip', op: 'exists' })).toBe(true);
    expect(holds({ fact: 'customer.attributes.segment', op: 'exists' })).toBe(false);
    expect(holds({ fact: 'customer.attributes.segment', op: 'not-exists' })).toBe(true);
  });
});
