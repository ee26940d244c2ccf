/**
 * Nelder-Mead downhill simplex (Lagarias et al. 1998 coefficients). Hand-written because the npm
 * registry has no maintained optimiser: the most used one, fmin 0.0.4 (2016), throws a
 * ReferenceError in its shrink step when loaded as an ES module. 4 parameters, no gradients needed.
 */
export interface Minimum {
  readonly x: number[];
  readonly fx: number;
  readonly evaluations: number;
}

export interface NelderMeadOptions {
  readonly maxEvaluations?: number;
  /** Stop when the simplex's values differ by less than this... */
  readonly fTolerance?: number;
  /** ...and its vertices by less than this in every coordinate. */
  readonly xTolerance?: number;
  /** Initial step along each axis. */
  readonly step?: number;
}

interface Vertex {
  x: number[];
  fx: number;
}

export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): Minimum {
  const { maxEvaluations = 5000, fTolerance = 1e-7, xTolerance = 1e-5, step = 0.1 } = options;
  const n = start.length;
  let evaluations = 0;
  const evaluate = (x: number[]): Vertex => {
    evaluations++;
    return { x, fx: f(x) };
  };
  const simplex: Vertex[] = [evaluate([...start])];
  for (let i = 0; i < n; i++) {
    const x = [...start];
    x[i] = (x[i] ?? 0) + step;
    simplex.push(evaluate(x));
  }
  while (evaluations < maxEvaluations) {
    simplex.sort((p, q) => p.fx - q.fx);
    if (converged(simplex, fTolerance, xTolerance)) break;
    const centroid = Array.from(
      { length: n },
      (_, i) => simplex.slice(0, n).reduce((sum, v) => sum + (v.x[i] ?? 0), 0) / n,
    );
    move(simplex, centroid, evaluate);
  }
  simplex.sort((p, q) => p.fx - q.fx);
  const best = simplex[0] as Vertex;
  return { x: best.x, fx: best.fx, evaluations };
}

/** One Nelder-Mead move: reflect, expand, contract, or shrink toward the best vertex. */
function move(simplex: Vertex[], centroid: number[], evaluate: (x: number[]) => Vertex): void {
  const n = simplex.length - 1;
  const best = simplex[0] as Vertex;
  const worst = simplex[n] as Vertex;
  const reflected = evaluate(along(centroid, worst.x, -1));
  const secondWorst = simplex[n - 1] as Vertex;
  if (reflected.fx < best.fx) {
    const expanded = evaluate(along(centroid, worst.x, -2));
    simplex[n] = expanded.fx < reflected.fx ? expanded : reflected;
    return;
  }
  if (reflected.fx < secondWorst.fx) {
    simplex[n] = reflected;
    return;
  }
  const outside = reflected.fx < worst.fx;
  const contracted = evaluate(along(centroid, worst.x, outside ? -0.5 : 0.5));
  if (contracted.fx < (outside ? reflected.fx : worst.fx)) {
    simplex[n] = contracted;
    return;
  }
  for (let i = 1; i <= n; i++) simplex[i] = evaluate(along(best.x, (simplex[i] as Vertex).x, 0.5));
}

const along = (from: number[], to: number[], t: number) =>
  from.map((value, i) => value + t * ((to[i] ?? 0) - value));

function converged(simplex: readonly Vertex[], fTolerance: number, xTolerance: number): boolean {
  const best = simplex[0] as Vertex;
  const worst = simplex[simplex.length - 1] as Vertex;
  if (Math.abs(worst.fx - best.fx) > fTolerance) return false;
  return simplex.every((v) =>
    v.x.every((value, i) => Math.abs(value - (best.x[i] ?? 0)) <= xTolerance),
  );
}
