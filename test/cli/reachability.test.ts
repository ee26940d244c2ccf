import { describe, expect, it } from 'vitest';
import type { FactDomain } from '../../cli/validate/fact-domains.ts';
import { factDomain } from '../../cli/validate/fact-domains.ts';
import { contradictions, satisfiable } from '../../cli/validate/reachability.ts';
import type { Condition } from '../../core/automation/automation.ts';

const free = (): FactDomain => ({});
const c = (fact: string, op: string, value?: unknown) =>
  (value === undefined ? { fact, op } : { fact, op, value }) as Condition;

describe('conditions that can never hold', () => {
  it('finds a number range with nothing in it, on the condition that closes it', () => {
    const found = contradictions(
      [c('interaction.amount.value', 'gt', 500), c('interaction.amount.value', 'lte', 100)],
      free,
    );
    expect(found).toEqual([{ index: 1, with: [0], why: 'no number is > 500 and <= 100' }]);
  });

  it('finds an equals excluded by a not-in, and exists with not-exists', () => {
    expect(
      contradictions(
        [c('customer.locale', 'equals', 'es'), c('customer.locale', 'not-in', ['es'])],
        free,
      )[0]?.why,
    ).toContain('excluded');
    expect(
      contradictions(
        [c('customer.owner.id', 'exists'), c('customer.owner.id', 'not-exists')],
        free,
      )[0]?.why,
    ).toContain('both absent');
  });

  it('accepts what can hold: overlapping lists, a bounded range, not-equals alone', () => {
    expect(
      satisfiable(
        [
          c('interaction.type', 'in', ['purchase', 'visit']),
          c('interaction.type', 'in', ['visit', 'call']),
          c('interaction.amount.value', 'gte', 10),
          c('interaction.amount.value', 'lt', 20),
          c('customer.locale', 'not-equals', 'en'),
        ],
        free,
      ),
    ).toBe(true);
  });

  it('knows the values an enum fact can take, from the event and customer schemas', () => {
    expect(factDomain('interaction.recorded', 'interaction.type', {}).values).toContain('purchase');
    expect(factDomain('interaction.recorded', 'customer.value.tier', {}).values).toEqual([
      'A',
      'B',
      'C',
    ]);
    expect(factDomain('interaction.recorded', 'customer.consent.email.status', {}).values).toEqual([
      'granted',
      'denied',
    ]);
    const declared = { vip: { type: 'boolean' as const, description: 'd', example: true } };
    expect(factDomain('interaction.recorded', 'customer.attributes.vip', declared).type).toBe(
      'boolean',
    );
  });
});
