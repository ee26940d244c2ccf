import type { ValueState } from '../customer/system-state.ts';
import type { RunPlan } from './classify.ts';
import { countState, emptyCounts, type RunCounts } from './counts.ts';
import type { RunContext } from './decide.ts';
import type { CustomerHistory } from './history.ts';
import { PassOne, passTwo, planRun } from './passes.ts';
import type { TierPolicy } from './policy.ts';

export interface InProcessRun {
  readonly plan: RunPlan;
  readonly counts: RunCounts;
  /** The state each customer would be stored with (empty with `keepStates: false`). */
  readonly states: Map<string, ValueState>;
}

/**
 * A whole run over customers held in memory, with the same two passes and decisions as the
 * workflow (for the CDNOW report, the CLI and the benchmark). `previous` plays the stored states.
 * `customers` is read twice, like the table: an array, or a source that yields them anew on each
 * iteration (the benchmark's columns), not a one-shot generator.
 */
export function runInProcess(
  customers: Iterable<CustomerHistory>,
  run: RunContext,
  policy: TierPolicy,
  previous: ReadonlyMap<string, ValueState> = new Map(),
  options: { readonly keepStates?: boolean } = {},
): InProcessRun {
  // A million kept states outlive the young generation: the benchmark counts without them.
  const keep = options.keepStates ?? true;
  const first = new PassOne(Date.parse(run.asOf), policy);
  for (const customer of customers) first.add(customer);
  const summary = first.summary();
  const plan = planRun([summary], policy);
  const counts = emptyCounts();
  const states = new Map<string, ValueState>();
  const types: string[] = [];
  for (const customer of customers) {
    const { next, events } = passTwo(
      customer,
      previous.get(customer.customerId),
      plan,
      run,
      policy,
    );
    if (keep) states.set(customer.customerId, next);
    types.length = 0;
    for (const event of events) types.push(event.type);
    countState(counts, next, types);
  }
  if (counts.customers !== summary.customers) {
    throw new Error(
      `the second pass read ${counts.customers} customers, the first ${summary.customers}: pass customers that can be iterated twice`,
    );
  }
  return { plan, counts, states };
}
