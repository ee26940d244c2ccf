import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { describeIssues } from '../../core/catalog/catalog.ts';
import { DomainEvent } from '../../core/events/registry.ts';
import {
  type PlanDeps,
  type PlanOutcome,
  planFromEvent,
} from '../../core/use-cases/plan-from-event.ts';
import { logger } from '../shared/logger.ts';

export type EngineEvent = EventBridgeEvent<string, unknown>;

/**
 * Target of the bus rule for trigger events. An event that does not parse is a producer bug: it
 * is thrown so the delivery lands in the rule's dead-letter queue instead of vanishing.
 */
export function createEngineHandler(deps: PlanDeps) {
  return middy<EngineEvent, PlanOutcome>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const parsed = DomainEvent.safeParse(event.detail);
      if (!parsed.success) {
        throw new Error(
          `event ${event.id} (${event['detail-type']}) is not a Rapport event: ${describeIssues(parsed.error)}`,
        );
      }
      const outcome = await planFromEvent(deps, parsed.data);
      logger.info('event evaluated', {
        eventId: parsed.data.id,
        type: parsed.data.type,
        planned: outcome.planned.map((plan) => ({
          id: plan.scheduleId,
          due: plan.due.instant,
          timing: plan.timing,
        })),
        skipped: outcome.skipped,
      });
      return outcome;
    });
}
