import type { ValueState } from '../customer/system-state.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { Classification } from './classify.ts';
import { DAY_MS, epochOf } from './history.ts';
import type { ValueMetrics } from './metrics.ts';
import type { TierPolicy } from './policy.ts';

export interface Decision {
  readonly next: ValueState;
  /** Only for what changed against the stored state: a re-run that finds it done emits nothing. */
  readonly events: DomainEvent[];
}

export interface RunContext {
  readonly runId: string;
  /** The instant the metrics describe (ISO). */
  readonly asOf: string;
  /** When the run computed it (the clock). */
  readonly computedAt: string;
}

/**
 * The state to store and the events of the change, from what was stored before. Event ids carry
 * the customer and the new revision: the write that creates revision n is conditional on n-1, so
 * each fact has one id, and a retried write produces the same one.
 */
export function decide(
  customerId: string,
  metrics: ValueMetrics,
  c: Classification,
  previous: ValueState | undefined,
  run: RunContext,
  policy: TierPolicy,
): Decision {
  const revision = (previous?.revision ?? 0) + 1;
  const movedFrom = previous && previous.tier !== c.tier ? previous.tier : undefined;
  const next: ValueState = {
    tier: c.tier,
    stage: c.stage,
    metrics: storedMetrics(metrics, c),
    computedAt: run.computedAt,
    runId: run.runId,
    asOf: run.asOf,
    alerts: c.alerts,
    revision,
  };
  // Assigned, not spread: a spread in a literal is a runtime call, a million times a run.
  if (movedFrom) next.previousTier = movedFrom;
  const was = previous?.alerts;
  const base = { customerId, runId: run.runId, asOf: run.asOf };
  // A suffix, not a closure: this runs for every customer of a run.
  const suffix = `:${customerId}:${revision}`;
  const occurredAt = run.asOf;
  const events: DomainEvent[] = [];
  if (movedFrom) {
    const data = { ...base, from: movedFrom, to: c.tier, t1: metrics.t1, equity: metrics.equity };
    events.push({ id: `tier.changed${suffix}`, type: 'tier.changed', occurredAt, data });
  }
  if (c.alerts.declining && !was?.declining) {
    const data = {
      ...base,
      t1: metrics.t1,
      baseline: metrics.baseline ?? 0,
      volumeRatio: metrics.volumeRatio ?? 0,
      tier: c.tier,
    };
    events.push({
      id: `customer.declining${suffix}`,
      type: 'customer.declining',
      occurredAt,
      data,
    });
  }
  if (c.alerts.lapsed && !was?.lapsed) {
    const days = metrics.recencyDays ?? 0;
    const data = {
      ...base,
      lastPurchaseAt: new Date(epochOf(run.asOf) - days * DAY_MS).toISOString(),
      daysSinceLastPurchase: Math.floor(days),
      baseline: metrics.baseline ?? 0,
    };
    events.push({ id: `customer.lapsed${suffix}`, type: 'customer.lapsed', occurredAt, data });
  }
  if (c.alerts.atRisk && !was?.atRisk && c.prediction) {
    const data = {
      ...base,
      pAlive: c.prediction.pAlive,
      threshold: policy.atRisk.pAliveBelow,
      expectedPurchases: c.prediction.expectedPurchases,
      tier: c.tier,
    };
    events.push({ id: `customer.at-risk${suffix}`, type: 'customer.at-risk', occurredAt, data });
  }
  return { next, events };
}

/**
 * Numbers only (the stored schema), rounded so an unchanged customer stores the same figures.
 * Named stores in a fixed order, not a loop over key names: keyed stores with a changing key miss
 * V8's inline caches, and this runs once per customer, a million times a run (npm run bench).
 */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: one guarded store per metric, on purpose.
function storedMetrics(m: ValueMetrics, c: Classification): Record<string, number> {
  const s: Record<string, number> = {};
  if (Number.isFinite(m.t1)) s.t1 = round(m.t1);
  s.purchases12m = m.purchases12m;
  s.purchaseOccasions = m.purchaseOccasions;
  if (finite(m.recencyDays)) s.recencyDays = round(m.recencyDays);
  if (finite(m.tenureDays)) s.tenureDays = round(m.tenureDays);
  if (Number.isFinite(m.equity)) s.equity = round(m.equity);
  if (finite(m.baseline)) s.baseline = round(m.baseline);
  if (finite(m.volumeRatio)) s.volumeRatio = round(m.volumeRatio);
  s.complaints12m = m.complaints12m;
  if (finite(m.daysSinceComplaint)) s.daysSinceComplaint = round(m.daysSinceComplaint);
  s.conversations = m.conversations;
  if (finite(m.surveyScore)) s.surveyScore = round(m.surveyScore);
  s.x = m.x;
  if (Number.isFinite(m.tx)) s.tx = round(m.tx);
  if (Number.isFinite(m.T)) s.T = round(m.T);
  if (finite(m.meanRepeatSpend)) s.meanRepeatSpend = round(m.meanRepeatSpend);
  const p = c.prediction;
  if (p) {
    if (Number.isFinite(p.pAlive)) s.pAlive = round(p.pAlive);
    if (Number.isFinite(p.expectedPurchases)) s.expectedPurchases = round(p.expectedPurchases);
    if (finite(p.expectedSpend)) s.expectedSpend = round(p.expectedSpend);
    if (finite(p.modelValue)) s.modelValue = round(p.modelValue);
  }
  return s;
}

const finite = (value: number | undefined): value is number =>
  value !== undefined && Number.isFinite(value);

const round = (value: number) => Math.round(value * 1e6) / 1e6;
