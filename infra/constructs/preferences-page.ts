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
import { preferencesPage } from '../../functions/preferences-page/definition.ts';
import { PREFERENCES_ROUTES } from '../../functions/preferences-page/route-table.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface PreferencesPageProps {
  readonly table: RapportTable;
  /** The HTTP API whose public URL the links in messages point at (RAPPORT_PUBLIC_URL). */
  readonly api: HttpApi;
  /** Verifies the links (the dispatcher signs them with the same key). */
  readonly linkKey: LinkSigningKey;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The customers' side of messaging: the preferences page and the RFC 8058 one-click unsubscribe,
 * served on the same HTTP API as the ingest routes but without an authorizer. Customers (and
 * their mail providers) hold no AWS credentials; each request carries an HMAC-signed, expiring
 * token naming one customer, which the function verifies before it reads anything.
 */
export class PreferencesPage extends Construct {
  public readonly handler: RapportFunction;
  public readonly routes: readonly HttpRoute[];

  constructor(scope: Construct, id: string, props: PreferencesPageProps) {
    super(scope, id);
    this.handler = new RapportFunction(this, 'Handler', {
      definition: preferencesPage,
      // A person (or a mail provider's one-click POST) is waiting: answer fast or not at all.
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
    }).bindTable(props.table);
    for (const [name, value] of Object.entries(props.linkKey.grantRead(this.handler.role))) {
      this.handler.addEnvironment(name, value);
    }

    const integration = new HttpLambdaIntegration('Pages', this.handler.function);
    // Overrides the API's default IAM authorizer for these routes only.
    const authorizer = new HttpNoneAuthorizer();
    this.routes = Object.values(PREFERENCES_ROUTES).flatMap((route) =>
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
          'Public by design: customers and their mail providers (RFC 8058 one-click unsubscribe) ' +
          'call these routes without AWS credentials. The function trusts only the HMAC-SHA256 ' +
          'signature of the expiring token in the path, verified before anything is read; a ' +
          'tampered or expired token writes nothing.',
      });
    }
  }
}
