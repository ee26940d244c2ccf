import { Match } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Wake } from '../../core/dispatch/wake.ts';
import { TriggerEventType } from '../../core/events/registry.ts';
import {
  actionsOf,
  resourcesOf,
  type Statement,
  statementsForService,
  statementsOfRole,
} from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the engine, the schedules and the reconciler', () => {
  let synth: Synthesized;
  const arnOf = (construct: Parameters<Synthesized['logicalId']>[0]) => ({
    'Fn::GetAtt': [synth.logicalId(construct), 'Arn'],
  });
  /** What the statements apply to, and the ARNs of the constructs, comparable as sets. */
  const resourcesOfAll = (statements: readonly Statement[]) =>
    new Set(statements.flatMap(resourcesOf).map((arn) => JSON.stringify(arn)));
  const arnsOf = (constructs: readonly IConstruct[]) =>
    new Set(constructs.map((construct) => JSON.stringify(arnOf(construct))));
  const engineStatements = () =>
    statementsOfRole(synth.template, synth.logicalId(synth.stack.engine.handler.role));
  beforeAll(() => {
    synth = synthesize({ context: { 'rapport:flexibleWindowMinutes': '15' } });
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('routes exactly the trigger event types from the Rapport source to the engine', () => {
    synth.template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: synth.logicalId(synth.stack.bus.eventBus) },
      EventPattern: { source: ['rapport'], 'detail-type': [...TriggerEventType.options] },
      Targets: [
        Match.objectLike({
          Arn: arnOf(synth.stack.engine.handler.function),
          DeadLetterConfig: { Arn: arnOf(synth.stack.engine.undeliveredEvents.queue) },
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86400 },
        }),
      ],
    });
  });

  it('tells the engine where to create schedules and where they wake up', () => {
    const { engine, scheduling, dispatchQueue } = synth.stack;
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Role: arnOf(engine.handler.role),
      Environment: {
        Variables: Match.objectLike({
          RAPPORT_SCHEDULER_GROUP: 'Rapport-actions',
          RAPPORT_SCHEDULER_ROLE_ARN: arnOf(scheduling.role),
          RAPPORT_DISPATCH_QUEUE_ARN: arnOf(dispatchQueue.queue),
          RAPPORT_DISPATCH_QUEUE_URL: { Ref: synth.logicalId(dispatchQueue.queue) },
          RAPPORT_SCHEDULE_DLQ_ARN: arnOf(scheduling.deadLetterQueue.queue),
          RAPPORT_FLEXIBLE_WINDOW_MINUTES: '15',
          RAPPORT_TABLE_NAME: { Ref: synth.logicalId(synth.stack.table.table) },
          RAPPORT_DEFAULT_TIME_ZONE: 'UTC',
        }),
      },
    });
  });

  it('creates the engine after the schedule group it writes to', () => {
    synth.template.hasResource('AWS::Lambda::Function', {
      Properties: Match.objectLike({ Role: arnOf(synth.stack.engine.handler.role) }),
      DependsOn: Match.arrayWith([synth.logicalId(synth.stack.scheduling.group)]),
    });
  });

  it('lets the engine create and delete schedules only within its schedule group', () => {
    expect(statementsForService(engineStatements(), 'scheduler')).toEqual([
      {
        Effect: 'Allow',
        Action: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        Resource: {
          'Fn::Sub': `arn:\${AWS::Partition}:scheduler:\${AWS::Region}:\${AWS::AccountId}:schedule/Rapport-actions/*`,
        },
      },
    ]);
    synth.template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
      Name: 'Rapport-actions',
    });
  });

  it('lets the engine pass only the scheduler role, and only to EventBridge Scheduler', () => {
    expect(statementsForService(engineStatements(), 'iam')).toEqual([
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: arnOf(synth.stack.scheduling.role),
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      },
    ]);
  });

  it('lets the engine send only to the dispatch queue and to its own dead-letter queue', () => {
    const sqs = statementsForService(engineStatements(), 'sqs');
    expect(new Set(sqs.flatMap(actionsOf))).toEqual(new Set(['sqs:SendMessage']));
    expect(resourcesOfAll(sqs)).toEqual(
      arnsOf([synth.stack.dispatchQueue.queue, synth.stack.engine.failedEvaluations.queue]),
    );
  });

  it('lets only EventBridge Scheduler of this account and these groups assume the scheduler role', () => {
    const { scheduling } = synth.stack;
    synth.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: {
                'aws:SourceArn': [arnOf(scheduling.group), arnOf(scheduling.jobsGroup)],
              },
            },
          },
        ],
      },
    });
  });

  it('lets the scheduler role only send messages, to the dispatch queue and its own DLQ', () => {
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.scheduling.role),
    );
    expect(new Set(statements.flatMap(actionsOf))).toEqual(new Set(['sqs:SendMessage']));
    expect(resourcesOfAll(statements)).toEqual(
      arnsOf([synth.stack.dispatchQueue.queue, synth.stack.scheduling.deadLetterQueue.queue]),
    );
  });

  it('sends a reconcile wake-up to the dispatch queue every 5 minutes, from the jobs group', () => {
    // Prepare: what the dispatcher will parse
    const input = JSON.stringify({ kind: 'run-job', job: 'reconcile' });
    expect(Wake.parse(JSON.parse(input))).toEqual({ kind: 'run-job', job: 'reconcile' });

    // Assess
    synth.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      GroupName: 'Rapport-jobs',
      State: 'ENABLED',
      Target: Match.objectLike({
        Arn: arnOf(synth.stack.dispatchQueue.queue),
        RoleArn: arnOf(synth.stack.scheduling.role),
        Input: input,
        DeadLetterConfig: { Arn: arnOf(synth.stack.scheduling.deadLetterQueue.queue) },
      }),
    });
    synth.template.hasResource('AWS::Scheduler::Schedule', {
      Properties: Match.objectLike({ GroupName: 'Rapport-jobs' }),
      DependsOn: Match.arrayWith([synth.logicalId(synth.stack.scheduling.jobsGroup)]),
    });
  });

  it('grants no function a scheduler, lambda, iam or ses action on every resource', () => {
    const policies = synth.template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    const open = statements.filter(
      (statement) =>
        statement.Resource === '*' &&
        actionsOf(statement).some((action) => /^(scheduler|lambda|iam|ses|sqs):/.test(action)),
    );
    expect(open).toEqual([]);
  });
});
