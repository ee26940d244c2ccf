import type { Condition } from '../../core/automation/automation.ts';
import type { FactDomain } from './fact-domains.ts';

type Scalar = string | number | boolean;

/** A condition that can never hold given the ones before it (on the same fact) and the fact's domain. */
export interface Contradiction {
  readonly index: number;
  /** Earlier conditions on the same fact it contradicts. */
  readonly with: readonly number[];
  readonly why: string;
}

interface State {
  allowed?: Scalar[];
  excluded: Set<Scalar>;
  low?: { value: number; strict: boolean };
  high?: { value: number; strict: boolean };
  exists: boolean;
  missing: boolean;
  involved: number[];
}

/**
 * The first condition per fact that makes the set unsatisfiable. Missing facts never satisfy a
 * comparison (conditions.ts), so `exists`, `equals`, `in` and the number comparisons all require
 * the fact, and `not-exists` contradicts them.
 */
export function contradictions(
  conditions: readonly Condition[],
  domainOf: (fact: string) => FactDomain,
): Contradiction[] {
  const states = new Map<string, State>();
  const found: Contradiction[] = [];
  const dead = new Set<string>();
  conditions.forEach((condition, index) => {
    if (dead.has(condition.fact)) return;
    const state = states.get(condition.fact) ?? {
      excluded: new Set(),
      exists: false,
      missing: false,
      involved: [],
    };
    states.set(condition.fact, state);
    const domain = domainOf(condition.fact);
    apply(state, condition);
    const why = impossibility(state, domain, condition.fact);
    if (why) {
      found.push({ index, with: [...state.involved], why });
      dead.add(condition.fact);
    }
    state.involved.push(index);
  });
  return found;
}

/** Whether some customer and event could satisfy every condition at once. */
export function satisfiable(
  conditions: readonly Condition[],
  domainOf: (fact: string) => FactDomain,
): boolean {
  return contradictions(conditions, domainOf).length === 0;
}

function apply(state: State, condition: Condition): void {
  const narrow = (values: Scalar[]) => {
    state.allowed = state.allowed ? state.allowed.filter((v) => values.includes(v)) : values;
  };
  switch (condition.op) {
    case 'equals':
      state.exists = true;
      narrow([condition.value]);
      return;
    case 'in':
      state.exists = true;
      narrow([...condition.value]);
      return;
    case 'not-equals':
      state.excluded.add(condition.value);
      return;
    case 'not-in':
      for (const value of condition.value) state.excluded.add(value);
      return;
    case 'exists':
      state.exists = true;
      return;
    case 'not-exists':
      state.missing = true;
      return;
    case 'gt':
    case 'gte': {
      state.exists = true;
      const bound = { value: condition.value, strict: condition.op === 'gt' };
      if (
        !state.low ||
        bound.value > state.low.value ||
        (bound.value === state.low.value && bound.strict)
      )
        state.low = bound;
      return;
    }
    case 'lt':
    case 'lte': {
      state.exists = true;
      const bound = { value: condition.value, strict: condition.op === 'lt' };
      if (
        !state.high ||
        bound.value < state.high.value ||
        (bound.value === state.high.value && bound.strict)
      )
        state.high = bound;
      return;
    }
    default:
      // An operator this check does not know (the format grows): assume it can hold.
      return;
  }
}

function impossibility(state: State, domain: FactDomain, fact: string): string | undefined {
  if (state.missing && state.exists) {
    return `${fact} cannot be both absent (not-exists) and present (a comparison needs it)`;
  }
  return rangeProblem(state, domain, fact) ?? allowedProblem(state, domain, fact);
}

function rangeProblem(state: State, domain: FactDomain, fact: string): string | undefined {
  const { low, high } = state;
  if (!low && !high) return undefined;
  if (domain.type !== undefined && domain.type !== 'number') {
    return `${fact} is a ${domain.type}; gt/gte/lt/lte only hold for numbers`;
  }
  if (!low || !high) return undefined;
  const empty = low.value > high.value || (low.value === high.value && (low.strict || high.strict));
  return empty
    ? `no number is ${low.strict ? '>' : '>='} ${low.value} and ${high.strict ? '<' : '<='} ${high.value}`
    : undefined;
}

function allowedProblem(state: State, domain: FactDomain, fact: string): string | undefined {
  const { allowed } = state;
  if (!allowed) return undefined;
  const listed = allowed.map((value) => JSON.stringify(value)).join(' or ');
  if (allowed.length === 0) return `${fact} cannot equal two different values at once`;
  let left = allowed.filter((value) => !state.excluded.has(value));
  if (left.length === 0) return 'every value it allows is excluded by a not-equals / not-in';
  const possible = domain.values;
  if (possible) {
    left = left.filter((value) => possible.includes(value));
    if (left.length === 0)
      return `${fact} is never ${listed}; it is one of: ${possible.join(', ')}`;
  } else if (domain.type) {
    left = left.filter((value) => typeof value === domain.type);
    if (left.length === 0) return `${fact} is a ${domain.type}, so it never equals ${listed}`;
  }
  if (state.low || state.high) {
    left = left.filter((value) => typeof value === 'number' && inRange(value, state));
    if (left.length === 0) return 'none of the values it allows is within the number range';
  }
  return undefined;
}

function inRange(value: number, state: State): boolean {
  const { low, high } = state;
  if (low && (low.strict ? value <= low.value : value < low.value)) return false;
  if (high && (high.strict ? value >= high.value : value > high.value)) return false;
  return true;
}

/** A condition as a reader would say it: `interaction.type in [purchase, visit]`. */
export function describeCondition(condition: Condition): string {
  if (!('value' in condition)) return `${condition.fact} ${condition.op}`;
  const value = Array.isArray(condition.value)
    ? `[${condition.value.join(', ')}]`
    : JSON.stringify(condition.value);
  return `${condition.fact} ${condition.op} ${value}`;
}
