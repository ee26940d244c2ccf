import { NotFoundError } from '../errors.ts';
import type { Decision } from '../messaging/decision.ts';
import type { CustomerStore, ScheduleStore } from '../ports.ts';

export interface DecisionDeps {
  readonly customers: CustomerStore;
  readonly schedules: ScheduleStore;
}

const DECISIONS_LENGTH = 100;

/**
 * "Why did this customer not get the message?": every send, hold, deferral, suppression, fallback
 * and failure for them, newest first, with its reason, channel and the zone the rules used;
 * optionally for one automation.
 */
export async function listDecisions(
  deps: DecisionDeps,
  customerId: string,
  automationId?: string,
): Promise<{ decisions: Decision[] }> {
  const customer = await deps.customers.getCustomer(customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const decisions = await deps.schedules.decisions(customerId, DECISIONS_LENGTH);
  return {
    decisions: automationId
      ? decisions.filter((decision) => decision.automationId === automationId)
      : decisions,
  };
}
