import type { ValueMetrics } from '../metrics.ts';
import type { TierPolicy } from '../policy.ts';
import type { SampledCustomer } from '../sample.ts';
import {
  type BgNbdParams,
  expectedPurchasesIfAlive,
  fitBgNbd,
  pAlive,
  rftColumns,
} from './bg-nbd.ts';
import { expectedSpend, fitGammaGamma, type GammaGammaParams } from './gamma-gamma.ts';

/** The fitted models of a run, small enough to travel in the workflow's state. */
export interface ValueModel {
  readonly bgNbd: BgNbdParams;
  readonly logLikelihood: number;
  /** Absent when too few repeat customers to fit spend. */
  readonly gammaGamma?: GammaGammaParams;
  readonly sampleSize: number;
}

export interface Prediction {
  readonly pAlive: number;
  /** Purchases expected in the next `predictionWeeks`. */
  readonly expectedPurchases: number;
  readonly expectedSpend?: number;
  /** Expected purchases x expected spend over the equity horizon, discounted yearly. */
  readonly modelValue?: number;
}

/** Fits both models on the run's sample; undefined (no predictions) when the sample is too small. */
export function fitValueModel(
  sample: readonly SampledCustomer[],
  policy: TierPolicy,
): ValueModel | undefined {
  // Customers with no purchase yet carry no information for the purchase model.
  const buyers = sample.filter((c) => c.T > 0);
  if (buyers.length < policy.model.minSample) return undefined;
  const bg = fitBgNbd(rftColumns(buyers));
  const repeat = buyers.filter((c) => c.x > 0 && c.m > 0).map((c) => ({ x: c.x, mean: c.m }));
  const gg =
    repeat.length >= Math.min(policy.model.minSample, 50) ? fitGammaGamma(repeat) : undefined;
  // A spend model with q <= 1 has no finite mean: better none than a wrong one.
  const usable = gg && gg.params.q > 1 ? gg.params : undefined;
  return {
    bgNbd: bg.params,
    logLikelihood: bg.logLikelihood,
    ...(usable ? { gammaGamma: usable } : {}),
    sampleSize: buyers.length,
  };
}

export function predict(
  model: ValueModel,
  m: Pick<ValueMetrics, 'x' | 'tx' | 'T' | 'meanRepeatSpend'>,
  policy: TierPolicy,
): Prediction | undefined {
  if (m.T <= 0) return undefined;
  const rft = { x: m.x, tx: m.tx, T: m.T };
  const alive = pAlive(model.bgNbd, rft);
  const purchases =
    expectedPurchasesIfAlive(model.bgNbd, rft, policy.model.predictionWeeks) * alive;
  if (!model.gammaGamma) return { pAlive: alive, expectedPurchases: purchases };
  const spend = expectedSpend(model.gammaGamma, { x: m.x, mean: m.meanRepeatSpend ?? 0 });
  const { years, discountRate } = policy.equity;
  // Undiscounted, the yearly increments telescope to the horizon's total: one series, not five.
  if (discountRate === 0) {
    const value = expectedPurchasesIfAlive(model.bgNbd, rft, years * 52) * alive * spend;
    return { pAlive: alive, expectedPurchases: purchases, expectedSpend: spend, modelValue: value };
  }
  let value = 0;
  let before = 0;
  for (let year = 1; year <= years; year++) {
    const upTo = expectedPurchasesIfAlive(model.bgNbd, rft, year * 52) * alive;
    value += ((upTo - before) * spend) / (1 + discountRate) ** year;
    before = upTo;
  }
  return { pAlive: alive, expectedPurchases: purchases, expectedSpend: spend, modelValue: value };
}
