import * as z from 'zod';
import type { Clock } from '../ports.ts';
import type { RunPlan } from './classify.ts';
import { addCounts, countState, emptyCounts, type RunCounts } from './counts.ts';
import { inParallel } from './in-parallel.ts';
import { PassOne, passTwo, planRun } from './passes.ts';
import type { TierPolicy } from './policy.ts';
import type {
  CustomerScanner,
  ScannedCustomer,
  TierRunStore,
  ValueWrite,
  ValueWriter,
} from './ports.ts';
import type { SampledCustomer } from './sample.ts';
import { loadSketch, type StoredSketch, storeSketch } from './sketch.ts';

export const RunId = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/, 'letters, digits, _ . : - (1-80)');

/** One segment's work in a pass, carried from chunk to chunk by the workflow's loop. */
const SegmentWork = z.strictObject({
  runId: RunId,
  attempt: z.number().int().min(1),
  asOf: z.iso.datetime(),
  segment: z.number().int().min(0),
  of: z.number().int().min(1).max(1000),
  chunk: z.number().int().min(0),
  cursor: z.record(z.string(), z.string()).optional(),
  done: z.boolean().optional(),
});
export type SegmentWork = z.infer<typeof SegmentWork>;

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
}

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
}

const partName = (work: SegmentWork, pass: 'summary' | 'result') =>
  `${String(work.attempt).padStart(4, '0')}#${pass}#${work.segment}#${String(work.chunk).padStart(6, '0')}`;

/** First pass over one chunk: the revenue sketch and the model sample, kept as a part. */
export async function summariseChunk(deps: TierStepDeps, work: SegmentWork): Promise<SegmentWork> {
  const chunk = await scan(deps, work);
  const pass = new PassOne(Date.parse(work.asOf), deps.policy);
  for (const customer of chunk.customers) pass.add(customer.history);
  const summary = pass.summary();
  const part: SummaryPart = {
    sketch: storeSketch(summary.sketch),
    sample: summary.sample,
    customers: summary.customers,
  };
  await deps.runs.putPart(work.runId, partName(work, 'summary'), part);
  return next(work, chunk.cursor);
}

export async function planStep(deps: TierStepDeps, runId: string, attempt: number) {
  const parts = await deps.runs.parts<SummaryPart>(
    runId,
    `${String(attempt).padStart(4, '0')}#summary#`,
  );
  const plan = planRun(
    parts.map((part) => ({ ...part, sketch: loadSketch(part.sketch) })),
    deps.policy,
  );
  await deps.runs.setPlan(runId, attempt, plan);
  return { runId, attempt, ...plan };
}

/** Second pass over one chunk: decide and write every customer, then keep the chunk's counts. */
export async function classifyChunk(deps: TierStepDeps, work: SegmentWork): Promise<SegmentWork> {
  const run = await deps.runs.get(work.runId);
  if (!run?.plan)
    throw new Error(`tier run ${work.runId} has no plan: the plan step must run first`);
  const plan = run.plan as RunPlan;
  const chunk = await scan(deps, work);
  const counts = emptyCounts();
  const context = { runId: work.runId, asOf: work.asOf, computedAt: deps.clock().toISOString() };
  const writes: ValueWrite[] = [];
  for (const customer of chunk.customers) {
    const write = decideCustomer(deps, customer, plan, context, counts);
    if (write) writes.push(write);
  }
  // Written in groups (one transaction each, conditions kept), several groups at once.
  const groups: ValueWrite[][] = [];
  for (let i = 0; i < writes.length; i += WRITE_GROUP)
    groups.push(writes.slice(i, i + WRITE_GROUP));
  const conflicts: string[] = [];
  await inParallel(groups, deps.writeConcurrency ?? 8, async (group) => {
    const outcomes = await deps.values.writeMany(group);
    group.forEach((write, i) => {
      if (outcomes[i] === 'written') {
        countState(
          counts,
          write.next,
          write.events.map((event) => event.type),
        );
      } else conflicts.push(write.customerId);
    });
  });
  // Someone wrote these meanwhile: read each again and decide again from what is there now.
  await inParallel(conflicts, deps.writeConcurrency ?? 8, async (customerId) => {
    const again = await deps.values.reread(customerId);
    if (again) await classifyCustomer(deps, again, plan, context, counts);
  });
  await deps.runs.putPart(work.runId, partName(work, 'result'), counts);
  return next(work, chunk.cursor);
}

/** Customers per writeMany call: with their events, about one 100-action transaction. */
const WRITE_GROUP = 64;

/** The write a customer needs, or none (counted already) when this or a newer run wrote it. */
function decideCustomer(
  deps: TierStepDeps,
  customer: ScannedCustomer,
  plan: RunPlan,
  context: { runId: string; asOf: string; computedAt: string },
  counts: RunCounts,
): ValueWrite | undefined {
  const stored = customer.value;
  // Written by this run already (a retried chunk, a restarted run): count it, write nothing.
  if (stored?.runId === context.runId) {
    countState(counts, stored, stored.emitted ?? []);
    return undefined;
  }
  // A newer run got there first: its state stands.
  if (stored?.asOf && stored.asOf > context.asOf) {
    counts.superseded++;
    return undefined;
  }
  const { next: state, events } = passTwo(customer.history, stored, plan, context, deps.policy);
  return {
    customerId: customer.history.customerId,
    // What it emitted goes with the state, so a retried chunk of this run counts it again.
    next: events.length > 0 ? { ...state, emitted: events.map((event) => event.type) } : state,
    readRevision: stored?.revision,
    events,
  };
}

async function classifyCustomer(
  deps: TierStepDeps,
  scanned: ScannedCustomer,
  plan: RunPlan,
  context: { runId: string; asOf: string; computedAt: string },
  counts: RunCounts,
): Promise<void> {
  let customer: ScannedCustomer | undefined = scanned;
  for (let attempt = 0; customer && attempt < 3; attempt++) {
    const write = decideCustomer(deps, customer, plan, context, counts);
    if (!write) return;
    const { customerId, next: state, readRevision, events } = write;
    const outcome = await deps.values.write(customerId, state, readRevision, events);
    if (outcome === 'written') {
      return countState(
        counts,
        state,
        events.map((event) => event.type),
      );
    }
    // Someone wrote it meanwhile: read it again and decide again from what is there now.
    customer = await deps.values.reread(customer.history.customerId);
  }
  if (customer)
    throw new Error(`customer ${customer.history.customerId} kept changing during the run`);
}

export async function finishRun(deps: TierStepDeps, runId: string, attempt: number) {
  const run = await deps.runs.get(runId);
  if (!run) throw new Error(`tier run ${runId} does not exist`);
  const parts = await deps.runs.parts<RunCounts>(
    runId,
    `${String(attempt).padStart(4, '0')}#result#`,
  );
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

function next(work: SegmentWork, cursor: Record<string, string> | undefined): SegmentWork {
  const { cursor: _previous, ...rest } = work;
  return {
    ...rest,
    chunk: work.chunk + 1,
    done: cursor === undefined,
    ...(cursor ? { cursor } : {}),
  };
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
