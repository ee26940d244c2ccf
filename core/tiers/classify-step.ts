import type { RunPlan } from './classify.ts';
import { countState, emptyCounts, type RunCounts } from './counts.ts';
import type { RunContext } from './decide.ts';
import { epochOf } from './history.ts';
import { inParallel } from './in-parallel.ts';
import { valueMetrics } from './metrics.ts';
import { decideFromMetrics } from './passes.ts';
import type { ValueWrite } from './ports.ts';
import { nextWork, partName, type SegmentWork, type TierStepDeps } from './segment-work.ts';
import {
  firstPiece,
  nextPiece,
  pieceCursor,
  restoreMetrics,
  type SpilledCustomer,
  type SpillLayout,
  type SpillPosition,
  spillPieceName,
} from './spill.ts';

/** The plan as the run's record keeps it: the plan, and where pass 1 left each segment's spill. */
export type StoredPlan = RunPlan & { readonly spill?: SpillLayout };

/**
 * Second pass over one chunk: the segment's spill, piece by piece, until the time is up (at a
 * piece boundary); every customer decided and written, then the chunk's counts kept as a part.
 */
export async function classifyChunk(deps: TierStepDeps, work: SegmentWork): Promise<SegmentWork> {
  const until = deps.stopwatch() + deps.chunkMs;
  const run = await deps.runs.get(work.runId);
  if (!run?.plan)
    throw new Error(`tier run ${work.runId} has no plan: the plan step must run first`);
  const plan = run.plan as StoredPlan;
  const layout = plan.spill?.[work.segment];
  if (!layout) throw new Error(`tier run ${work.runId} has no spill for segment ${work.segment}`);
  const counts = emptyCounts();
  const context = { runId: work.runId, asOf: work.asOf, computedAt: deps.clock().toISOString() };
  let at = firstPiece(layout, work.cursor);
  while (at) {
    const customers = await readPiece(deps, work, at);
    await classifyCustomers(deps, customers, plan, context, counts);
    at = nextPiece(layout, at);
    if (deps.stopwatch() >= until) break;
  }
  await deps.runs.putPart(work.runId, partName(work, 'result'), counts);
  return nextWork(work, at ? pieceCursor(at) : undefined);
}

async function readPiece(
  deps: TierStepDeps,
  work: SegmentWork,
  at: SpillPosition,
): Promise<SpilledCustomer[]> {
  const name = spillPieceName(work, at.chunk, at.piece);
  const piece = await deps.runs.part<SpilledCustomer[]>(work.runId, name);
  // Its summary counts it, so pass 1 wrote it first: missing, it expired or was removed.
  if (!piece)
    throw new Error(`tier run ${work.runId} lost its spill piece ${name}: start it again`);
  return piece;
}

/**
 * Customers per writeMany call: with an outbox item per ten of their events (a third of a customer
 * each on a first run), one transaction of up to 100 actions; more events split it in two.
 */
const WRITE_GROUP = 90;

async function classifyCustomers(
  deps: TierStepDeps,
  customers: readonly SpilledCustomer[],
  plan: RunPlan,
  context: RunContext,
  counts: RunCounts,
): Promise<void> {
  const writes: ValueWrite[] = [];
  for (const customer of customers) {
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
  await inParallel(conflicts, deps.writeConcurrency ?? 8, (customerId) =>
    classifyAgain(deps, customerId, plan, context, counts),
  );
}

/** The write a customer needs, or none (counted already) when this or a newer run wrote it. */
function decideCustomer(
  deps: TierStepDeps,
  customer: SpilledCustomer,
  plan: RunPlan,
  context: RunContext,
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
  const { next: state, events } = decideFromMetrics(
    customer.id,
    restoreMetrics(customer.metrics),
    stored,
    plan,
    context,
    deps.policy,
  );
  return {
    customerId: customer.id,
    // What it emitted goes with the state, so a retried chunk of this run counts it again.
    next: events.length > 0 ? { ...state, emitted: events.map((event) => event.type) } : state,
    readRevision: stored?.revision,
    events,
  };
}

/**
 * A customer whose write met another writer's: read from the table (its partition, not the
 * spill, which is older now), decided again and written alone, a few times at most.
 */
async function classifyAgain(
  deps: TierStepDeps,
  customerId: string,
  plan: RunPlan,
  context: RunContext,
  counts: RunCounts,
): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const read = await deps.values.reread(customerId);
    if (!read) return;
    const customer: SpilledCustomer = {
      id: customerId,
      metrics: valueMetrics(read.history, epochOf(context.asOf), deps.policy),
      ...(read.value ? { value: read.value } : {}),
    };
    const write = decideCustomer(deps, customer, plan, context, counts);
    if (!write) return;
    const { next: state, readRevision, events } = write;
    const outcome = await deps.values.write(customerId, state, readRevision, events);
    if (outcome === 'written') {
      return countState(
        counts,
        state,
        events.map((event) => event.type),
      );
    }
  }
  throw new Error(`customer ${customerId} kept changing during the run`);
}
