import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

describe('the dispatcher', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize({
      context: {
        'rapport:senderAddress': 'care@mail.shop.example',
        'rapport:senderName': 'Shop Care',
        'rapport:sesIdentity': 'shop.example',
        'rapport:sesConfigurationSet': 'rapport-tracking',
      },
    });
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('can send email only through the configured identity and only from the sender address', () => {
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.dispatcher.handler.role),
    );
    const identityArn = (resource: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':ses:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:${resource}`,
        ],
      ],
    });
    const ses = statementsForService(statements, 'ses');
    expect(ses).toEqual([
      {
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: expect.arrayContaining([
          identityArn('identity/shop.example'),
          identityArn('configuration-set/rapport-tracking'),
        ]),
        Condition: { StringEquals: { 'ses:FromAddress': 'care@mail.shop.example' } },
      },
    ]);
    expect(ses[0]?.Resource).toHaveLength(2);
  });

  it('passes the sender, the configuration set and the attempt limit to the handler', () => {
    const fn =
      synth.template.toJSON().Resources[synth.logicalId(synth.stack.dispatcher.handler.function)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RAPPORT_TABLE_NAME: { Ref: synth.logicalId(synth.stack.table.table) },
      RAPPORT_EVENT_BUS_NAME: { Ref: synth.logicalId(synth.stack.bus.eventBus) },
      RAPPORT_DEFAULT_TIME_ZONE: 'UTC',
      RAPPORT_SENDER_ADDRESS: 'care@mail.shop.example',
      RAPPORT_SENDER_NAME: 'Shop Care',
      RAPPORT_SES_CONFIGURATION_SET: 'rapport-tracking',
      RAPPORT_MAX_ATTEMPTS: '3',
    });
  });

  it('finishes well inside the five-minute claim lease of a schedule', () => {
    const fn =
      synth.template.toJSON().Resources[synth.logicalId(synth.stack.dispatcher.handler.function)];
    expect(fn.Properties.Timeout).toBeLessThan(300);
  });
});
