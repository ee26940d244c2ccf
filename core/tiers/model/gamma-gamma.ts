import { bounded, boundedObjective, type Fit, minimiseWithRestarts } from './bg-nbd.ts';
import { lnGamma } from './special.ts';

/**
 * The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves"):
 * each transaction's value is Gamma(p, nu) with nu ~ Gamma(q, gamma) per customer, independent of
 * the purchase process. Fitted on repeat customers only (x > 0), with their mean repeat spend.
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface SpendSummary {
  /** Repeat transactions. */
  readonly x: number;
  /** Mean value of the repeat transactions. */
  readonly mean: number;
}

export function gammaGammaLogLikelihood(
  { p, q, gamma }: GammaGammaParams,
  data: readonly SpendSummary[],
): number {
  let total = 0;
  const shared = -lnGamma(q) + q * Math.log(gamma);
  // The ln Γ terms depend on x alone: once per distinct x (a few dozen), not per customer.
  const byX = new Map<number, number>();
  for (const { x, mean } of data) {
    const px = p * x;
    let gammas = byX.get(x);
    if (gammas === undefined) {
      gammas = lnGamma(px + q) - lnGamma(px);
      byX.set(x, gammas);
    }
    total +=
      gammas +
      shared +
      (px - 1) * Math.log(mean) +
      px * Math.log(x) -
      (px + q) * Math.log(x * mean + gamma);
  }
  return total;
}

export function fitGammaGamma(customers: readonly SpendSummary[]): Fit<GammaGammaParams> {
  const data = customers.filter((c) => c.x > 0 && c.mean > 0);
  const toParams = ([lp, lq, lg]: readonly number[]): GammaGammaParams => ({
    p: Math.exp(lp ?? 0),
    q: Math.exp(lq ?? 0),
    gamma: Math.exp(lg ?? 0),
  });
  const objective = boundedObjective((logs) => -gammaGammaLogLikelihood(toParams(logs), data));
  const result = minimiseWithRestarts(objective, [0, 0, 0]);
  const params = toParams(bounded(result.x));
  return {
    params,
    logLikelihood: gammaGammaLogLikelihood(params, data),
    evaluations: result.evaluations,
  };
}

/** E[M | x, mean]: the customer's expected value per transaction, shrunk toward the population's. */
export function expectedSpend({ p, q, gamma }: GammaGammaParams, c: SpendSummary): number {
  const populationMean = (p * gamma) / (q - 1);
  if (c.x <= 0) return populationMean;
  return (p * (gamma + c.x * c.mean)) / (p * c.x + q - 1);
}
