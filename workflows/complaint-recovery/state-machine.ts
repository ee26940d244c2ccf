import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  type IChainable,
  IntegrationPattern,
  JsonPath,
  Succeed,
  TaskInput,
  Timeout,
  Wait,
  WaitTime,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';

/** Attempts of a message step before its failure is recorded on the case and the workflow goes on. */
export const NOTIFICATION_ATTEMPTS = 3;

/**
 * The 30-day complaint recovery (issue 11) as a Step Functions definition; every task is the
 * complaint-steps function with a `step`. Assign an owner, acknowledge to the customer, then loop:
 * find the next checkpoint, wait for the owner's resolution as a human task (`.waitForTaskToken`)
 * no longer than until that checkpoint, and at a checkpoint remind (and maybe escalate) or, at the
 * deadline, mark the case at risk and stop. A resolution thanks the customer, waits, and sends the
 * follow-up check. JSONPath, Lambda tasks and Wait only, so the deployed definition runs locally.
 */
export function complaintRecoveryDefinition(scope: Construct, fn: IFunction): IChainable {
  const caseId = { 'caseId.$': '$.caseId' };
  const invoke = (id: string, payload: Record<string, unknown>, resultPath: string | null) =>
    new LambdaInvoke(scope, id, {
      lambdaFunction: fn,
      payload: TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      resultPath: resultPath ?? JsonPath.DISCARD,
    });
  const task = (id: string, step: string, resultPath: string | null) =>
    invoke(id, { step, ...caseId }, resultPath).addRetry({
      errors: ['States.ALL'],
      interval: Duration.seconds(5),
      backoffRate: 2,
      maxAttempts: 4,
    });

  /** A message step: retried, then its failure recorded on the case; the workflow goes on. */
  const message = (id: string, step: string, resultPath: string | null = null) => {
    const send = invoke(id, { step, ...caseId }, resultPath).addRetry({
      errors: ['States.ALL'],
      interval: Duration.seconds(10),
      backoffRate: 2,
      maxAttempts: NOTIFICATION_ATTEMPTS - 1,
    });
    const record = invoke(
      `${id}Failed`,
      { step: 'notification-failed', failed: step, ...caseId, 'error.$': '$.failure' },
      null,
    );
    send.addCatch(record, { errors: ['States.ALL'], resultPath: '$.failure' });
    return { send, record };
  };

  const assign = task('AssignOwner', 'assign', JsonPath.DISCARD);
  const acknowledge = message('Acknowledge', 'acknowledge');
  const next = task('NextCheckpoint', 'next-checkpoint', '$.next');
  const awaitResolution = new LambdaInvoke(scope, 'AwaitResolution', {
    lambdaFunction: fn,
    integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: TaskInput.fromObject({
      step: 'await-resolution',
      ...caseId,
      token: JsonPath.taskToken,
    }),
    // The owner has until the next checkpoint; then the workflow reminds and waits again.
    taskTimeout: Timeout.at('$.next.seconds'),
    resultPath: '$.resolution',
  });
  const remind = message('RemindOwner', 'remind');
  const atRisk = task('MarkAtRisk', 'at-risk', JsonPath.DISCARD);
  const checkpoint = new Choice(scope, 'AtDeadline')
    .when(
      Condition.stringEquals('$.next.kind', 'deadline'),
      atRisk.next(new Succeed(scope, 'StoppedAtRisk')),
    )
    .otherwise(remind.send);
  awaitResolution.addCatch(checkpoint, { errors: ['States.Timeout'], resultPath: '$.timedOut' });
  remind.send.next(next);
  remind.record.next(next);

  const thank = message('ThankCustomer', 'thank');
  const followUpAt = task('PlanFollowUp', 'plan-follow-up', '$.followUp');
  const followUp = message('FollowUpCheck', 'follow-up');
  const done = new Succeed(scope, 'Recovered');
  const waitFollowUp = new Wait(scope, 'WaitForFollowUp', {
    time: WaitTime.timestampPath('$.followUp.at'),
  });
  thank.send.next(followUpAt);
  thank.record.next(followUpAt);
  followUpAt.next(waitFollowUp).next(followUp.send).next(done);
  followUp.record.next(done);

  acknowledge.send.next(next);
  acknowledge.record.next(next);
  next.next(awaitResolution).next(thank.send);
  return assign.next(acknowledge.send);
}
