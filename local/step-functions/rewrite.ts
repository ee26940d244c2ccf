import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/** What a Wait state becomes locally: a task the local clock releases (local-state-machine.ts). */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

/**
 * Real seconds a task may take locally when its definition sets no timeout. aws-local-stepfunctions
 * defaults to 60 s, where Step Functions' default is none: a task waiting for its token for days of
 * local-clock time must not time out in real time (its own TimeoutSeconds runs on the local clock).
 */
export const LOCAL_TASK_TIMEOUT_SECONDS = 7 * 24 * 3600;

/** Where a TimeoutSecondsPath's value rides in a task's parameters locally (removed before the call). */
export const LOCAL_TIMEOUT_KEY = 'localTimeoutSeconds';

type States = StateMachineDefinition['States'];
type AnyState = States[string] & Record<string, unknown>;

/**
 * The definition as the local runner executes it, every other field untouched: each Wait becomes
 * a Task with the same paths and transitions (so its waiting is done on the local clock), and
 * each Task's real-time timeout is lifted (its declared one is kept aside, on the local clock).
 * Nested Map and Parallel states are rewritten too.
 */
export function forLocalClock(definition: StateMachineDefinition): {
  definition: StateMachineDefinition;
  waits: Map<string, AnyState>;
  /** Declared task timeouts: seconds, or the path (TimeoutSecondsPath) to read them from. */
  timeouts: Map<string, number | string>;
} {
  const waits = new Map<string, AnyState>();
  const timeouts = new Map<string, number | string>();
  const rewriteStates = (states: States): States =>
    Object.fromEntries(
      Object.entries(states).map(([name, original]) => {
        const state = { ...(original as AnyState) };
        if (state.Type === 'Wait') {
          waits.set(name, state);
          const {
            Seconds: _s,
            Timestamp: _t,
            SecondsPath: _sp,
            TimestampPath: _tp,
            ...rest
          } = state;
          return [
            name,
            {
              ...rest,
              Type: 'Task',
              Resource: LOCAL_WAIT_RESOURCE,
              TimeoutSeconds: LOCAL_TASK_TIMEOUT_SECONDS,
            },
          ];
        }
        if (state.Type === 'Task') {
          if (typeof state.TimeoutSeconds === 'number') timeouts.set(name, state.TimeoutSeconds);
          const path = localTimeoutPath(state);
          if (path !== undefined) timeouts.set(name, path);
          delete state.TimeoutSecondsPath;
          state.TimeoutSeconds = LOCAL_TASK_TIMEOUT_SECONDS;
        }
        return [name, withChildren(state, rewriteStates)];
      }),
    ) as States;
  // The execution's own timeout runs on a real-time timer in aws-local-stepfunctions, and one past
  // 2^31 ms (~24.8 days) overflows it and fires at once: locally, executions have none.
  const { TimeoutSeconds: _executionTimeout, ...rest } = definition as StateMachineDefinition & {
    TimeoutSeconds?: number;
  };
  return {
    definition: { ...rest, States: rewriteStates(definition.States) } as StateMachineDefinition,
    waits,
    timeouts,
  };
}

/**
 * A Task's TimeoutSecondsPath, as the runner's handler can read it: that handler sees the input
 * after Parameters, so the timeout rides along in them (and is removed before the call).
 */
function localTimeoutPath(state: AnyState): string | undefined {
  if (typeof state.TimeoutSecondsPath !== 'string') return undefined;
  const parameters = state.Parameters as Record<string, unknown> | undefined;
  if (!parameters || typeof parameters !== 'object') return state.TimeoutSecondsPath;
  state.Parameters = { ...parameters, [`${LOCAL_TIMEOUT_KEY}.$`]: state.TimeoutSecondsPath };
  return `$.${LOCAL_TIMEOUT_KEY}`;
}

/** The state with the states of its Map iterator or Parallel branches passed through `map`. */
function withChildren(state: AnyState, map: (states: States) => States): AnyState {
  const copy = { ...state };
  for (const key of ['Iterator', 'ItemProcessor'] as const) {
    const inner = copy[key] as StateMachineDefinition | undefined;
    if (inner) copy[key] = { ...inner, States: map(inner.States) };
  }
  if (Array.isArray(copy.Branches)) {
    copy.Branches = (copy.Branches as StateMachineDefinition[]).map((branch) => ({
      ...branch,
      States: map(branch.States),
    }));
  }
  return copy;
}

/** Every state of the definition by name, nested ones included (names are unique in a machine). */
export function allStates(definition: StateMachineDefinition): Map<string, AnyState> {
  const found = new Map<string, AnyState>();
  const visit = (states: States): States => {
    for (const [name, state] of Object.entries(states)) {
      found.set(name, state as AnyState);
      withChildren(state as AnyState, visit);
    }
    return states;
  };
  visit(definition.States);
  return found;
}
