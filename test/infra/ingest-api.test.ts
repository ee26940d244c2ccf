import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_ROUTES } from '../../functions/ingest-api/route-table.ts';
import { PREFERENCES_ROUTES } from '../../functions/preferences-page/route-table.ts';
import { SURVEY_ROUTES } from '../../functions/survey-page/route-table.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

/** The routes the ingest router serves (functions/ingest-api/route-table.ts), as route keys. */
const ROUTES = Object.values(INGEST_ROUTES).map((route) => `${route.method} ${route.path}`);
/** The customers' pages share the API (test/infra/public-pages.test.ts). */
const PUBLIC_ROUTES = [...Object.values(PREFERENCES_ROUTES), ...Object.values(SURVEY_ROUTES)].map(
  (route) => `${route.method} ${route.path}`,
);

describe('the ingest API', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it('exposes exactly the routes the ingest handler and the public pages serve', () => {
    const routes = synth.template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes).map((route) => route.Properties.RouteKey as string);
    expect(keys.sort()).toEqual([...ROUTES, ...PUBLIC_ROUTES].sort());
  });

  it.each(ROUTES)('exposes %s, with IAM authorization', (routeKey) => {
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

  it('tells the ingest function its table and the two workflows, and nothing else', () => {
    const { table, ingest, tiers, complaints } = synth.stack;
    const fn = synth.template.toJSON().Resources[synth.logicalId(ingest.handler.function)];
    expect(fn.Properties.Environment.Variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      RAPPORT_TABLE_NAME: { Ref: synth.logicalId(table.table) },
      RAPPORT_TIER_WORKFLOW_ARN: { Ref: synth.logicalId(tiers.stateMachine) },
      RAPPORT_COMPLAINT_WORKFLOW_ARN: { Ref: synth.logicalId(complaints.stateMachine) },
    });
  });
});
