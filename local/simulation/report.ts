import type { AutomationCounts } from '../../core/automation/ports.ts';
import type { Catalog } from '../../core/catalog/catalog.ts';
import type { SimRecord } from './schedule-store.ts';

type Counter = Record<string, number>;

/** What one automation did over the simulation. */
export interface AutomationTally {
  readonly id: string;
  readonly category: string;
  readonly enabledInFile: boolean;
  /** Recorded on time to be carried out (each ends in exactly one of the outcomes below, or is in flight). */
  planned: number;
  sent: Counter;
  suppressed: Counter;
  held: Counter;
  failed: Counter;
  /** Ended without acting after being planned (disabled when due, an exit or goal cancelled it). */
  skipped: Counter;
  /** Still waiting when the clock stopped. */
  inFlight: number;
  /** Planned actions moved later at least once (quiet hours, send window), and how many moves. */
  deferred: number;
  deferrals: number;
  /** Channels given up on for the next one (`preferred`). */
  fallbacks: number;
  /** Not planned: in the control group. */
  heldOut: number;
  /** Not planned: a guard, the re-entry rule or a higher priority stopped it. */
  notEntered: Counter;
  /** Not planned: due before the event was evaluated. */
  expired: number;
  entered: AutomationCounts['entered'];
  converted: AutomationCounts['converted'];
  /** The automation's holdout share in its file, for comparing with what happened. */
  holdoutShare: number;
}

export interface SimulationReport {
  readonly customers: number;
  readonly days: number;
  readonly seed: number;
  readonly start: string;
  readonly events: number;
  readonly deadLettered: number;
  readonly engineErrors: number;
  readonly firstEngineError?: string;
  readonly simulatedUntil: string;
  readonly endOfDays: string;
  readonly seconds: number;
  readonly automations: readonly AutomationTally[];
}

export interface TallyInput {
  readonly records: Iterable<SimRecord>;
  readonly catalog: Catalog;
  readonly counts: (automationId: string) => Promise<AutomationCounts>;
  readonly customers: number;
  readonly days: number;
  readonly seed: number;
  readonly start: Date;
  readonly events: number;
  readonly deadLettered: number;
  readonly engineErrors: number;
  readonly firstEngineError?: string;
  readonly simulatedUntil: Date;
  readonly endOfDays: Date;
  readonly seconds: number;
}

/** Reasons are grouped by their first word (`delivery-error: ...` counts as `delivery-error`). */
const reasonKey = (reason: string | undefined) =>
  (reason ?? 'unspecified').split(':')[0] ?? 'unspecified';
const bump = (counter: Counter, key: string) => {
  counter[key] = (counter[key] ?? 0) + 1;
};

export async function tally(input: TallyInput): Promise<SimulationReport> {
  const byId = new Map<string, AutomationTally>();
  for (const automation of input.catalog.automations) {
    const counts = await input.counts(automation.id);
    byId.set(automation.id, {
      id: automation.id,
      category: automation.category,
      enabledInFile: automation.enabled,
      planned: 0,
      sent: {},
      suppressed: {},
      held: {},
      failed: {},
      skipped: {},
      inFlight: 0,
      deferred: 0,
      deferrals: 0,
      fallbacks: 0,
      heldOut: 0,
      notEntered: {},
      expired: 0,
      entered: counts.entered,
      converted: counts.converted,
      holdoutShare: automation.holdout,
    });
  }
  for (const record of input.records) {
    const row = byId.get(record.schedule.automationId);
    if (row) count(row, record);
  }
  return {
    customers: input.customers,
    days: input.days,
    seed: input.seed,
    start: input.start.toISOString(),
    events: input.events,
    deadLettered: input.deadLettered,
    engineErrors: input.engineErrors,
    ...(input.firstEngineError ? { firstEngineError: input.firstEngineError } : {}),
    simulatedUntil: input.simulatedUntil.toISOString(),
    endOfDays: input.endOfDays.toISOString(),
    seconds: input.seconds,
    automations: [...byId.values()],
  };
}

/** One planned (or not planned) action, in its automation's row. */
function count(row: AutomationTally, { schedule, createdStatus, decisions }: SimRecord): void {
  if (createdStatus === 'expired') {
    row.expired += 1;
    return;
  }
  if (createdStatus === 'skipped') {
    if (decisions[0]?.outcome === 'held-out') row.heldOut += 1;
    else bump(row.notEntered, reasonKey(schedule.reason));
    return;
  }
  row.planned += 1;
  const deferrals = decisions.filter((decision) => decision.outcome === 'deferred').length;
  row.deferrals += deferrals;
  if (deferrals > 0) row.deferred += 1;
  row.fallbacks += decisions.filter((decision) => decision.outcome === 'fallback').length;
  const last = decisions[decisions.length - 1];
  switch (schedule.status) {
    case 'sent':
    // A non-message action (open-case, set-attribute) ends `done`: counted under its kind.
    case 'done':
      bump(row.sent, last?.channel ?? schedule.action.kind);
      return;
    case 'suppressed':
      bump(last?.outcome === 'held' ? row.held : row.suppressed, reasonKey(schedule.reason));
      return;
    case 'failed':
      bump(row.failed, reasonKey(schedule.reason));
      return;
    case 'skipped':
    case 'expired':
      bump(row.skipped, reasonKey(schedule.reason));
      return;
    default:
      row.inFlight += 1;
  }
}

export const total = (counter: Counter) => Object.values(counter).reduce((sum, n) => sum + n, 0);

/** Every planned action accounted for exactly once: what tests (and the CLI) check. */
export function inconsistencies(report: SimulationReport): string[] {
  const problems: string[] = [];
  if (report.engineErrors > 0) {
    problems.push(
      `the engine failed on ${report.engineErrors} events, first: ${report.firstEngineError}`,
    );
  }
  for (const row of report.automations) {
    const ended =
      total(row.sent) +
      total(row.suppressed) +
      total(row.held) +
      total(row.failed) +
      total(row.skipped);
    if (ended + row.inFlight !== row.planned) {
      problems.push(
        `${row.id}: planned ${row.planned}, but ${ended} ended and ${row.inFlight} are in flight`,
      );
    }
    if (row.deferred > row.planned) problems.push(`${row.id}: more actions deferred than planned`);
    for (const [name, counter] of Object.entries({
      suppressed: row.suppressed,
      held: row.held,
      failed: row.failed,
    })) {
      if (counter.unspecified)
        problems.push(`${row.id}: ${counter.unspecified} ${name} without a reason`);
    }
  }
  return problems;
}
