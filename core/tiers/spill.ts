import type { ValueState } from '../customer/system-state.ts';
import type { ValueMetrics } from './metrics.ts';

/**
 * The spill: what the first pass keeps of each customer for the second, so a run scans the table
 * once. The plan and the classification then read the same snapshot of every customer.
 */
export interface SpilledCustomer {
  readonly id: string;
  /** Computed by the first pass as of the run's instant. */
  readonly metrics: ValueMetrics;
  /** The stored state the scan read: the write's condition and the decision's "before". */
  readonly value?: ValueState;
}

/**
 * Customers per piece. At worst (128-character ids, every figure a full-precision double, a full
 * stored state) a gzipped piece of 500 is ~265 KB, under DynamoDB's 400 KB item with room
 * (test/unit/tiers/spill.test.ts); 500 synthetic customers without a stored state take ~22 KB.
 */
export const SPILL_PIECE_SIZE = 500;

/**
 * How long a piece is kept. The run reads its pieces within minutes of writing them; the week only
 * bounds what an abandoned attempt leaves behind.
 */
export const SPILL_TTL_MS = 7 * 24 * 3_600_000;

export const attemptKey = (attempt: number) => String(attempt).padStart(4, '0');

/** `0001#spill#3#000012#0004`: sorts by attempt, segment, chunk and piece. */
export const spillPieceName = (
  at: { readonly attempt: number; readonly segment: number },
  chunk: number,
  piece: number,
) =>
  `${attemptKey(at.attempt)}#spill#${at.segment}#${String(chunk).padStart(6, '0')}#${String(piece).padStart(4, '0')}`;

export function splitPieces<T>(items: readonly T[], size: number): T[][] {
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += size) pieces.push(items.slice(i, i + size));
  return pieces;
}

/**
 * Pieces per chunk of the first pass, per segment (`layout[segment][chunk]`), from the chunks'
 * summary parts. Only the count a chunk's summary records is read: a retried chunk that stopped
 * earlier than its first try wrote fewer pieces, and the first try's extra ones are stale.
 */
export type SpillLayout = number[][];

export function spillLayout(
  chunks: readonly { readonly segment: number; readonly chunk: number; readonly pieces: number }[],
  segments: number,
): SpillLayout {
  const layout: SpillLayout = Array.from({ length: segments }, () => []);
  for (const { segment, chunk, pieces } of chunks) {
    const counts = layout[segment];
    if (!counts) throw new Error(`a summary of segment ${segment} in a run of ${segments}`);
    counts[chunk] = pieces;
  }
  layout.forEach((counts, segment) => {
    // A hole is a chunk whose summary is missing: its customers would be left out.
    for (let chunk = 0; chunk < Math.max(1, counts.length); chunk++)
      if (counts[chunk] === undefined)
        throw new Error(`segment ${segment} has no summary for chunk ${chunk}`);
  });
  return layout;
}

/** A piece of a segment's spill: where a classify chunk starts and where the next one resumes. */
export interface SpillPosition {
  readonly chunk: number;
  readonly piece: number;
}

/** The position itself if it names a piece, else the next one that does; undefined at the end. */
function settle(counts: readonly number[], at: SpillPosition): SpillPosition | undefined {
  let { chunk, piece } = at;
  while (chunk < counts.length) {
    if (piece < (counts[chunk] ?? 0)) return { chunk, piece };
    chunk++;
    piece = 0;
  }
  return undefined;
}

export const firstPiece = (counts: readonly number[], cursor?: Record<string, string>) =>
  settle(counts, { chunk: Number(cursor?.chunk ?? 0), piece: Number(cursor?.piece ?? 0) });

export const nextPiece = (counts: readonly number[], at: SpillPosition) =>
  settle(counts, { chunk: at.chunk, piece: at.piece + 1 });

export const pieceCursor = (at: SpillPosition) => ({
  chunk: String(at.chunk),
  piece: String(at.piece),
});

const known = (value: number | null | undefined) => (value === null ? undefined : value);

/**
 * The metrics as the first pass computed them. JSON dropped their undefined fields: they get them
 * back, so every customer's metrics keep one object shape (metrics.ts says why).
 */
export function restoreMetrics(m: ValueMetrics): ValueMetrics {
  return {
    t1: m.t1,
    purchases12m: m.purchases12m,
    purchaseOccasions: m.purchaseOccasions,
    recencyDays: known(m.recencyDays),
    tenureDays: known(m.tenureDays),
    equity: m.equity,
    baseline: known(m.baseline),
    volumeRatio: known(m.volumeRatio),
    complaints12m: m.complaints12m,
    daysSinceComplaint: known(m.daysSinceComplaint),
    conversations: m.conversations,
    surveyScore: known(m.surveyScore),
    x: m.x,
    tx: m.tx,
    T: m.T,
    meanRepeatSpend: known(m.meanRepeatSpend),
  };
}
