import { describe, expect, it } from 'vitest';
import { bucketOf, groupOf } from '../../../core/automation/holdout.ts';

describe('holdout groups', () => {
  const customers = Array.from({ length: 10_000 }, (_, index) => `customer-${index}`);

  it('holds out close to the share asked for', () => {
    const held = customers.filter((id) => groupOf('win-back', id, 0.1) === 'holdout').length;

    expect(held / customers.length).toBeGreaterThan(0.09);
    expect(held / customers.length).toBeLessThan(0.11);
  });

  it('puts a customer in the same group every time, so re-entering does not switch groups', () => {
    for (const id of customers.slice(0, 200)) {
      expect(groupOf('win-back', id, 0.1)).toBe(groupOf('win-back', id, 0.1));
    }
  });

  it('draws each automation independently, so no customer is held out of everything', () => {
    const heldInBoth = customers.filter(
      (id) => groupOf('win-back', id, 0.1) === 'holdout' && groupOf('drip', id, 0.1) === 'holdout',
    ).length;

    // Independent draws: about 1% of customers, not 10%.
    expect(heldInBoth / customers.length).toBeLessThan(0.02);
  });

  it('holds out no one at a share of 0, and maps every customer into [0, 1)', () => {
    expect(customers.every((id) => groupOf('win-back', id, 0) === 'treatment')).toBe(true);
    const buckets = customers.map((id) => bucketOf('win-back', id));
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...buckets)).toBeLessThan(1);
  });
});
