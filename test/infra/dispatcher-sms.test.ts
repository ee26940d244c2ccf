import { afterAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../infra/settings.ts';
import { resourcesOf, statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

const PHONE = 'arn:aws:sms-voice:us-east-1:123456789012:phone-number/phone-0a1b2c3d4e5f';

const smsArn = (resource: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':sms-voice:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:${resource}`,
    ],
  ],
});

function smsStatements(synth: Synthesized) {
  const role = synth.logicalId(synth.stack.dispatcher.handler.role);
  return statementsForService(statementsOfRole(synth.template, role), 'sms-voice');
}

function dispatcherEnvironment(synth: Synthesized): Record<string, unknown> {
  const id = synth.logicalId(synth.stack.dispatcher.handler.function);
  return synth.template.toJSON().Resources[id].Properties.Environment.Variables;
}

describe('the dispatcher and End User Messaging SMS', () => {
  afterAll(removeOutdirs);

  it(
    'may send text messages only from the configured identity and configuration set',
    () => {
      const synth = synthesize({
        context: {
          'rapport:smsOriginationIdentity': PHONE,
          'rapport:smsConfigurationSet': 'rapport-sms',
        },
      });

      const statements = smsStatements(synth);
      expect(statements).toEqual([
        {
          Effect: 'Allow',
          Action: 'sms-voice:SendTextMessage',
          Resource: [PHONE, smsArn('configuration-set/rapport-sms')],
        },
      ]);
      expect(dispatcherEnvironment(synth)).toMatchObject({
        RAPPORT_SMS_ORIGINATION_IDENTITY: PHONE,
        RAPPORT_SMS_CONFIGURATION_SET: 'rapport-sms',
      });
    },
    SYNTH_TIMEOUT_MS,
  );

  it(
    "without an identity, may send from the account's phone numbers, sender IDs and pools only",
    () => {
      // The synth runs cdk-nag: the wildcards pass only because they are acknowledged.
      const synth = synthesize();

      const [statement, ...more] = smsStatements(synth);
      expect(more).toEqual([]);
      expect(statement?.Action).toBe('sms-voice:SendTextMessage');
      const resources = statement ? resourcesOf(statement) : [];
      expect(resources).toHaveLength(3);
      expect(resources).toEqual(
        expect.arrayContaining([smsArn('phone-number/*'), smsArn('sender-id/*'), smsArn('pool/*')]),
      );
      expect(dispatcherEnvironment(synth)).not.toHaveProperty('RAPPORT_SMS_ORIGINATION_IDENTITY');
    },
    SYNTH_TIMEOUT_MS,
  );

  it('accepts only the ARN of a phone number, sender ID or pool as the origination identity', () => {
    const sender = 'hello@mail.shop.example';
    expect(resolveSettings({ senderAddress: sender, smsOriginationIdentity: PHONE })).toMatchObject(
      { smsOriginationIdentity: PHONE },
    );
    expect(() =>
      resolveSettings({ senderAddress: sender, smsOriginationIdentity: '+15555550100' }),
    ).toThrow(/rapport:smsOriginationIdentity: must be the ARN/);
  });
});
