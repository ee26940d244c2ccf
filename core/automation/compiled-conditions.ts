import type { Automation, Condition } from './automation.ts';
import { conditionHolds } from './conditions.ts';
import type { Facts } from './facts.ts';

/** A condition with its fact path split once, not on every event. */
interface CompiledCondition {
  readonly path: readonly string[];
  readonly condition: Condition;
}

const compiled = new WeakMap<Automation, readonly CompiledCondition[]>();

/**
 * Whether every condition of an automation holds. The split paths are kept per automation object
 * (automations live as long as their catalog), so the per-event work is the lookups alone.
 */
export function conditionsHold(automation: Automation, facts: Facts): boolean {
  let conditions = compiled.get(automation);
  if (!conditions) {
    conditions = automation.conditions.map((condition) => ({
      path: condition.fact.split('.'),
      condition,
    }));
    compiled.set(automation, conditions);
  }
  for (const { path, condition } of conditions) {
    if (!conditionHolds(condition, facts, path)) return false;
  }
  return true;
}
