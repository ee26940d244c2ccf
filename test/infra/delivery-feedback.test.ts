import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

const DEFAULT_BUS_ARN = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':events:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ':event-bus/default',
    ],
  ],
};

const sesArn = (resource: string | Record<string, unknown>) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':ses:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      ...(typeof resource === 'string' ? [`:${resource}`] : [':configuration-set/', resource]),
    ],
  ],
});

describe('delivery feedback', () => {
  describe('without a configuration set in the settings', () => {
    let synth: Synthesized;
    let configurationSet: { Ref: string };
    beforeAll(() => {
      synth = synthesize();
      const [id] = Object.keys(synth.template.findResources('AWS::SES::ConfigurationSet'));
      configurationSet = { Ref: id ?? 'none' };
    }, SYNTH_TIMEOUT_MS);
    afterAll(removeOutdirs);

    it('creates a configuration set with reputation metrics and SES suppression of bounces and complaints', () => {
      synth.template.hasResourceProperties('AWS::SES::ConfigurationSet', {
        ReputationOptions: { ReputationMetricsEnabled: true },
        SuppressionOptions: { SuppressedReasons: Match.arrayWith(['BOUNCE', 'COMPLAINT']) },
      });
      expect(configurationSet.Ref).not.toBe('none');
    });

    it("publishes the set's delivery, bounce and complaint events to the default bus", () => {
      synth.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        ConfigurationSetName: configurationSet,
        EventDestination: {
          Enabled: true,
          EventBridgeDestination: { EventBusArn: DEFAULT_BUS_ARN },
          MatchingEventTypes: Match.arrayEquals(['delivery', 'bounce', 'complaint']),
        },
      });
    });

    it('routes those events of this configuration set only to the feedback function, with a dead-letter queue', () => {
      const { feedback } = synth.stack;
      synth.template.hasResourceProperties('AWS::Events::Rule', {
        EventBusName: 'default',
        EventPattern: {
          source: ['aws.ses'],
          'detail-type': ['Email Delivered', 'Email Bounced', 'Email Complaint Received'],
          detail: { mail: { tags: { 'ses:configuration-set': [configurationSet] } } },
        },
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [synth.logicalId(feedback.handler.function), 'Arn'] },
            DeadLetterConfig: {
              Arn: { 'Fn::GetAtt': [synth.logicalId(feedback.undeliveredEvents.queue), 'Arn'] },
            },
            RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 86400 },
          }),
        ],
      });
    });

    it('keeps the events the function failed on in a dead-letter queue that raises an alarm', () => {
      const { feedback, alarms } = synth.stack;
      const failed = feedback.failedFeedback.queue;
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('^Rapport delivery feedback'),
        DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [synth.logicalId(failed), 'Arn'] } },
      });
      for (const queue of [failed, feedback.undeliveredEvents.queue]) {
        synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [
            { Name: 'QueueName', Value: { 'Fn::GetAtt': [synth.logicalId(queue), 'QueueName'] } },
          ],
          AlarmActions: [{ Ref: synth.logicalId(alarms.topic) }],
        });
      }
    });

    it('has the dispatcher send with the created set, and may send only through it', () => {
      const { dispatcher } = synth.stack;
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('^Rapport dispatcher'),
        Environment: {
          Variables: Match.objectLike({ RAPPORT_SES_CONFIGURATION_SET: configurationSet }),
        },
      });
      const ses = statementsForService(
        statementsOfRole(synth.template, synth.logicalId(dispatcher.handler.role)),
        'ses',
      );
      expect(ses).toEqual([
        expect.objectContaining({
          Action: 'ses:SendEmail',
          Resource: expect.arrayContaining([sesArn(configurationSet)]),
        }),
      ]);
    });
  });

  describe('with a configuration set in the settings', () => {
    let synth: Synthesized;
    beforeAll(() => {
      synth = synthesize({ context: { 'rapport:sesConfigurationSet': 'shop-tracking' } });
    }, SYNTH_TIMEOUT_MS);
    afterAll(removeOutdirs);

    it('adds the event destination to the given set instead of creating one', () => {
      expect(synth.template.findResources('AWS::SES::ConfigurationSet')).toEqual({});
      synth.template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        ConfigurationSetName: 'shop-tracking',
        EventDestination: Match.objectLike({
          EventBridgeDestination: { EventBusArn: DEFAULT_BUS_ARN },
        }),
      });
      synth.template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: Match.objectLike({
          detail: { mail: { tags: { 'ses:configuration-set': ['shop-tracking'] } } },
        }),
      });
    });

    it('has the dispatcher send with the given set', () => {
      synth.template.hasResourceProperties('AWS::Lambda::Function', {
        Description: Match.stringLikeRegexp('^Rapport dispatcher'),
        Environment: {
          Variables: Match.objectLike({ RAPPORT_SES_CONFIGURATION_SET: 'shop-tracking' }),
        },
      });
    });
  });
});
