import { nelderMead } from './nelder-mead.ts';
import { hyp2f1, lnGamma } from './special.ts';

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
  const { r, alpha } = p;
  const { constant, dropOut } = perX(p, data.x);
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const x = data.x[i] ?? 0;
    const logT = Math.log(alpha + (data.T[i] ?? 0));
    let value = (constant[x] ?? 0) - (r + x) * logT;
    // ln(e^A3 + e^A4) = A3 + softplus(A4 - A3): one exp and one log1p per customer.
    if (x > 0)
      value += softplus((dropOut[x] ?? 0) + (r + x) * (logT - Math.log(alpha + (data.tx[i] ?? 0))));
    total += value;
  }
  return total;
}

const softplus = (d: number) => (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d)));

/**
 * ln A1 + ln A2 and ln(a / (b + x - 1)) depend on x alone (a whole number): computed once per x up
 * to the largest (a few dozen), into arrays indexed by x, not per customer.
 */
function perX({ r, alpha, a, b }: BgNbdParams, xs: Float64Array) {
  let maxX = 0;
  for (const x of xs) if (x > maxX) maxX = x;
  const constant = new Float64Array(maxX + 1);
  const dropOut = new Float64Array(maxX + 1);
  const shared = r * Math.log(alpha) + lnGamma(a + b) - lnGamma(r) - lnGamma(b);
  for (let x = 0; x <= maxX; x++) {
    constant[x] = shared + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
    dropOut[x] = x > 0 ? Math.log(a / (b + x - 1)) : 0;
  }
  return { constant, dropOut };
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
  const toParams = ([lr, la, lA, lB]: readonly number[]): BgNbdParams => ({
    r: Math.exp(lr ?? 0),
    alpha: Math.exp(la ?? 0),
    a: Math.exp(lA ?? 0),
    b: Math.exp(lB ?? 0),
  });
  const objective = boundedObjective((logs) => -bgNbdLogLikelihood(toParams(logs), data));
  const scale = meanT(data);
  const result = minimiseWithRestarts(objective, [0, Math.log(Math.max(scale, 1e-3)), 0, 0]);
  const params = toParams(bounded(result.x));
  return {
    params,
    logLikelihood: bgNbdLogLikelihood(params, data),
    evaluations: result.evaluations,
  };
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

export const bounded = (logs: readonly number[]): number[] =>
  logs.map((value) => Math.min(LOG_BOUND, Math.max(-LOG_BOUND, value)));

/** Steepness of the wall past the bound (per squared log-unit). */
const WALL = 1e3;

/**
 * The objective at the point clamped to the bounds, plus a steep quadratic wall past them. An
 * infinite wall (rejecting the point) made the simplex bounce against it without converging until
 * its 5,000-evaluation budget ran out on data with no drop-out; against a finite one it settles.
 */
export function boundedObjective(
  negativeLogLikelihood: (logs: readonly number[]) => number,
): (logs: number[]) => number {
  return (logs) => {
    let excess = 0;
    for (const value of logs) {
      const over = Math.abs(value) - LOG_BOUND;
      if (over > 0) excess += over * over;
    }
    const value = negativeLogLikelihood(bounded(logs));
    return Number.isFinite(value) ? value + WALL * excess : Number.MAX_VALUE;
  };
}

/** A restart must improve the objective by more than this share of it to be worth another. */
const RESTART_TOLERANCE = 1e-8;

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
    // Relative: on a flat ridge each restart gains ~1e-7 of a likelihood in the tens of thousands
    // (noise, not fit), and an absolute tolerance kept all 8 restarts going (~6,800 evaluations).
    if (improved < RESTART_TOLERANCE * Math.abs(best.fx)) break;
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
  return expectedPurchasesIfAlive(p, c, t) * pAlive(p, c);
}

/**
 * Equation 10 without its last factor: its denominator, 1 + a / (b + x - 1) * ((alpha + T) /
 * (alpha + t_x))^(r + x), is 1 / P(alive). A prediction multiplies by the P(alive) it already
 * has, rather than computing the same power again for each horizon.
 */
export function expectedPurchasesIfAlive(p: BgNbdParams, c: Rft, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = p;
  const { x, T } = c;
  const z = t / (alpha + T + t);
  const head = (a + b + x - 1) / (a - 1);
  const bracket =
    1 -
    Math.exp((r + x) * Math.log((alpha + T) / (alpha + T + t))) *
      hyp2f1(r + x, b + x, a + b + x - 1, z);
  return head * bracket;
}
