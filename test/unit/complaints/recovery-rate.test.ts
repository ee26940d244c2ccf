import { describe, expect, it } from 'vitest';
import { type ComplaintCase, newCase, resolveCase } from '../../../core/complaints/case.ts';
import { recoveryEligible, recoveryRate } from '../../../core/complaints/recovery-rate.ts';
import type { HistoryEvent } from '../../../core/tiers/history.ts';
import { loadComplaintPolicy } from '../../../workflows/complaint-recovery/policy-loader.ts';

const policy = loadComplaintPolicy();
const START = Date.parse('2026-01-01T00:00:00.000Z');
const DAY = 86_400_000;
const day = (n: number) => new Date(START + n * DAY);
/** Measured on day 200: cases resolved on day 110 or earlier have had their 90 days. */
const NOW = day(200);

/** A case of `customerId`, opened on day `resolvedOn - 2` and resolved on day `resolvedOn`. */
function resolvedCase(key: string, customerId: string, resolvedOn: number): ComplaintCase {
  const c = newCase(
    {
      source: { kind: 'api', id: key },
      customerId,
      severity: 'medium',
      category: 'product',
      channel: 'store',
    },
    policy,
    day(resolvedOn - 2),
  );
  return resolveCase(c, { note: 'Replaced', firstContact: true, by: 'qa-ines' }, day(resolvedOn))
    .case;
}

const purchase = (onDay: number, hours = 0): HistoryEvent => ({
  at: START + onDay * DAY + hours * 3600_000,
  type: 'purchase',
  amount: 120,
});

describe('the recovery rate', () => {
  it('counts only the cases resolved at least 90 days ago, and the resolved ones only', () => {
    const old = resolvedCase('old', 'ana', 110);
    const recent = resolvedCase('recent', 'bo', 111);
    const open = newCase({ ...old, source: { kind: 'api', id: 'open' } }, policy, day(10));

    expect(recoveryEligible([old, recent, open], NOW).map((c) => c.caseId)).toEqual([
      'case-api-old',
    ]);
  });

  it('is the share of those cases whose customer bought within 90 days after the resolution', () => {
    // Four eligible cases, resolved on day 100 (window: after day 100, up to day 190 included).
    const cases = [
      resolvedCase('a', 'ana', 100), // bought on day 150: recovered
      resolvedCase('b', 'bo', 100), // bought on day 190, the window's last instant: recovered
      resolvedCase('c', 'cy', 100), // bought on day 190 + 1 hour: too late
      resolvedCase('d', 'di', 100), // bought on day 99, before the resolution, and asked twice
    ];
    const histories = new Map<string, HistoryEvent[]>([
      ['ana', [purchase(150)]],
      ['bo', [purchase(190)]],
      ['cy', [purchase(190, 1)]],
      ['di', [purchase(99), { at: START + 120 * DAY, type: 'support', amount: 0 }]],
    ]);

    expect(recoveryRate(cases, histories, NOW)).toEqual({
      windowDays: 90,
      eligible: 4,
      recovered: 2,
      rate: 0.5,
    });
  });

  it('does not count a purchase at the instant of the resolution', () => {
    const cases = [resolvedCase('a', 'ana', 100)];

    expect(recoveryRate(cases, new Map([['ana', [purchase(100)]]]), NOW).recovered).toBe(0);
  });

  it('counts each case once, so a customer with two cases weighs twice', () => {
    const cases = [resolvedCase('a1', 'ana', 10), resolvedCase('a2', 'ana', 100)];
    // Day 105 is after both resolutions, but within 90 days of the second only (day 10 + 90 = 100).
    const histories = new Map([['ana', [purchase(105)]]]);

    expect(recoveryRate(cases, histories, NOW)).toMatchObject({ eligible: 2, recovered: 1 });
  });

  it('treats a customer without a history as not recovered, and has no rate without cases', () => {
    expect(recoveryRate([resolvedCase('a', 'gone', 100)], new Map(), NOW)).toMatchObject({
      eligible: 1,
      recovered: 0,
      rate: 0,
    });
    expect(recoveryRate([], new Map(), NOW).rate).toBeNull();
  });
});
