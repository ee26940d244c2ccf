import { nelderMead } from './nelder-mead.ts';
import { hyp2f1, lnGamma, logAddExp } from './special.ts';

/**
 * The BG/NBD purchase model (Fader, Hardie & Lee, "Counting your customers the easy way", 2005):
 * while alive a customer buys at a Poisson rate drawn from Gamma(r, alpha); after each purchase
 * they drop out with a probability drawn from Beta(a, b). Times are in weeks, as in the paper.
 */
export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** What the model reads of a customer: repeat purchases x, time of the last one t_x, age T. */
export interface Rft {
  readonly x: number;
  readonly tx: number;
  readonly T: number;
}

/** Column-wise customers, so the likelihood loop touches no objects (the fit evaluates it ~1,000 times). */
export interface RftColumns {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
}

export function rftColumns(customers: readonly Rft[]): RftColumns {
  const n = customers.length;
  const columns = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n) };
  customers.forEach((c, i) => {
    columns.x[i] = c.x;
    columns.tx[i] = c.tx;
    columns.T[i] = c.T;
  });
  return columns;
}

/** Sum of the log-likelihood over the customers (equation 6 of the paper, in logs). */
export function bgNbdLogLikelihood(p: BgNbdParams, data: RftColumns): number {
  const { r, alpha, a, b } = p;
  const byX = new Map<number, number>();
  // ln A1 + ln A2 depend on x alone: computed once per distinct x (a few dozen), not per customer.
  const constantOf = (x: number) => {
    let value = byX.get(x);
    if (value === undefined) {
      value =
        lnGamma(r + x) -
        lnGamma(r) +
        r * Math.log(alpha) +
        lnGamma(a + b) +
        lnGamma(b + x) -
        lnGamma(b) -
        lnGamma(a + b + x);
      byX.set(x, value);
    }
    return value;
  };
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i] ?? 0;
    const a3 = -(r + x) * Math.log(alpha + (data.T[i] ?? 0));
    const tail =
      x > 0
        ? logAddExp(a3, Math.log(a / (b + x - 1)) - (r + x) * Math.log(alpha + (data.tx[i] ?? 0)))
        : a3;
    total += constantOf(x) + tail;
  }
  return total;
}

export interface Fit<P> {
  readonly params: P;
  readonly logLikelihood: number;
  /** Likelihood evaluations the optimiser made. */
  readonly evaluations: number;
}

/**
 * Maximum likelihood by Nelder-Mead on the logs of the parameters (they must stay positive), the
 * method the lifetimes reference implementation uses. The simplex is restarted from its own answer
 * until the likelihood stops improving: one simplex can stall on the flat (a, b) ridge.
 */
export function fitBgNbd(customers: readonly Rft[] | RftColumns): Fit<BgNbdParams> {
  const data = 'length' in customers ? rftColumns(customers) : customers;
  const toParams = ([lr, la, lA, lB]: number[]): BgNbdParams => ({
    r: Math.exp(lr ?? 0),
    alpha: Math.exp(la ?? 0),
    a: Math.exp(lA ?? 0),
    b: Math.exp(lB ?? 0),
  });
  const objective = (logs: number[]) => {
    if (!withinBounds(logs)) return Number.MAX_VALUE;
    const value = -bgNbdLogLikelihood(toParams(logs), data);
    return Number.isFinite(value) ? value : Number.MAX_VALUE;
  };
  const scale = meanT(data);
  const result = minimiseWithRestarts(objective, [0, Math.log(Math.max(scale, 1e-3)), 0, 0]);
  return { params: toParams(result.x), logLikelihood: -result.fx, evaluations: result.evaluations };
}

function meanT(data: RftColumns): number {
  let sum = 0;
  for (const t of data.T) sum += t;
  return data.T.length ? sum / data.T.length : 1;
}

/**
 * Parameters are fitted as logs within ±LOG_BOUND (e^15 ≈ 3.3M). Where the data show no drop-out,
 * the likelihood keeps rising, ever more slowly, as a and b grow together: unbounded, the simplex
 * walks along that ridge until its evaluation budget runs out (10,000 evaluations, seconds). Past
 * the bound a parameter changes the likelihood by far less than the fit's tolerance.
 */
export const LOG_BOUND = 10;

export const withinBounds = (logs: readonly number[]) =>
  logs.every((value) => Math.abs(value) <= LOG_BOUND);

export function minimiseWithRestarts(
  f: (x: number[]) => number,
  start: number[],
): { x: number[]; fx: number; evaluations: number } {
  let best = { x: start, fx: f(start) };
  let evaluations = 0;
  for (let round = 0; round < 8; round++) {
    const found = nelderMead(f, best.x);
    evaluations += found.evaluations;
    const improved = best.fx - found.fx;
    if (found.fx < best.fx) best = { x: [...found.x], fx: found.fx };
    if (improved < 1e-9) break;
  }
  return { ...best, evaluations };
}

/** P(alive | x, t_x, T): equation 13 of the paper's technical note. */
export function pAlive(p: BgNbdParams, c: Rft): number {
  if (c.x === 0) return 1;
  const ratio = Math.exp((p.r + c.x) * Math.log((p.alpha + c.T) / (p.alpha + c.tx)));
  return 1 / (1 + (p.a / (p.b + c.x - 1)) * ratio);
}

/** E[Y(t) | x, t_x, T]: purchases expected in the next `t` weeks (equation 10 of the paper). */
export function expectedPurchases(p: BgNbdParams, c: Rft, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const { x, tx, T } = c;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const bracket =
    1 -
    Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) *
      hyp2f1(r + x, b + x, a + b + x - 1, z);
  const alive =
    x > 0 ? 1 + (a / (b + x - 1)) * Math.exp((r + x) * Math.log((alpha + T) / (alpha + tx))) : 1;
  return (head * bracket) / alive;
}
