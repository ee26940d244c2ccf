import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { describeIssues } from '../../core/catalog/catalog.ts';
import {
  type RecoveryDeps,
  RecoveryStep,
  runRecoveryStep,
} from '../../core/complaints/recovery-steps.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { logger } from '../shared/logger.ts';

/**
 * The complaint recovery's steps, invoked by the workflow's tasks (the payload is the step). A
 * malformed step is a bug in the definition: it fails the task with the issues named.
 */
export function createComplaintStepsHandler(deps: RecoveryDeps) {
  return middy<unknown, unknown>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const parsed = RecoveryStep.safeParse(event);
      if (!parsed.success)
        throw new InvalidInputError(`not a complaint step: ${describeIssues(parsed.error)}`);
      const result = await runRecoveryStep(deps, parsed.data);
      logger.info('complaint step done', { step: parsed.data.step, caseId: parsed.data.caseId });
      return result;
    });
}
