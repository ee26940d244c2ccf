import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURVEY_ROUTES } from '../../functions/survey-page/route-table.ts';
import { actionsOf, resourcesOf, statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

const ROUTES = Object.values(SURVEY_ROUTES).map((route) => `${route.method} ${route.path}`);

describe('the survey page', () => {
  let synth: Synthesized;
  beforeAll(() => {
    synth = synthesize();
  }, SYNTH_TIMEOUT_MS);
  afterAll(removeOutdirs);

  it.each(ROUTES)('exposes %s on the HTTP API without an authorizer', (routeKey) => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: { Ref: synth.logicalId(synth.stack.ingest.api.node.defaultChild as never) },
      RouteKey: routeKey,
      AuthorizationType: 'NONE',
      Target: Match.anyValue(),
    });
  });

  it('proxies them to the survey-page function, not the ingest one', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: {
        'Fn::GetAtt': [synth.logicalId(synth.stack.surveyPage.handler.function), 'Arn'],
      },
    });
  });

  it('lets the function read the link-signing secret, and names it', () => {
    const { surveyPage, linkKey } = synth.stack;
    const role = synth.logicalId(surveyPage.handler.role);
    const secrets = statementsForService(statementsOfRole(synth.template, role), 'secretsmanager');
    expect(secrets.flatMap(actionsOf)).toContain('secretsmanager:GetSecretValue');
    expect(secrets.flatMap(resourcesOf)).toContainEqual({ Ref: synth.logicalId(linkKey.secret) });
    const fn = synth.template.toJSON().Resources[synth.logicalId(surveyPage.handler.function)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RAPPORT_LINK_KEY_SECRET_ARN: { Ref: synth.logicalId(linkKey.secret) },
    });
  });

  it('grants only the table actions the page needs: no scan, no update, no delete', () => {
    const role = synth.logicalId(synth.stack.surveyPage.handler.role);
    const dynamo = statementsForService(statementsOfRole(synth.template, role), 'dynamodb');
    expect(dynamo.flatMap(actionsOf).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
    ]);
  });
});
