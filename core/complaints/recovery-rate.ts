import type { HistoryEvent } from '../tiers/history.ts';
import type { ComplaintCase } from './case.ts';

/** How long after a resolution a purchase counts as the customer kept (the seeds' 90 days). */
export const RECOVERY_WINDOW_DAYS = 90;
const WINDOW_MS = RECOVERY_WINDOW_DAYS * 86_400_000;

export interface RecoveryRate {
  readonly windowDays: number;
  /** Cases resolved at least the window before now: their outcome is known. */
  readonly eligible: number;
  /** Of those, the cases whose customer bought within the window after the resolution. */
  readonly recovered: number;
  /** recovered / eligible; null while no case is old enough to tell. */
  readonly rate: number | null;
}

/**
 * The resolved cases whose window has fully passed. A case resolved 30 days ago has not had its
 * chance to show a purchase yet: counting it would pull the rate down for no reason.
 */
export function recoveryEligible(cases: readonly ComplaintCase[], now: Date): ComplaintCase[] {
  return cases.filter(
    (c) =>
      c.status === 'resolved' &&
      c.resolvedAt !== undefined &&
      Date.parse(c.resolvedAt) + WINDOW_MS <= now.getTime(),
  );
}

/**
 * The recovery rate: of the cases resolved at least 90 days before `now`, the share whose customer
 * made a purchase (an interaction of type `purchase`) after the resolution and no later than 90
 * days after it. Each case counts once, so a customer with two resolved cases counts twice; a
 * purchase before the resolution (or on its exact instant) does not show the customer was kept.
 * `histories` holds each customer's interactions (a customer missing from it bought nothing).
 */
export function recoveryRate(
  cases: readonly ComplaintCase[],
  histories: ReadonlyMap<string, readonly HistoryEvent[]>,
  now: Date,
): RecoveryRate {
  const eligible = recoveryEligible(cases, now);
  const recovered = eligible.filter((c) => {
    const resolvedAt = Date.parse(c.resolvedAt as string);
    return (histories.get(c.customerId) ?? []).some(
      (event) =>
        event.type === 'purchase' && event.at > resolvedAt && event.at <= resolvedAt + WINDOW_MS,
    );
  }).length;
  return {
    windowDays: RECOVERY_WINDOW_DAYS,
    eligible: eligible.length,
    recovered,
    rate: eligible.length === 0 ? null : recovered / eligible.length,
  };
}
