import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { describeIssues } from '../../core/catalog/catalog.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { runTierStep, TierStep, type TierStepDeps } from '../../core/tiers/steps.ts';
import { logger } from '../shared/logger.ts';

/**
 * The tier run's steps, invoked by the workflow's tasks (Lambda's payload is the state's input).
 * A malformed step is a bug in the definition: it fails the task with the issues named.
 */
export function createTierRunHandler(deps: TierStepDeps) {
  return middy<unknown, unknown>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const parsed = TierStep.safeParse(event);
      if (!parsed.success) {
        throw new InvalidInputError(`not a tier run step: ${describeIssues(parsed.error)}`);
      }
      const result = await runTierStep(deps, parsed.data);
      logger.info('tier run step done', { step: parsed.data.step });
      return result;
    });
}
