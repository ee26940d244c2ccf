import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

/** The routes of functions/ingest-api/routes.ts, spelled out so a drift on either side shows. */
const ROUTES = [
  'POST /customers',
  'PUT /customers/{customerId}',
  'GET /customers/{customerId}',
  'GET /customers/by-external-id/{system}/{externalId}',
  'PUT /customers/{customerId}/consent/{channel}',
  'POST /interactions',
];

describe('the ingest API', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('exposes exactly the routes the ingest handler serves', () => {
    const routes = synth.template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((route) => route.Properties.RouteKey as string);
    expect(keys.sort()).toEqual([...ROUTES].sort());
  });

  it.each(ROUTES)('requires IAM authorization on %s', (routeKey) => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: routeKey,
      AuthorizationType: 'AWS_IAM',
      Target: Match.anyValue(),
    });
  });

  it('proxies to the ingest function with payload format 2.0', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: {
        'Fn::GetAtt': [synth.logicalId(synth.stack.ingest.handler.function), 'Arn'],
      },
    });
  });

  it('logs every request of the default stage and throttles it', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: {
          'Fn::GetAtt': [synth.logicalId(synth.stack.ingest.accessLogs), 'Arn'],
        },
        Format: Match.stringLikeRegexp('\\$context\\.identity\\.userArn'),
      },
    });
  });

  it('configures the ingest function with the table, the bus and the default zone', () => {
    const { table, bus, ingest } = synth.stack;
    const fn = synth.template.toJSON().Resources[synth.logicalId(ingest.handler.function)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RAPPORT_TABLE_NAME: { Ref: synth.logicalId(table.table) },
      RAPPORT_EVENT_BUS_NAME: { Ref: synth.logicalId(bus.eventBus) },
      RAPPORT_DEFAULT_TIME_ZONE: 'UTC',
    });
  });

  it('lets the ingest function put events on the Rapport bus only', () => {
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.ingest.handler.role),
    );
    expect(statementsForService(statements, 'events')).toEqual([
      {
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: { 'Fn::GetAtt': [synth.logicalId(synth.stack.bus.eventBus), 'Arn'] },
      },
    ]);
  });

  it('lets the ingest function read and write items of the table and its GSI, without Scan', () => {
    const tableArn = { 'Fn::GetAtt': [synth.logicalId(synth.stack.table.table), 'Arn'] };
    const statements = statementsOfRole(
      synth.template,
      synth.logicalId(synth.stack.ingest.handler.role),
    );
    const dynamo = statementsForService(statements, 'dynamodb');
    expect(dynamo).toHaveLength(1);
    expect(dynamo[0]?.Action).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query']),
    );
    expect(dynamo[0]?.Action).not.toContain('dynamodb:Scan');
    expect(dynamo[0]?.Resource).toEqual([
      tableArn,
      { 'Fn::Join': ['', [tableArn, '/index/GSI1']] },
    ]);
  });
});
