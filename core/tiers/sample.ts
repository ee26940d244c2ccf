import type { ValueMetrics } from './metrics.ts';

/** What the model fits read of a sampled customer. */
export interface SampledCustomer {
  /** The customer id's hash: the sample is the customers with the smallest hashes. */
  readonly h: number;
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  /** Mean repeat spend (0 when x = 0). */
  readonly m: number;
}

/** FNV-1a, 32 bits: a stable, uniform-enough hash of an id; no crypto needed for sampling. */
export function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A bottom-k sample: the k customers with the smallest id hashes. Uniform, the same whichever
 * segment or order customers come in, and mergeable: the k smallest of the union of two bottom-k
 * samples are the bottom-k of the union of their populations.
 */
export class BottomKSample {
  private entries: SampledCustomer[] = [];
  private cutoff = Number.POSITIVE_INFINITY;

  constructor(readonly k: number) {}

  offer(
    customerId: string,
    metrics: Pick<ValueMetrics, 'x' | 'tx' | 'T' | 'meanRepeatSpend'>,
  ): void {
    const h = idHash(customerId);
    if (h >= this.cutoff) return;
    this.add({ h, x: metrics.x, tx: metrics.tx, T: metrics.T, m: metrics.meanRepeatSpend ?? 0 });
  }

  /** Whether a customer of this hash could enter the sample (most cannot, once it is full). */
  wants(h: number): boolean {
    return h < this.cutoff;
  }

  add(entry: SampledCustomer): void {
    if (entry.h >= this.cutoff) return;
    this.entries.push(entry);
    if (this.entries.length >= 2 * this.k) this.trim();
  }

  /** The sample, smallest hashes first. */
  values(): SampledCustomer[] {
    this.trim();
    return this.entries;
  }

  private trim(): void {
    this.entries.sort((p, q) => p.h - q.h);
    if (this.entries.length > this.k) {
      this.entries.length = this.k;
      this.cutoff = this.entries[this.k - 1]?.h ?? this.cutoff;
    }
  }
}

export function mergeSamples(
  k: number,
  samples: Iterable<readonly SampledCustomer[]>,
): SampledCustomer[] {
  const merged = new BottomKSample(k);
  for (const sample of samples) for (const entry of sample) merged.add(entry);
  return merged.values();
}
