import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TriggerEventType } from '../../core/events.ts';
import { actionsOf, statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the engine, the schedules and the dispatcher', () => {
  let synth: Synthesized;
  const arnOf = (construct: Parameters<Synthesized['logicalId']>[0]) => ({
    'Fn::GetAtt': [synth.logicalId(construct), 'Arn'],
  });
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

  it('tells the engine where and how to create schedules', () => {
    const { engine, scheduling, dispatcher } = synth.stack;
    const fn = synth.template.toJSON().Resources[synth.logicalId(engine.handler.function)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RAPPORT_SCHEDULER_GROUP: 'Rapport-actions',
      RAPPORT_SCHEDULER_ROLE_ARN: arnOf(scheduling.role),
      RAPPORT_DISPATCHER_ARN: arnOf(dispatcher.handler.function),
      RAPPORT_SCHEDULE_DLQ_ARN: arnOf(scheduling.deadLetterQueue.queue),
      RAPPORT_FLEXIBLE_WINDOW_MINUTES: '15',
      RAPPORT_TABLE_NAME: { Ref: synth.logicalId(synth.stack.table.table) },
      RAPPORT_EVENT_BUS_NAME: { Ref: synth.logicalId(synth.stack.bus.eventBus) },
      RAPPORT_DEFAULT_TIME_ZONE: 'UTC',
    });
  });

  it('creates the engine after the schedule group it writes to', () => {
    const engineId = synth.logicalId(synth.stack.engine.handler.function);
    expect(synth.template.toJSON().Resources[engineId].DependsOn).toContain(
      synth.logicalId(synth.stack.scheduling.group),
    );
  });

  it('grants the engine CreateSchedule only within its schedule group', () => {
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.engine.handler.role),
    );
    expect(statementsForService(statements, 'scheduler')).toEqual([
      {
        Effect: 'Allow',
        Action: 'scheduler:CreateSchedule',
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
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.engine.handler.role),
    );
    expect(statementsForService(statements, 'iam')).toEqual([
      {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: arnOf(synth.stack.scheduling.role),
        Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      },
    ]);
  });

  it('lets only EventBridge Scheduler of this account and group assume the scheduler role', () => {
    synth.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': arnOf(synth.stack.scheduling.group) },
            },
          },
        ],
      },
    });
  });

  it('lets the scheduler role invoke only the dispatcher and write only to its DLQ', () => {
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.scheduling.role),
    );
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: arnOf(synth.stack.dispatcher.handler.function),
      },
      {
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: arnOf(synth.stack.scheduling.deadLetterQueue.queue),
      },
    ]);
  });

  it('grants no function a scheduler, lambda or iam action on every resource', () => {
    const policies = synth.template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement,
    );
    const open = statements.filter(
      (statement) =>
        statement.Resource === '*' &&
        actionsOf(statement).some((action) => /^(scheduler|lambda|iam|ses):/.test(action)),
    );
    expect(open).toEqual([]);
  });
});
