import type { RelationshipStage, Tier, ValueState } from '../customer/system-state.ts';

/** What a run reports: counts per tier and stage, movements, alerts, events, and what it skipped. */
export interface RunCounts {
  customers: number;
  tiers: Record<Tier, number>;
  /** Trailing revenue per tier: with `tiers`, the Pareto split. */
  revenue: Record<Tier, number>;
  stages: Record<RelationshipStage, number>;
  /** `"B->A": 12`: customers who moved, by from and to. */
  movements: Record<string, number>;
  /** Customers classified for the first time (no movement, no tier.changed). */
  firstTiers: number;
  /** Customers whose flag is on after the run... */
  alerts: { declining: number; lapsed: number; atRisk: number };
  /** ...and the events the run wrote (changes only). */
  events: Record<string, number>;
  /** A newer run had written the customer first: left as it was. */
  superseded: number;
}

export function emptyCounts(): RunCounts {
  return {
    customers: 0,
    tiers: { A: 0, B: 0, C: 0 },
    revenue: { A: 0, B: 0, C: 0 },
    stages: { contact: 0, relate: 0, intimacy: 0, trust: 0 },
    movements: {},
    firstTiers: 0,
    alerts: { declining: 0, lapsed: 0, atRisk: 0 },
    events: {},
    superseded: 0,
  };
}

/**
 * Counts a customer from the state this run stored (or found already stored by this run, when a
 * retried chunk meets customers its first try wrote): the report is the same either way.
 */
export function countState(
  counts: RunCounts,
  state: ValueState,
  eventTypes: readonly string[],
): void {
  counts.customers++;
  counts.tiers[state.tier]++;
  counts.revenue[state.tier] += state.metrics.t1 ?? 0;
  counts.stages[state.stage]++;
  if (state.previousTier) {
    const key = `${state.previousTier}->${state.tier}`;
    counts.movements[key] = (counts.movements[key] ?? 0) + 1;
  } else if (state.revision === 1) counts.firstTiers++;
  if (state.alerts?.declining) counts.alerts.declining++;
  if (state.alerts?.lapsed) counts.alerts.lapsed++;
  if (state.alerts?.atRisk) counts.alerts.atRisk++;
  for (const type of eventTypes) counts.events[type] = (counts.events[type] ?? 0) + 1;
}

export function addCounts(total: RunCounts, part: RunCounts): RunCounts {
  total.customers += part.customers;
  for (const tier of ['A', 'B', 'C'] as const) {
    total.tiers[tier] += part.tiers[tier];
    total.revenue[tier] += part.revenue[tier];
  }
  for (const stage of Object.keys(total.stages) as RelationshipStage[]) {
    total.stages[stage] += part.stages[stage];
  }
  for (const [key, n] of Object.entries(part.movements)) {
    total.movements[key] = (total.movements[key] ?? 0) + n;
  }
  total.firstTiers += part.firstTiers;
  total.alerts.declining += part.alerts.declining;
  total.alerts.lapsed += part.alerts.lapsed;
  total.alerts.atRisk += part.alerts.atRisk;
  for (const [type, n] of Object.entries(part.events)) {
    total.events[type] = (total.events[type] ?? 0) + n;
  }
  total.superseded += part.superseded;
  return total;
}
