import type { ValueState } from '../customer/system-state.ts';
import { classify, type RunPlan } from './classify.ts';
import { type Decision, decide, type RunContext } from './decide.ts';
import { type CustomerHistory, epochOf } from './history.ts';
import { trailingRevenue, type ValueMetrics, valueMetrics } from './metrics.ts';
import { fitValueModel } from './model/value-model.ts';
import type { TierPolicy } from './policy.ts';
import { BottomKSample, idHash, mergeSamples, type SampledCustomer } from './sample.ts';
import { addToSketch, emptySketch, mergeSketches, type RevenueSketch } from './sketch.ts';
import { thresholdsOf } from './thresholds.ts';

/**
 * A run is two passes over the customers (docs/tiers.md says why): the first summarises (the
 * revenue sketch and the model's sample), the plan turns the merged summaries into thresholds and
 * fitted models, the second classifies and decides. The Step Functions workflow runs each pass
 * per scan segment, and scans once: the first pass keeps each customer's metrics for the second
 * (spill.ts). In process (CLI, benchmark) the same functions run over arrays.
 */
export interface PassOneSummary {
  readonly sketch: RevenueSketch;
  readonly sample: SampledCustomer[];
  readonly customers: number;
}

export class PassOne {
  private readonly sketch = emptySketch();
  private readonly sample: BottomKSample;
  private customers = 0;

  constructor(
    private readonly asOf: number,
    private readonly policy: TierPolicy,
  ) {
    this.sample = new BottomKSample(policy.model.sampleSize);
  }

  add(history: CustomerHistory): void {
    // Only the sample needs the full metrics, and once it is full few customers can enter it:
    // the rest need their trailing revenue alone.
    const h = idHash(history.customerId);
    if (this.sample.wants(h)) {
      const m = valueMetrics(history, this.asOf, this.policy);
      addToSketch(this.sketch, m.t1);
      if (m.purchaseOccasions > 0) this.sample.offer(history.customerId, m);
    } else addToSketch(this.sketch, trailingRevenue(history, this.asOf));
    this.customers++;
  }

  /** A customer whose full metrics are computed already (the workflow keeps them for pass 2). */
  addMetrics(customerId: string, m: ValueMetrics): void {
    addToSketch(this.sketch, m.t1);
    if (m.purchaseOccasions > 0) this.sample.offer(customerId, m);
    this.customers++;
  }

  summary(): PassOneSummary {
    return { sketch: this.sketch, sample: this.sample.values(), customers: this.customers };
  }
}

export function planRun(parts: readonly PassOneSummary[], policy: TierPolicy): RunPlan {
  const sketch = mergeSketches(parts.map((part) => part.sketch));
  const sample = mergeSamples(
    policy.model.sampleSize,
    parts.map((part) => part.sample),
  );
  const model = fitValueModel(sample, policy);
  return { thresholds: thresholdsOf(sketch, policy), ...(model ? { model } : {}) };
}

/** The second pass for one customer: metrics, tier, stage, prediction, and the decision. */
export function passTwo(
  history: CustomerHistory,
  previous: ValueState | undefined,
  plan: RunPlan,
  run: RunContext,
  policy: TierPolicy,
): Decision {
  const metrics = valueMetrics(history, epochOf(run.asOf), policy);
  return decideFromMetrics(history.customerId, metrics, previous, plan, run, policy);
}

/** The second pass from metrics the first pass computed (the workflow's spill). */
export function decideFromMetrics(
  customerId: string,
  metrics: ValueMetrics,
  previous: ValueState | undefined,
  plan: RunPlan,
  run: RunContext,
  policy: TierPolicy,
): Decision {
  return decide(customerId, metrics, classify(metrics, plan, policy), previous, run, policy);
}
