import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsOf, resourcesOf, statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the tier recalculation', () => {
  let synth: Synthesized;
  const tiers = () => synth.stack.tiers;
  const roleStatements = (role: Parameters<Synthesized['logicalId']>[0]) =>
    statementsOfRole(synth.template, synth.logicalId(role));
  beforeAll(() => {
    synth = synthesize({
      context: {
        'rapport:tierSchedule': 'cron(30 2 ? * SUN *)',
        'rapport:tierTimeZone': 'Europe/Paris',
      },
    });
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('starts the state machine on the configured cron, in its zone, with a dead-letter queue', () => {
    synth.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 2 ? * SUN *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      Target: Match.objectLike({
        Arn: { Ref: synth.logicalId(tiers().stateMachine) },
        Input: Match.serializedJson({
          trigger: 'schedule',
          asOf: '<aws.scheduler.scheduled-time>',
        }),
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [synth.logicalId(tiers().failedStarts.queue), 'Arn'] },
        },
      }),
    });
  });

  it('runs a Standard state machine whose passes are inline Maps of Lambda tasks', () => {
    const machines = synth.template.findResources('AWS::StepFunctions::StateMachine', {
      Properties: { StateMachineType: 'STANDARD' },
    });
    const definition = JSON.stringify(
      Object.values(machines).map((m) => m.Properties.DefinitionString),
    );
    expect(definition).toContain('\\"Type\\":\\"Map\\"');
    expect(definition).toContain('\\"SummariseSegments\\"');
    expect(definition).toContain('\\"ClassifySegments\\"');
    // Distributed Map does not run locally (aws-local-stepfunctions): the definition must not use it.
    expect(definition).not.toContain('DISTRIBUTED');
    expect(definition).not.toContain('ItemReader');
  });

  it('lets the tier function scan and write the table, and nothing else of DynamoDB', () => {
    const dynamo = statementsForService(roleStatements(tiers().handler.role), 'dynamodb');
    const actions = new Set(dynamo.flatMap(actionsOf));
    expect(actions).toEqual(
      new Set([
        'dynamodb:Scan',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
      ]),
    );
  });

  it('lets the state machine invoke only the tier function', () => {
    const lambda = statementsForService(roleStatements(tiers().stateMachine.role), 'lambda');
    expect(lambda.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
    const arn = { 'Fn::GetAtt': [synth.logicalId(tiers().handler.function), 'Arn'] };
    for (const resource of lambda.flatMap(resourcesOf))
      expect(JSON.stringify(resource)).toContain(JSON.stringify(arn));
  });

  it('lets the ingest API start and describe tier runs (and resolve complaints), and only those', () => {
    const states = statementsForService(roleStatements(synth.stack.ingest.handler.role), 'states');
    // SendTaskSuccess: a complaint's resolution resumes its recovery (docs/complaints.md).
    expect(new Set(states.flatMap(actionsOf))).toEqual(
      new Set(['states:StartExecution', 'states:DescribeExecution', 'states:SendTaskSuccess']),
    );
    const started = states
      .filter((s) => actionsOf(s).includes('states:StartExecution'))
      .flatMap(resourcesOf);
    expect(started).toEqual(
      expect.arrayContaining([
        { Ref: synth.logicalId(tiers().stateMachine) },
        { Ref: synth.logicalId(synth.stack.complaints.stateMachine) },
      ]),
    );
    expect(started).toHaveLength(2);
    synth.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          RAPPORT_TIER_WORKFLOW_ARN: { Ref: synth.logicalId(tiers().stateMachine) },
        }),
      },
    });
  });
});
