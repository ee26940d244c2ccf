import { Duration, Validations } from 'aws-cdk-lib';
import {
  type HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { surveyPage } from '../../functions/survey-page/definition.ts';
import { SURVEY_ROUTES } from '../../functions/survey-page/route-table.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface SurveyPageProps {
  readonly table: RapportTable;
  /** The HTTP API whose public URL the survey invitations point at (RAPPORT_PUBLIC_URL). */
  readonly api: HttpApi;
  /** Verifies the links (the dispatcher signs them with the same key). */
  readonly linkKey: LinkSigningKey;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The survey page: customers answer from the invitation's links (the page, or one link per score)
 * on public routes of the HTTP API. Each request carries an HMAC-signed, expiring token naming one
 * customer, one interaction and the survey kind, verified before anything is read or written.
 */
export class SurveyPage extends Construct {
  public readonly handler: RapportFunction;
  public readonly routes: readonly HttpRoute[];

  constructor(scope: Construct, id: string, props: SurveyPageProps) {
    super(scope, id);
    this.handler = new RapportFunction(this, 'Handler', {
      definition: surveyPage,
      // A person is waiting on the page: answer fast or not at all.
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
    }).bindTable(props.table);
    for (const [name, value] of Object.entries(props.linkKey.grantRead(this.handler.role))) {
      this.handler.addEnvironment(name, value);
    }

    const integration = new HttpLambdaIntegration('Survey', this.handler.function);
    // Overrides the API's default IAM authorizer for these routes only.
    const authorizer = new HttpNoneAuthorizer();
    this.routes = Object.values(SURVEY_ROUTES).flatMap((route) =>
      props.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer,
      }),
    );
    for (const route of this.routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Public by design: customers answer surveys from an email without AWS credentials. The ' +
          'function trusts only the HMAC-SHA256 signature of the expiring token in the path, ' +
          'verified before anything is read; a tampered or expired token writes nothing.',
      });
    }
  }
}
