import * as z from 'zod';
import type { RunPlan } from './classify.ts';
import { classifyChunk, type StoredPlan } from './classify-step.ts';
import { addCounts, emptyCounts, type RunCounts } from './counts.ts';
import { inParallel } from './in-parallel.ts';
import { valueMetrics } from './metrics.ts';
import { PassOne, planRun } from './passes.ts';
import type { SampledCustomer } from './sample.ts';
import { nextWork, partName, RunId, SegmentWork, type TierStepDeps } from './segment-work.ts';
import { loadSketch, type StoredSketch, storeSketch } from './sketch.ts';
import {
  attemptKey,
  SPILL_PIECE_SIZE,
  SPILL_TTL_MS,
  type SpilledCustomer,
  spillLayout,
  spillPieceName,
  splitPieces,
} from './spill.ts';

export { classifyChunk } from './classify-step.ts';
export { RunId, type SegmentWork, type TierStepDeps } from './segment-work.ts';

export const StartRequest = z.strictObject({
  /** The instant the run describes. @default now (to the second) */
  asOf: z.iso.datetime({ offset: true }).optional(),
  /** @default `tiers-<asOf>`: one run per instant, so a repeated start is the same run. */
  runId: RunId.optional(),
  /** Who asked: `schedule`, `api`, `local`, ... */
  trigger: z.string().min(1).max(40).default('api'),
});
export type StartRequest = z.input<typeof StartRequest>;

const RunRef = z.strictObject({ runId: RunId, attempt: z.number().int().min(1) });

/** What the workflow's tasks send the tier-run function, one variant per step. */
export const TierStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('start'), request: StartRequest }),
  z.strictObject({ step: z.literal('summarise'), work: SegmentWork }),
  z.strictObject({ step: z.literal('plan'), run: RunRef }),
  z.strictObject({ step: z.literal('classify'), work: SegmentWork }),
  z.strictObject({ step: z.literal('finish'), run: RunRef }),
]);
export type TierStep = z.infer<typeof TierStep>;

/** `tiers-20261123T030000Z`: the run of an instant. */
export const runIdFor = (asOf: string) => `tiers-${asOf.replace(/[-:]|\.\d+/g, '')}`;

export async function startRun(deps: TierStepDeps, input: StartRequest) {
  const request = StartRequest.parse(input);
  const now = deps.clock();
  const asOf = new Date(request.asOf ?? Math.floor(now.getTime() / 1000) * 1000).toISOString();
  const runId = request.runId ?? runIdFor(asOf);
  const { outcome, run } = await deps.runs.start(
    { runId, asOf, segments: deps.segments, trigger: request.trigger },
    now,
  );
  const segments = Array.from({ length: run.segments }, (_, segment) => ({
    runId,
    attempt: run.attempt,
    asOf: run.asOf,
    segment,
    of: run.segments,
    chunk: 0,
  }));
  return {
    runId,
    attempt: run.attempt,
    asOf: run.asOf,
    outcome,
    done: outcome === 'already-completed',
    segments: outcome === 'already-completed' ? [] : segments,
  };
}

interface SummaryPart {
  readonly sketch: StoredSketch;
  readonly sample: SampledCustomer[];
  readonly customers: number;
  readonly segment: number;
  readonly chunk: number;
  /** Spill pieces this chunk wrote: any beyond it are a previous try's, stale. */
  readonly pieces: number;
}

/**
 * First pass over one chunk: every customer's metrics, kept for the second pass in pieces (the
 * spill), then the chunk's revenue sketch and model sample, which count the pieces, as a part.
 */
export async function summariseChunk(deps: TierStepDeps, work: SegmentWork): Promise<SegmentWork> {
  const chunk = await scan(deps, work);
  const asOf = Date.parse(work.asOf);
  const pass = new PassOne(asOf, deps.policy);
  const spill: SpilledCustomer[] = [];
  for (const { history, value } of chunk.customers) {
    const metrics = valueMetrics(history, asOf, deps.policy);
    pass.addMetrics(history.customerId, metrics);
    spill.push(
      value ? { id: history.customerId, metrics, value } : { id: history.customerId, metrics },
    );
  }
  const pieces = splitPieces(spill, deps.spillPieceSize ?? SPILL_PIECE_SIZE);
  const expiresAt = new Date(deps.clock().getTime() + SPILL_TTL_MS);
  // Pieces first, the summary that counts them last: a counted piece is always there.
  await inParallel([...pieces.keys()], deps.writeConcurrency ?? 8, (i) =>
    deps.runs.putPart(work.runId, spillPieceName(work, work.chunk, i), pieces[i], { expiresAt }),
  );
  const summary = pass.summary();
  const part: SummaryPart = {
    sketch: storeSketch(summary.sketch),
    sample: summary.sample,
    customers: summary.customers,
    segment: work.segment,
    chunk: work.chunk,
    pieces: pieces.length,
  };
  await deps.runs.putPart(work.runId, partName(work, 'summary'), part);
  return nextWork(work, chunk.cursor);
}

/** The merged summaries' plan, kept on the run with the spill's layout for the second pass. */
export async function planStep(deps: TierStepDeps, runId: string, attempt: number) {
  const run = await deps.runs.get(runId);
  if (!run) throw new Error(`tier run ${runId} does not exist`);
  const parts = await deps.runs.parts<SummaryPart>(runId, `${attemptKey(attempt)}#summary#`);
  const plan = planRun(
    parts.map((part) => ({ ...part, sketch: loadSketch(part.sketch) })),
    deps.policy,
  );
  const stored: StoredPlan = { ...plan, spill: spillLayout(parts, run.segments) };
  await deps.runs.setPlan(runId, attempt, stored);
  // The layout stays out of the workflow's state: counts per chunk grow with the table.
  return { runId, attempt, ...plan };
}

export async function finishRun(deps: TierStepDeps, runId: string, attempt: number) {
  const run = await deps.runs.get(runId);
  if (!run) throw new Error(`tier run ${runId} does not exist`);
  const parts = await deps.runs.parts<RunCounts>(runId, `${attemptKey(attempt)}#result#`);
  const counts = parts.reduce(addCounts, emptyCounts());
  const now = deps.clock();
  const plan = run.plan as RunPlan | undefined;
  const summary = {
    runId,
    asOf: run.asOf,
    attempt,
    trigger: run.trigger,
    startedAt: run.startedAt,
    finishedAt: now.toISOString(),
    durationMs: now.getTime() - Date.parse(run.startedAt),
    thresholds: plan?.thresholds,
    model: plan?.model,
    ...counts,
  };
  await deps.runs.complete(runId, attempt, summary, now);
  return summary;
}

export type RunSummary = Awaited<ReturnType<typeof finishRun>>;

async function scan(deps: TierStepDeps, work: SegmentWork) {
  return deps.scanner.scanChunk({
    segment: work.segment,
    of: work.of,
    ...(work.cursor ? { cursor: work.cursor } : {}),
    until: deps.stopwatch() + deps.chunkMs,
  });
}

/** The one place a step becomes work; every variant is handled, or this does not compile. */
export async function runTierStep(deps: TierStepDeps, step: TierStep) {
  switch (step.step) {
    case 'start':
      return startRun(deps, step.request);
    case 'summarise':
      return summariseChunk(deps, step.work);
    case 'plan':
      return planStep(deps, step.run.runId, step.run.attempt);
    case 'classify':
      return classifyChunk(deps, step.work);
    case 'finish':
      return finishRun(deps, step.run.runId, step.run.attempt);
    default:
      return step satisfies never;
  }
}
