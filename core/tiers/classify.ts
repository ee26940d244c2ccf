import type { RelationshipStage, Tier, ValueAlerts } from '../customer/system-state.ts';
import type { ValueMetrics } from './metrics.ts';
import { type Prediction, predict, type ValueModel } from './model/value-model.ts';
import type { TierPolicy } from './policy.ts';
import { stageOf } from './stage.ts';
import { isAVolume, type Thresholds, tierOf } from './thresholds.ts';

/** What a run's second pass decides about one customer, before comparing with what was stored. */
export interface Classification {
  readonly tier: Tier;
  readonly stage: RelationshipStage;
  /** Valuable: in A, or buying an A volume usually (so a lapsed or declining A customer counts). */
  readonly valuable: boolean;
  readonly alerts: ValueAlerts;
  readonly prediction?: Prediction;
}

/** The run's global view: its thresholds and, when the sample allowed a fit, its models. */
export interface RunPlan {
  readonly thresholds: Thresholds;
  readonly model?: ValueModel;
}

export function classify(m: ValueMetrics, plan: RunPlan, policy: TierPolicy): Classification {
  const tier = tierOf(m.t1, plan.thresholds);
  const valuable = tier === 'A' || isAVolume(m.baseline, plan.thresholds);
  const prediction = plan.model ? predict(plan.model, m, policy) : undefined;
  const since = m.recencyDays;
  const lapsed =
    valuable &&
    since !== undefined &&
    since > policy.lapse.afterDays &&
    since <= policy.lapse.withinDays;
  // "Buying < 40% of their usual volume, and still alive": still buying this year, not lapsed.
  const declining =
    valuable &&
    !lapsed &&
    m.t1 > 0 &&
    m.volumeRatio !== undefined &&
    m.volumeRatio < policy.decline.below;
  // The model's early warning, before the customer lapses by the calendar rule.
  const atRisk =
    valuable &&
    !lapsed &&
    prediction !== undefined &&
    prediction.pAlive < policy.atRisk.pAliveBelow;
  const c: { -readonly [K in keyof Classification]: Classification[K] } = {
    tier,
    stage: stageOf(m, policy),
    valuable,
    alerts: { declining, lapsed, atRisk },
  };
  // Assigned, not spread: this runs once per customer, a million times a run.
  if (prediction) c.prediction = prediction;
  return c;
}
