import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteSpec } from '../../functions/ingest-api/route-table.ts';
import { PREFERENCES_ROUTES } from '../../functions/preferences-page/route-table.ts';
import { SURVEY_ROUTES } from '../../functions/survey-page/route-table.ts';
import type { PublicPage } from '../../infra/constructs/public-page.ts';
import type { RapportStack } from '../../infra/rapport-stack.ts';
import { actionsOf, resourcesOf, statementsForService, statementsOfRole } from './support/iam.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, type Synthesized, synthesize } from './support/synth.ts';

interface PageCase {
  readonly title: string;
  readonly functionName: string;
  readonly page: (stack: RapportStack) => PublicPage;
  readonly routes: Readonly<Record<string, RouteSpec>>;
  /** What the page must not do to the table, for the test's name. */
  readonly forbidden: string;
  readonly tableActions: readonly string[];
}

const PAGES: readonly PageCase[] = [
  {
    title: 'the preferences page and one-click unsubscribe',
    functionName: 'preferences-page',
    page: (stack) => stack.preferencesPage,
    routes: PREFERENCES_ROUTES,
    forbidden: 'no scan, no delete',
    tableActions: ['dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:Query'],
  },
  {
    title: 'the survey page',
    functionName: 'survey-page',
    page: (stack) => stack.surveyPage,
    routes: SURVEY_ROUTES,
    forbidden: 'no scan, no update, no delete',
    tableActions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
  },
];

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
}, SYNTH_TIMEOUT_MS);
afterAll(removeOutdirs);

describe.each(PAGES)('$title', (page) => {
  const routeKeys = Object.values(page.routes).map((route) => `${route.method} ${route.path}`);

  it.each(routeKeys)('exposes %s on the HTTP API without an authorizer', (routeKey) => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: { Ref: synth.logicalId(synth.stack.ingest.api.node.defaultChild as never) },
      RouteKey: routeKey,
      AuthorizationType: 'NONE',
      Target: Match.anyValue(),
    });
  });

  it(`proxies them to the ${page.functionName} function, not the ingest one`, () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: {
        'Fn::GetAtt': [synth.logicalId(page.page(synth.stack).handler.function), 'Arn'],
      },
    });
  });

  it('lets the function read the link-signing secret, and names it', () => {
    const { handler } = page.page(synth.stack);
    const { linkKey } = synth.stack;
    const role = synth.logicalId(handler.role);
    const secrets = statementsForService(statementsOfRole(synth.template, role), 'secretsmanager');
    expect(secrets.flatMap(actionsOf)).toContain('secretsmanager:GetSecretValue');
    expect(secrets.flatMap(resourcesOf)).toContainEqual({ Ref: synth.logicalId(linkKey.secret) });
    const fn = synth.template.toJSON().Resources[synth.logicalId(handler.function)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RAPPORT_LINK_KEY_SECRET_ARN: { Ref: synth.logicalId(linkKey.secret) },
    });
  });

  it(`grants only the table actions the page needs: ${page.forbidden}`, () => {
    const role = synth.logicalId(page.page(synth.stack).handler.role);
    const dynamo = statementsForService(statementsOfRole(synth.template, role), 'dynamodb');
    expect(dynamo.flatMap(actionsOf).sort()).toEqual(page.tableActions);
  });
});
