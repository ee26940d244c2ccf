import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ValueState } from '../../../core/customer/system-state.ts';
import { type ValueMetrics, valueMetrics } from '../../../core/tiers/metrics.ts';
import { decideFromMetrics, PassOne, passTwo, planRun } from '../../../core/tiers/passes.ts';
import { DEFAULT_TIER_POLICY as policy } from '../../../core/tiers/policy.ts';
import {
  firstPiece,
  nextPiece,
  pieceCursor,
  restoreMetrics,
  SPILL_PIECE_SIZE,
  type SpilledCustomer,
  type SpillPosition,
  spillLayout,
  spillPieceName,
  splitPieces,
} from '../../../core/tiers/spill.ts';
import { syntheticHistories } from '../../../local/tiers/synthetic.ts';

const AS_OF = '2026-11-20T00:00:00.000Z';
const DYNAMODB_ITEM_LIMIT = 400 * 1024;

/** A full-precision double that gzip cannot shorten (17 significant digits). */
let seed = 12345;
const noise = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed / 2 ** 32) * 1e5 + 1 / 3;
};
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.:@-';
const worstId = () =>
  Array.from({ length: 128 }, () => ID_ALPHABET[Math.floor(noise()) % ID_ALPHABET.length]).join('');

/** Every field present, every number a full double, the longest id and run id: the largest piece. */
function worstCustomer(): SpilledCustomer {
  const metrics: ValueMetrics = {
    t1: noise(),
    purchases12m: noise(),
    purchaseOccasions: noise(),
    recencyDays: noise(),
    tenureDays: noise(),
    equity: noise(),
    baseline: noise(),
    volumeRatio: noise(),
    complaints12m: noise(),
    daysSinceComplaint: noise(),
    conversations: noise(),
    surveyScore: noise(),
    x: noise(),
    tx: noise(),
    T: noise(),
    meanRepeatSpend: noise(),
  };
  const stored = Object.fromEntries(
    [...Object.keys(metrics), 'pAlive', 'expectedPurchases', 'expectedSpend', 'modelValue'].map(
      (key) => [key, noise()],
    ),
  );
  const value: ValueState = {
    tier: 'A',
    stage: 'intimacy',
    metrics: stored,
    computedAt: '2026-11-20T03:00:00.123Z',
    runId: `tiers-${'x'.repeat(74)}`,
    previousTier: 'B',
    asOf: '2026-11-13T03:00:00.000Z',
    alerts: { declining: true, lapsed: false, atRisk: true },
    revision: 123_456_789,
    emitted: ['tier.changed', 'customer.declining', 'customer.lapsed', 'customer.at-risk'],
  };
  return { id: worstId(), metrics, value };
}

describe('the spill of a tier run', () => {
  it('keeps a piece of 500 worst-case customers well under DynamoDB’s 400 KB item', () => {
    const piece = Array.from({ length: SPILL_PIECE_SIZE }, worstCustomer);

    // As DynamoTierRunStore.putPart stores it, with the item's keys and attributes beside it.
    const body = gzipSync(JSON.stringify(piece)).byteLength;
    const keys = 2 * (`TIERRUN#tiers-${'x'.repeat(74)}`.length + 40) + 64;

    expect(body + keys).toBeLessThan(DYNAMODB_ITEM_LIMIT * 0.75);
  });

  it('names pieces so they sort by attempt, segment, chunk and piece', () => {
    const names = [
      spillPieceName({ attempt: 1, segment: 3 }, 0, 0),
      spillPieceName({ attempt: 1, segment: 3 }, 0, 9),
      spillPieceName({ attempt: 1, segment: 3 }, 0, 10),
      spillPieceName({ attempt: 1, segment: 3 }, 9, 0),
      spillPieceName({ attempt: 1, segment: 3 }, 10, 0),
      spillPieceName({ attempt: 2, segment: 0 }, 0, 0),
    ];

    expect([...names].sort()).toEqual(names);
    expect(names[2]).toBe('0001#spill#3#000000#0010');
  });

  it('splits customers into pieces of at most the piece size, in order', () => {
    const pieces = splitPieces([1, 2, 3, 4, 5], 2);

    expect(pieces).toEqual([[1, 2], [3, 4], [5]]);
    expect(splitPieces([], 2)).toEqual([]);
  });

  it('lays out the pieces each chunk counted, per segment, and refuses a missing chunk', () => {
    const layout = spillLayout(
      [
        { segment: 1, chunk: 1, pieces: 0 },
        { segment: 0, chunk: 0, pieces: 2 },
        { segment: 1, chunk: 0, pieces: 3 },
      ],
      2,
    );

    expect(layout).toEqual([[2], [3, 0]]);
    expect(() => spillLayout([{ segment: 0, chunk: 1, pieces: 1 }], 1)).toThrow(/chunk 0/);
    expect(() => spillLayout([{ segment: 0, chunk: 0, pieces: 1 }], 2)).toThrow(/segment 1/);
  });

  it('walks every counted piece once, past empty chunks, and resumes at a cursor', () => {
    const counts = [2, 0, 1, 0];
    const walk = (from?: Record<string, string>) => {
      const seen: SpillPosition[] = [];
      for (let at = firstPiece(counts, from); at; at = nextPiece(counts, at)) seen.push(at);
      return seen;
    };

    expect(walk()).toEqual([
      { chunk: 0, piece: 0 },
      { chunk: 0, piece: 1 },
      { chunk: 2, piece: 0 },
    ]);
    expect(walk(pieceCursor({ chunk: 0, piece: 1 }))).toEqual([
      { chunk: 0, piece: 1 },
      { chunk: 2, piece: 0 },
    ]);
    // A stale piece beyond a chunk's count is never named.
    expect(walk({ chunk: '2', piece: '1' })).toEqual([]);
    expect(firstPiece([0, 0])).toBeUndefined();
  });

  it('decides from spilled metrics exactly as from the history, after the JSON round trip', () => {
    const histories = syntheticHistories(300, Date.parse(AS_OF), 3);
    const first = new PassOne(Date.parse(AS_OF), policy);
    for (const history of histories) first.add(history);
    const plan = planRun([first.summary()], policy);
    const run = { runId: 'tiers-test', asOf: AS_OF, computedAt: AS_OF };

    for (const history of histories) {
      const computed = valueMetrics(history, Date.parse(AS_OF), policy);
      const spilled = JSON.parse(JSON.stringify(computed)) as ValueMetrics;
      const restored = restoreMetrics(spilled);

      expect(restored).toStrictEqual(computed);
      expect(decideFromMetrics(history.customerId, restored, undefined, plan, run, policy)).toEqual(
        passTwo(history, undefined, plan, run, policy),
      );
    }
  });

  it('summarises the same from computed metrics as from the histories', () => {
    const histories = syntheticHistories(500, Date.parse(AS_OF), 4);
    const fromHistories = new PassOne(Date.parse(AS_OF), policy);
    const fromMetrics = new PassOne(Date.parse(AS_OF), policy);

    for (const history of histories) {
      fromHistories.add(history);
      const metrics = valueMetrics(history, Date.parse(AS_OF), policy);
      fromMetrics.addMetrics(history.customerId, metrics);
    }

    expect(fromMetrics.summary()).toEqual(fromHistories.summary());
  });
});
