/**
 * A mergeable summary of the trailing-revenue distribution: customers and revenue per logarithmic
 * bucket of relative width 0.5% (DDSketch's layout), plus the customers with no positive revenue.
 * Every segment of a run builds one in its first pass; merged, they give the run's thresholds
 * without any single task ever holding all customers. A few thousand buckets at most, whatever
 * the number of customers.
 */
export const GROWTH = 1.005;
const LN_GROWTH = Math.log(GROWTH);

export interface Bucket {
  count: number;
  sum: number;
}

export interface RevenueSketch {
  readonly nonPositive: Bucket;
  readonly buckets: Map<number, Bucket>;
}

/** Bucket i holds the revenues in (GROWTH^(i-1), GROWTH^i]. */
export function bucketIndex(revenue: number): number {
  return Math.ceil(Math.log(revenue) / LN_GROWTH - 1e-9);
}

/** The lowest revenue bucket `index` can hold is just above this. */
export const bucketFloor = (index: number): number => GROWTH ** (index - 1);
export const bucketCeiling = (index: number): number => GROWTH ** index;

export function emptySketch(): RevenueSketch {
  return { nonPositive: { count: 0, sum: 0 }, buckets: new Map() };
}

export function addToSketch(sketch: RevenueSketch, revenue: number): void {
  if (!(revenue > 0)) {
    sketch.nonPositive.count++;
    sketch.nonPositive.sum += revenue;
    return;
  }
  const index = bucketIndex(revenue);
  const bucket = sketch.buckets.get(index);
  if (bucket) {
    bucket.count++;
    bucket.sum += revenue;
  } else sketch.buckets.set(index, { count: 1, sum: revenue });
}

export function mergeSketches(sketches: Iterable<RevenueSketch>): RevenueSketch {
  const merged = emptySketch();
  for (const sketch of sketches) {
    merged.nonPositive.count += sketch.nonPositive.count;
    merged.nonPositive.sum += sketch.nonPositive.sum;
    for (const [index, { count, sum }] of sketch.buckets) {
      const bucket = merged.buckets.get(index);
      if (bucket) {
        bucket.count += count;
        bucket.sum += sum;
      } else merged.buckets.set(index, { count, sum });
    }
  }
  return merged;
}

export function sketchCustomers(sketch: RevenueSketch): number {
  let total = sketch.nonPositive.count;
  for (const bucket of sketch.buckets.values()) total += bucket.count;
  return total;
}

/** The JSON form kept between the passes: `[index, count, sum]` triples. */
export interface StoredSketch {
  readonly nonPositive: [count: number, sum: number];
  readonly buckets: [index: number, count: number, sum: number][];
}

export function storeSketch(sketch: RevenueSketch): StoredSketch {
  return {
    nonPositive: [sketch.nonPositive.count, sketch.nonPositive.sum],
    buckets: [...sketch.buckets].map(([index, b]) => [index, b.count, b.sum]),
  };
}

export function loadSketch(stored: StoredSketch): RevenueSketch {
  const [count, sum] = stored.nonPositive;
  return {
    nonPositive: { count, sum },
    buckets: new Map(stored.buckets.map(([index, c, s]) => [index, { count: c, sum: s }])),
  };
}
