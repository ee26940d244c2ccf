import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { describeIssues } from '../../core/catalog/catalog.ts';
import {
  type FeedbackDeps,
  type FeedbackOutcome,
  recordProviderFeedback,
} from '../../core/use-cases/delivery-feedback.ts';
import { logger } from '../shared/logger.ts';
import { type SesEventBridgeEvent, SesFeedbackEvent, toProviderFeedback } from './ses-event.ts';

/**
 * Target of the default bus's rule for SES delivery, bounce and complaint events. An event that
 * does not parse is thrown, so after Lambda's retries it lands in the dead-letter queue an alarm
 * watches instead of vanishing. An event for a message Rapport does not know is logged and
 * dropped: no retry would ever find it.
 */
export function createFeedbackHandler(deps: FeedbackDeps) {
  return middy<SesEventBridgeEvent, FeedbackOutcome>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const parsed = SesFeedbackEvent.safeParse(event);
      if (!parsed.success) {
        throw new Error(
          `event ${event.id} (${event['detail-type']}) is not an SES delivery, bounce or complaint event: ${describeIssues(parsed.error)}`,
        );
      }
      const feedback = toProviderFeedback(parsed.data);
      const outcome = await recordProviderFeedback(deps, feedback);
      const fields = { feedback, outcome, tags: parsed.data.detail.mail.tags };
      if (outcome.outcome === 'unknown-message')
        logger.warn('feedback for a message Rapport did not send; dropped', fields);
      else logger.info('feedback recorded', fields);
      return outcome;
    });
}
