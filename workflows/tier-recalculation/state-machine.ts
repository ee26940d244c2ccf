import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  type IChainable,
  JsonPath,
  Map as MapState,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/** Segments worked on at once (inline Map's limit is 40; the run decides how many there are). */
export const SEGMENT_CONCURRENCY = 16;

/**
 * The tier run as a Step Functions definition: start (or find the run done), a first pass over the
 * parallel-scan segments, the plan, a second pass, the summary. Each pass is an inline Map whose
 * branch loops over its segment chunk by chunk. JSONPath, inline Map and Lambda tasks only, so the
 * very definition the CDK deploys runs locally too (local/step-functions/).
 */
export function tierRunDefinition(scope: Construct, fn: IFunction): IChainable {
  const task = (id: string, payload: Record<string, unknown>, resultPath?: string) => {
    const invoke = new LambdaInvoke(scope, id, {
      lambdaFunction: fn,
      payload: TaskInput.fromObject(payload),
      // The function's result is the state (Resource = the function ARN), no invoke envelope.
      payloadResponseOnly: true,
      ...(resultPath ? { resultPath } : {}),
    });
    // Throttling or a transient DynamoDB error: the step is idempotent, try again with backoff.
    invoke.addRetry({
      errors: ['States.ALL'],
      interval: Duration.seconds(5),
      backoffRate: 2,
      maxAttempts: 4,
    });
    return invoke;
  };

  const pass = (name: 'Summarise' | 'Classify') => {
    const step = name === 'Summarise' ? 'summarise' : 'classify';
    const work = task(`${name}Chunk`, { step, 'work.$': '$' });
    const loop = new Choice(scope, `${name}MoreChunks`)
      .when(Condition.booleanEquals('$.done', false), work)
      .otherwise(new Succeed(scope, `${name}SegmentDone`));
    const map = new MapState(scope, `${name}Segments`, {
      itemsPath: '$.segments',
      maxConcurrency: SEGMENT_CONCURRENCY,
      // The branches leave their results in the table; the state stays small.
      resultPath: JsonPath.DISCARD,
    });
    map.itemProcessor(work.next(loop));
    return map;
  };

  const run = { 'runId.$': '$.runId', 'attempt.$': '$.attempt' };
  const start = task('StartRun', { step: 'start', 'request.$': '$' });
  const plan = task('PlanRun', { step: 'plan', run }, '$.plan');
  const finish = task('FinishRun', { step: 'finish', run });
  return start.next(
    new Choice(scope, 'AlreadyCompleted')
      .when(Condition.booleanEquals('$.done', true), new Succeed(scope, 'RunWasCompleted'))
      .otherwise(pass('Summarise').next(plan).next(pass('Classify')).next(finish)),
  );
}
