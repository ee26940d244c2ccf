import { describe, expect, it } from 'vitest';
import { classify } from '../../../core/tiers/classify.ts';
import { customerEquity } from '../../../core/tiers/equity.ts';
import { DAY_MS, type HistoryEvent } from '../../../core/tiers/history.ts';
import { valueMetrics } from '../../../core/tiers/metrics.ts';
import { DEFAULT_TIER_POLICY as policy, TierPolicy } from '../../../core/tiers/policy.ts';
import { addToSketch, emptySketch } from '../../../core/tiers/sketch.ts';
import { stageOf } from '../../../core/tiers/stage.ts';
import { thresholdsOf, tierOf } from '../../../core/tiers/thresholds.ts';
import { loadTierPolicy } from '../../../workflows/tier-policy-loader.ts';

const AS_OF = Date.parse('2026-11-23T00:00:00Z');
const daysAgo = (days: number) => AS_OF - days * DAY_MS;
const purchase = (days: number, amount: number): HistoryEvent => ({
  at: daysAgo(days),
  type: 'purchase',
  amount,
});
const metricsOf = (events: HistoryEvent[]) =>
  valueMetrics({ customerId: 'c', events }, AS_OF, policy);

/** A population where 1000 a year is an A volume (2 x 1000 = 85% of 2350, 2 customers of 10). */
const WITH_A_AT_1000 = [1000, 1000, 100, 100, 50, 50, 20, 20, 10, 0];

/** Ten customers whose yearly revenues are easy to add up by hand. */
const REVENUES = [5000, 2000, 1000, 800, 600, 300, 150, 100, 50, 0];

function plan(revenues = REVENUES) {
  const sketch = emptySketch();
  for (const revenue of revenues) addToSketch(sketch, revenue);
  return { thresholds: thresholdsOf(sketch, policy) };
}

describe('customer equity', () => {
  it('is T1 x N with no discount: the seed example, 100 x 5 = 500', () => {
    expect(customerEquity(100, 5)).toBe(500);
  });

  it('discounts each year at the end of it', () => {
    expect(customerEquity(100, 2, 0.1)).toBeCloseTo(100 / 1.1 + 100 / 1.21, 10);
  });
});

describe('the Pareto split', () => {
  it('puts in A the smallest set making 80% of revenue, capped at 20% of customers', () => {
    // Total 10,000. 5000 + 2000 = 70% (2 customers); adding 1000 makes 80% but 3 > 20% of 10.
    // C: the bottom 20% (2 customers): the one with nothing, then the one with 50.
    const { thresholds } = plan();

    expect(thresholds.aCustomers).toBe(2);
    expect(thresholds.aRevenueShare).toBeCloseTo(0.7, 10);
    expect(REVENUES.map((r) => tierOf(r, thresholds))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'B',
      'B',
      'B',
      'B',
      'C',
      'C',
    ]);
  });

  it('stops at the revenue share when the cap allows more', () => {
    const loose = TierPolicy.parse({
      a: { rule: 'revenue-share', revenueShare: 0.8, maxCustomerShare: 0.5 },
    });
    const sketch = emptySketch();
    for (const revenue of REVENUES) addToSketch(sketch, revenue);

    const thresholds = thresholdsOf(sketch, loose);

    // 5000 + 2000 + 1000 = 8000 = 80% of 10,000 with 3 customers.
    expect(thresholds.aCustomers).toBe(3);
    expect(thresholds.aRevenueShare).toBeCloseTo(0.8, 10);
  });

  it('puts a customer with more returns than purchases in C', () => {
    expect(tierOf(-20, plan().thresholds)).toBe('C');
  });
});

describe('decline, lapse and the usual volume', () => {
  // Usual volume: about 1000 a year: 2000 over the two baseline years (observed 729 days).
  const usual = [purchase(400, 1000), purchase(1094, 1000)];

  it('flags a valuable customer buying 35% of their usual volume', () => {
    const m = metricsOf([...usual, purchase(30, 350)]);
    const c = classify(m, plan(WITH_A_AT_1000), policy);

    expect(m.volumeRatio).toBeCloseTo(0.35, 2);
    expect(c.valuable).toBe(true);
    expect(c.alerts.declining).toBe(true);
  });

  it('does not flag one buying 45% of it', () => {
    const m = metricsOf([...usual, purchase(30, 450)]);

    expect(m.volumeRatio).toBeCloseTo(0.45, 2);
    expect(classify(m, plan(WITH_A_AT_1000), policy).alerts.declining).toBe(false);
  });

  it('finds a valuable customer lost within two years, but not one lost longer ago', () => {
    const lapsed = classify(metricsOf([purchase(400, 3000)]), plan(), policy);
    const longGone = classify(metricsOf([purchase(800, 3000)]), plan(), policy);

    expect(lapsed.alerts.lapsed).toBe(true);
    expect(lapsed.tier).toBe('C');
    expect(longGone.alerts.lapsed).toBe(false);
  });

  it('does not call a small customer who stopped buying lapsed', () => {
    expect(classify(metricsOf([purchase(400, 20)]), plan(), policy).alerts.lapsed).toBe(false);
  });
});

describe('relationship stages', () => {
  const talk = (days: number): HistoryEvent => ({ at: daysAgo(days), type: 'call', amount: 0 });
  const complaint = (days: number): HistoryEvent => ({
    at: daysAgo(days),
    type: 'complaint',
    amount: 0,
  });
  const stage = (events: HistoryEvent[], surveyScore?: number) =>
    stageOf(
      valueMetrics(
        { customerId: 'c', events, ...(surveyScore === undefined ? {} : { surveyScore }) },
        AS_OF,
        policy,
      ),
      policy,
    );

  it('moves contact -> relate -> intimacy -> trust as the relationship grows', () => {
    expect(stage([talk(10)])).toBe('contact');
    expect(stage([talk(10), purchase(20, 50)])).toBe('relate');
    expect(stage([talk(10), purchase(20, 50), purchase(60, 50)])).toBe('intimacy');
    expect(
      stage([talk(10), purchase(20, 50), purchase(60, 50), purchase(200, 50), purchase(400, 50)]),
    ).toBe('trust');
  });

  it('takes trust back after a recent complaint or a detractor answer', () => {
    const loyal = [
      talk(10),
      purchase(20, 50),
      purchase(60, 50),
      purchase(200, 50),
      purchase(400, 50),
    ];

    expect(stage([...loyal, complaint(5)])).toBe('intimacy');
    expect(stage([...loyal, complaint(200)])).toBe('trust');
    expect(stage(loyal, 3)).toBe('intimacy');
  });

  it('keeps a repeat buyer who never talked with us at relate', () => {
    expect(stage([purchase(20, 50), purchase(60, 50)])).toBe('relate');
  });
});

describe('the tier policy file', () => {
  it('is valid, and says what the defaults say', () => {
    expect(loadTierPolicy()).toEqual(policy);
  });

  it('refuses a share above 1, naming the key', () => {
    const result = TierPolicy.safeParse({ decline: { below: 1.4 } });
    expect(result.error?.issues[0]?.path).toEqual(['decline', 'below']);
  });
});
