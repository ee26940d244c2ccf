import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { describeIssues } from '../../core/catalog.ts';
import {
  type DispatchDeps,
  type DispatchOutcome,
  dispatchScheduledAction,
} from '../../core/use-cases/dispatch.ts';
import { logger } from '../shared/logger.ts';

/** What a schedule delivers to the dispatcher (EventBridge Scheduler's target input). */
export const DispatchRequest = z.object({ scheduleId: z.string().min(1) });

export function createDispatcherHandler(deps: DispatchDeps) {
  return middy<unknown, DispatchOutcome>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const request = DispatchRequest.safeParse(event);
      if (!request.success)
        throw new Error(`not a dispatch request: ${describeIssues(request.error)}`);
      const outcome = await dispatchScheduledAction(deps, request.data);
      logger.info('schedule dispatched', {
        scheduleId: request.data.scheduleId,
        status: outcome.status,
      });
      return outcome;
    });
}
