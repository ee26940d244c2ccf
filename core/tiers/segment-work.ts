import * as z from 'zod';
import type { Clock } from '../ports.ts';
import type { TierPolicy } from './policy.ts';
import type { CustomerScanner, TierRunStore, ValueWriter } from './ports.ts';
import { attemptKey } from './spill.ts';

export const RunId = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/, 'letters, digits, _ . : - (1-80)');

/** One segment's work in a pass, carried from chunk to chunk by the workflow's loop. */
export const SegmentWork = z.strictObject({
  runId: RunId,
  attempt: z.number().int().min(1),
  asOf: z.iso.datetime(),
  segment: z.number().int().min(0),
  of: z.number().int().min(1).max(1000),
  chunk: z.number().int().min(0),
  /** Pass 1: the scan's key. Pass 2: the next piece of the spill (`{ chunk, piece }`). */
  cursor: z.record(z.string(), z.string()).optional(),
  done: z.boolean().optional(),
});
export type SegmentWork = z.infer<typeof SegmentWork>;

export interface TierStepDeps {
  readonly runs: TierRunStore;
  readonly scanner: CustomerScanner;
  readonly values: ValueWriter;
  readonly clock: Clock;
  readonly policy: TierPolicy;
  /** Parallel-scan segments of a run. */
  readonly segments: number;
  /** How long one invocation works on a segment before handing the rest to the next. */
  readonly chunkMs: number;
  /** Real elapsed milliseconds for that budget (not the domain clock, which tests freeze). */
  readonly stopwatch: () => number;
  /** Customers of a chunk written at once. @default 8 */
  readonly writeConcurrency?: number;
  /** Customers per spill piece (spill.ts). @default SPILL_PIECE_SIZE */
  readonly spillPieceSize?: number;
}

export const partName = (work: SegmentWork, pass: 'summary' | 'result') =>
  `${attemptKey(work.attempt)}#${pass}#${work.segment}#${String(work.chunk).padStart(6, '0')}`;

/** The segment's next chunk, resuming at `cursor`; done when there is none. */
export function nextWork(
  work: SegmentWork,
  cursor: Record<string, string> | undefined,
): SegmentWork {
  const { cursor: _previous, ...rest } = work;
  return {
    ...rest,
    chunk: work.chunk + 1,
    done: cursor === undefined,
    ...(cursor ? { cursor } : {}),
  };
}
