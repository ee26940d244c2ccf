import type { ValueState } from '../../core/customer/system-state.ts';
import type { RunPlan } from '../../core/tiers/classify.ts';
import type { InProcessRun } from '../../core/tiers/run-in-process.ts';

const pct = (part: number, whole: number) =>
  whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-';
const num = (value: number | undefined, digits = 2) =>
  value === undefined ? '-' : value.toFixed(digits);

/** The run's report: the Pareto split, the alerts, the model, in a few lines. */
export function formatRun(asOf: string, run: InProcessRun, ms: number): string[] {
  const { counts, plan } = run;
  const revenue = counts.revenue.A + counts.revenue.B + counts.revenue.C;
  const tier = (t: 'A' | 'B' | 'C') =>
    `  ${t}  ${String(counts.tiers[t]).padStart(7)} customers (${pct(counts.tiers[t], counts.customers).padStart(6)})  ${pct(counts.revenue[t], revenue).padStart(6)} of 12-month revenue`;
  const model = plan.model;
  return [
    `Tier run as of ${asOf}: ${counts.customers} customers in ${(ms / 1000).toFixed(2)} s`,
    tier('A'),
    tier('B'),
    tier('C'),
    `Valuable customers: declining ${counts.alerts.declining}, lapsed ${counts.alerts.lapsed}, at risk ${counts.alerts.atRisk}`,
    `Stages: ${Object.entries(counts.stages)
      .map(([stage, n]) => `${stage} ${n}`)
      .join(', ')}`,
    model
      ? `BG/NBD r=${num(model.bgNbd.r, 4)} alpha=${num(model.bgNbd.alpha, 4)} a=${num(model.bgNbd.a, 4)} b=${num(model.bgNbd.b, 4)} (LL ${num(model.logLikelihood, 3)}, ${model.sampleSize} customers)`
      : 'No purchase model: too few customers with a purchase',
  ];
}

/** One line per customer: tier, P(alive), expected purchases and spend, model value. */
export function formatPredictions(
  asOf: string,
  plan: RunPlan,
  rows: readonly { id: string; state: ValueState }[],
): string[] {
  const weeks = 52;
  const header = `${'customer'.padEnd(10)} tier  P(alive)  purchases next ${weeks} wk  spend/purchase  model value   T1`;
  return [
    `As of ${asOf}${plan.model ? '' : ' (no purchase model: too few customers with a purchase)'}`,
    header,
    ...rows.map(({ id, state }) => {
      const m = state.metrics;
      return `${id.padEnd(10)} ${state.tier.padEnd(4)}  ${num(m.pAlive, 3).padStart(8)}  ${num(m.expectedPurchases, 3).padStart(22)}  ${num(m.expectedSpend).padStart(14)}  ${num(m.modelValue).padStart(11)}  ${num(m.t1).padStart(6)}`;
    }),
  ];
}
