import type { Condition } from './automation.ts';
import { type Facts, readPath } from './facts.ts';

/** Whether a condition holds on the facts; `path` is the fact's path already split, if known. */
export function conditionHolds(
  condition: Condition,
  facts: Facts,
  path: readonly string[] = condition.fact.split('.'),
): boolean {
  const actual = readPath(facts, path);
  switch (condition.op) {
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'not-exists':
      return actual === undefined || actual === null;
    case 'equals':
      return actual === condition.value;
    case 'not-equals':
      return actual !== condition.value;
    case 'in':
      return condition.value.some((candidate) => candidate === actual);
    case 'not-in':
      return !condition.value.some((candidate) => candidate === actual);
    case 'gt':
      return typeof actual === 'number' && actual > condition.value;
    case 'gte':
      return typeof actual === 'number' && actual >= condition.value;
    case 'lt':
      return typeof actual === 'number' && actual < condition.value;
    case 'lte':
      return typeof actual === 'number' && actual <= condition.value;
    default:
      return assertNever(condition);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
