import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { describeIssues } from '../../core/catalog/catalog.ts';
import { type IntakeDeps, intakeComplaint } from '../../core/complaints/intake.ts';
import { complaintFromEvent } from '../../core/complaints/intake-from-event.ts';
import { reopenComplaint } from '../../core/complaints/reopen.ts';
import { DomainEvent } from '../../core/events/registry.ts';
import type { CustomerStore } from '../../core/ports.ts';
import { logger } from '../shared/logger.ts';

export type IntakeEvent = EventBridgeEvent<string, unknown>;

export interface IntakeHandlerDeps extends IntakeDeps {
  readonly customers: Pick<CustomerStore, 'getCustomer'>;
}

/**
 * Target of the bus rule for complaints: an interaction of type complaint, or complaint.opened.
 * The case id derives from the source, so a redelivered event finds the case it opened. An event
 * that does not parse is a producer bug: thrown, so the delivery lands in the dead-letter queue.
 */
export function createComplaintIntakeHandler(deps: IntakeHandlerDeps) {
  return middy<IntakeEvent, { caseId?: string; outcome: string }>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const parsed = DomainEvent.safeParse(event.detail);
      if (!parsed.success)
        throw new Error(
          `event ${event.id} is not a Rapport event: ${describeIssues(parsed.error)}`,
        );
      const domainEvent = parsed.data;
      if (domainEvent.type === 'survey.answered') return reopenOnUnhappyFollowUp(deps, domainEvent);
      const complaint = complaintFromEvent(domainEvent);
      if (!complaint) return { outcome: 'not-a-complaint' };
      const customer = await deps.customers.getCustomer(complaint.customerId);
      if (!customer) {
        logger.warn('complaint for an unknown customer', { customerId: complaint.customerId });
        return { outcome: 'customer-not-found' };
      }
      const { kind, case: opened } = await intakeComplaint(
        deps,
        {
          id: customer.id,
          holds: customer.holds,
          ...(customer.value?.tier ? { tier: customer.value.tier } : {}),
        },
        complaint,
      );
      logger.info('complaint taken in', { caseId: opened.caseId, outcome: kind });
      return { caseId: opened.caseId, outcome: kind };
    });
}

/** A detractor's answer to a complaint's follow-up check reopens that case (its id is the case's). */
async function reopenOnUnhappyFollowUp(
  deps: IntakeHandlerDeps,
  event: Extract<DomainEvent, { type: 'survey.answered' }>,
) {
  const { data } = event;
  if (!data.followUp || !data.detractor) return { outcome: 'not-a-complaint' };
  const customer = await deps.customers.getCustomer(data.customerId);
  if (!customer) return { outcome: 'customer-not-found' };
  const note = `follow-up answered ${data.score}${data.comment ? `: ${data.comment}` : ''}`;
  const outcome = await reopenComplaint(deps, customer, data.interactionId, note);
  logger.info('complaint follow-up answered unhappily', { caseId: data.interactionId, outcome });
  return { caseId: data.interactionId, outcome };
}
