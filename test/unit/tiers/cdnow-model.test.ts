import { describe, expect, it } from 'vitest';
import { fitBgNbd } from '../../../core/tiers/model/bg-nbd.ts';
import { fitGammaGamma } from '../../../core/tiers/model/gamma-gamma.ts';
import { DEFAULT_TIER_POLICY } from '../../../core/tiers/policy.ts';
import { runInProcess } from '../../../core/tiers/run-in-process.ts';
import {
  PUBLISHED,
  readCdnowMaster,
  readCdnowSpend,
  readCdnowSummary,
} from '../../../local/tiers/cdnow.ts';

const within = (actual: number, published: number, share: number) =>
  expect(Math.abs(actual / published - 1)).toBeLessThan(share);

describe('the purchase and spend models on CDNOW (../shared/data/cdnow)', () => {
  it('reproduce the published BG/NBD parameters within 1% and log-likelihood within 0.1', () => {
    const fit = fitBgNbd(readCdnowSummary());

    for (const key of ['r', 'alpha', 'a', 'b'] as const)
      within(fit.params[key], PUBLISHED.bgNbd[key], 0.01);
    expect(Math.abs(fit.logLikelihood - PUBLISHED.bgNbd.logLikelihood)).toBeLessThan(0.1);
  });

  it('reproduce the published Gamma-Gamma parameters within 1%', () => {
    const fit = fitGammaGamma(readCdnowSpend());

    for (const key of ['p', 'q', 'gamma'] as const)
      within(fit.params[key], PUBLISHED.gammaGamma[key], 0.01);
  });

  it('split the whole of CDNOW_master as of 1998-06-30 by Pareto, with decline and lapse counts', () => {
    const asOf = '1998-07-01T00:00:00.000Z';
    const run = runInProcess(
      readCdnowMaster(),
      { runId: 'cdnow', asOf, computedAt: asOf },
      DEFAULT_TIER_POLICY,
    );
    const { counts, plan } = run;

    expect(counts.customers).toBe(23_570);
    expect(plan.thresholds.aRevenueShare).toBeGreaterThanOrEqual(0.8);
    expect(plan.thresholds.aRevenueShare).toBeLessThan(0.81);
    expect(counts.tiers.A / counts.customers).toBeLessThanOrEqual(0.2);
    expect(counts.alerts.declining).toBeGreaterThan(0);
    expect(counts.alerts.lapsed).toBeGreaterThan(0);
    expect(counts.alerts.atRisk).toBeGreaterThan(0);
    console.log(
      `CDNOW as of 1998-06-30: A ${counts.tiers.A} customers (${((100 * counts.tiers.A) / counts.customers).toFixed(1)}%) make ${(100 * plan.thresholds.aRevenueShare).toFixed(1)}% of revenue; B ${counts.tiers.B}, C ${counts.tiers.C}; valuable declining ${counts.alerts.declining}, lapsed ${counts.alerts.lapsed}, at risk ${counts.alerts.atRisk}`,
    );
  });
});
