import type { Automation } from '../core/automation/automation.ts';
import { computeDueTime, type DueTime, luxonDueTime } from '../core/automation/delay.ts';
import { type PlannedAction, planActions } from '../core/automation/plan.ts';
import type { DomainEvent } from '../core/events/registry.ts';
import { type Measurement, measureSync } from './measure.ts';
import { benchAutomations } from './rule-automations.ts';
import { type BenchInput, inputs, NOW } from './rule-events.ts';

// The catalog stays importable from here, as it was before the split.
export { benchAutomations } from './rule-automations.ts';

/** The trigger index, as `Catalog.automationsFor` builds it. */
function byTrigger(automations: readonly Automation[]): Map<string, Automation[]> {
  const index = new Map<string, Automation[]>();
  for (const each of automations) {
    const list = index.get(each.trigger.event) ?? [];
    list.push(each);
    index.set(each.trigger.event, list);
  }
  return index;
}

export interface RuleEvaluationResult {
  readonly measurement: Measurement;
  readonly automations: number;
  readonly perTrigger: ReadonlyMap<string, number>;
  readonly planned: number;
  /** Planned actions per event, by event type, over one pass of the distinct events. */
  readonly matches: ReadonlyMap<string, { events: number; planned: number }>;
  /** computeDueTime alone on the due times the rules produced: now (cached offsets) and luxon. */
  readonly dueTimes: {
    readonly fast: Measurement;
    readonly luxon: Measurement;
    readonly identical: boolean;
  };
}

/**
 * planActions per event with the automations the event's trigger indexes, as the engine calls it.
 * The events are built before the clock starts; each is evaluated many times over.
 */
export function benchRuleEvaluation(total: number): RuleEvaluationResult {
  const all = benchAutomations();
  const index = byTrigger(all);
  const events = inputs(10_000);
  const plan = (input: BenchInput): PlannedAction[] =>
    planActions({
      event: input.event,
      customer: input.customer,
      automations: index.get(input.event.type) ?? [],
      now: NOW,
      defaultTimeZone: 'America/Bogota',
    });

  // One pass first: the match statistics, the due-time calls to replay, and a warm JIT.
  const matches = new Map<string, { events: number; planned: number }>();
  const calls: [Automation['delay'], Date, string][] = [];
  const byId = new Map(all.map((each) => [each.id, each]));
  for (const input of events) {
    const planned = plan(input);
    const entry = matches.get(input.event.type) ?? { events: 0, planned: 0 };
    matches.set(input.event.type, {
      events: entry.events + 1,
      planned: entry.planned + planned.length,
    });
    for (const action of planned) {
      const { delay } = byId.get(action.automationId) as Automation;
      const anchor = delay.kind === 'none' ? NOW : new Date(anchorOf(input.event));
      calls.push([delay, anchor, action.due.timeZone]);
    }
  }

  // Rounds, the fastest reported: other processes on the machine slow some rounds down, never up.
  const rounds = 10;
  const perRound = Math.ceil(total / rounds);
  let planned = 0;
  let measurement: Measurement | undefined;
  for (let round = 0; round < rounds; round++) {
    const offset = round * perRound;
    const each = measureSync(
      `rule evaluation (${all.length} automations), best of ${rounds}`,
      perRound,
      (i) => {
        planned += plan(events[(offset + i) % events.length] as BenchInput).length;
      },
    );
    if (!measurement || each.perSecond > measurement.perSecond) measurement = each;
  }
  return {
    measurement: measurement as Measurement,
    automations: all.length,
    perTrigger: new Map([...index].map(([trigger, list]) => [trigger, list.length])),
    planned,
    matches,
    dueTimes: benchDueTimes(calls, total),
  };
}

function anchorOf(event: DomainEvent): string {
  return event.type === 'interaction.recorded'
    ? event.data.interaction.occurredAt
    : event.occurredAt;
}

/** The former luxon implementation beside the cached-offset one, on the same calls. */
function benchDueTimes(calls: readonly [Automation['delay'], Date, string][], total: number) {
  const count = Math.min(total, 200_000);
  const call = (i: number) => calls[i % calls.length] as [Automation['delay'], Date, string];
  let identical = true;
  for (const [delay, from, zone] of calls) {
    const fast: DueTime = computeDueTime(delay, from, zone);
    const reference = luxonDueTime(delay, from, zone);
    if (JSON.stringify(fast) !== JSON.stringify(reference)) identical = false;
  }
  const best = (label: string, ops: number, run: (i: number) => unknown) =>
    [0, 1, 2]
      .map(() => measureSync(label, ops, run))
      .reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const fast = best('computeDueTime: cached zone offsets', count, (i) =>
    computeDueTime(...call(i)),
  );
  const luxon = best('computeDueTime: luxon (the former code)', Math.ceil(count / 20), (i) =>
    luxonDueTime(...call(i)),
  );
  return { fast, luxon, identical };
}
