import type { TierPolicy } from './policy.ts';
import {
  bucketCeiling,
  bucketFloor,
  bucketIndex,
  type RevenueSketch,
  sketchCustomers,
} from './sketch.ts';

/**
 * The run's global cut-offs, from the merged sketch of its first pass. Tiers compare bucket
 * indexes, so every customer of a bucket lands in the same tier and the second pass agrees with
 * the first exactly; revenues are within 0.5% of the bucket edges given for people.
 */
export interface Thresholds {
  readonly customers: number;
  /** Positive trailing revenue of all customers. */
  readonly revenue: number;
  /** A is every customer whose revenue bucket is at least this (none when undefined). */
  readonly aFromBucket?: number;
  /** C is every customer with no positive revenue, or whose bucket is at most this. */
  readonly cUpToBucket?: number;
  /** For people: A starts just above this revenue, C ends at this one. */
  readonly aAbove?: number;
  readonly cUpTo?: number;
  /** What A holds: its customers and their share of the revenue. */
  readonly aCustomers: number;
  readonly aRevenueShare: number;
}

export function thresholdsOf(sketch: RevenueSketch, policy: TierPolicy): Thresholds {
  const customers = sketchCustomers(sketch);
  const descending = [...sketch.buckets].sort(([p], [q]) => q - p);
  let revenue = 0;
  for (const [, bucket] of descending) revenue += bucket.sum;
  const a = tierA(descending, customers, revenue, policy);
  const cUpToBucket = tierC(descending, sketch.nonPositive.count, customers, a.fromBucket, policy);
  return {
    customers,
    revenue,
    ...(a.fromBucket === undefined
      ? {}
      : { aFromBucket: a.fromBucket, aAbove: bucketFloor(a.fromBucket) }),
    ...(cUpToBucket === undefined ? {} : { cUpToBucket, cUpTo: bucketCeiling(cUpToBucket) }),
    aCustomers: a.customers,
    aRevenueShare: revenue > 0 ? a.revenue / revenue : 0,
  };
}

type Buckets = readonly (readonly [number, { count: number; sum: number }])[];

/** A, from the top: whole buckets while the revenue target is not reached and the cap holds. */
function tierA(descending: Buckets, customers: number, revenue: number, policy: TierPolicy) {
  const a = policy.a;
  const cap = Math.floor((a.rule === 'top-share' ? a.topShare : a.maxCustomerShare) * customers);
  const target = a.rule === 'revenue-share' ? a.revenueShare * revenue : Number.POSITIVE_INFINITY;
  const found = { fromBucket: undefined as number | undefined, customers: 0, revenue: 0 };
  for (const [index, bucket] of descending) {
    if (found.revenue >= target || found.customers + bucket.count > cap) break;
    found.fromBucket = index;
    found.customers += bucket.count;
    found.revenue += bucket.sum;
  }
  return found;
}

/** C, from the bottom: the customers with no positive revenue count first (they are C anyway). */
function tierC(
  descending: Buckets,
  nonPositive: number,
  customers: number,
  aFromBucket: number | undefined,
  policy: TierPolicy,
): number | undefined {
  const bottom = Math.floor(policy.c.bottomShare * customers);
  let cCustomers = nonPositive;
  let cUpToBucket: number | undefined;
  for (const [index, bucket] of descending.toReversed()) {
    if (aFromBucket !== undefined && index >= aFromBucket) break;
    if (cCustomers + bucket.count > bottom) break;
    cUpToBucket = index;
    cCustomers += bucket.count;
  }
  return cUpToBucket;
}

export type Tier = 'A' | 'B' | 'C';

export function tierOf(revenue: number, thresholds: Thresholds): Tier {
  // Value destroyers (seeds: no purchases in the last year, or more given back than bought) are C.
  if (!(revenue > 0)) return 'C';
  const index = bucketIndex(revenue);
  if (thresholds.aFromBucket !== undefined && index >= thresholds.aFromBucket) return 'A';
  if (thresholds.cUpToBucket !== undefined && index <= thresholds.cUpToBucket) return 'C';
  return 'B';
}

/** Whether a yearly volume would put a customer in A: "valuable", for the decline and lapse rules. */
export function isAVolume(yearly: number | undefined, thresholds: Thresholds): boolean {
  if (yearly === undefined || !(yearly > 0) || thresholds.aFromBucket === undefined) return false;
  return bucketIndex(yearly) >= thresholds.aFromBucket;
}
