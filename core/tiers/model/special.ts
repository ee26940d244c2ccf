import gammaln from '@stdlib/math-base-special-gammaln';

/** ln Γ(x), from stdlib (accurate to a few ulps, unlike a short Lanczos sum). */
export const lnGamma: (x: number) => number = gammaln;

/** ln(e^a + e^b) without overflow: the likelihood's two branches are each tiny. */
export function logAddExp(a: number, b: number): number {
  const high = Math.max(a, b);
  if (high === Number.NEGATIVE_INFINITY) return high;
  return high + Math.log(Math.exp(a - high) + Math.exp(b - high));
}

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) by its power series, for 0 <= z < 1 (the BG/NBD
 * conditional expectation only needs z = t / (alpha + T + t)). No maintained npm package ships it;
 * the series converges geometrically at rate z, so a few hundred terms reach double precision even
 * for five-year horizons.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1)) throw new RangeError(`hyp2f1 needs 0 <= z < 1, got ${z}`);
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 10_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) return sum;
  }
  return sum;
}
