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
import type { RouteSpec } from '../../functions/ingest-api/route-table.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { type DeployedFunction, RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

/** What the stack gives every public page. */
export interface PublicPageProps {
  readonly table: RapportTable;
  /** The HTTP API whose public URL the links in messages point at (RAPPORT_PUBLIC_URL). */
  readonly api: HttpApi;
  /** Verifies the links (the dispatcher signs them with the same key). */
  readonly linkKey: LinkSigningKey;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/** What sets one public page apart from another. */
export interface PublicPageSpec {
  /** The page's entry in functions/registry.ts. */
  readonly definition: DeployedFunction;
  /** The page's route table: exactly these routes are added to the API, without an authorizer. */
  readonly routes: Readonly<Record<string, RouteSpec>>;
  /** The integration's construct id: it names the integration's logical id, so keep it stable. */
  readonly integrationId: string;
  /** Why the routes may take requests without AWS credentials (acknowledges AwsSolutions-APIG4). */
  readonly whyPublic: string;
}

/**
 * A page customers reach from the links in their messages: one function on public routes of the
 * HTTP API (the API's default IAM authorizer is overridden for these routes only). Customers hold
 * no AWS credentials; each request carries an HMAC-signed, expiring token naming one customer,
 * which the function verifies with the link-signing key before it reads anything.
 */
export class PublicPage extends Construct {
  public readonly handler: RapportFunction;
  public readonly routes: readonly HttpRoute[];

  constructor(scope: Construct, id: string, props: PublicPageProps & PublicPageSpec) {
    super(scope, id);
    this.handler = new RapportFunction(this, 'Handler', {
      definition: props.definition,
      // A person (or a mail provider's one-click POST) is waiting: answer fast or not at all.
      timeout: Duration.seconds(10),
      logRetention: props.logRetention,
    }).bindTable(props.table);
    for (const [name, value] of Object.entries(props.linkKey.grantRead(this.handler.role))) {
      this.handler.addEnvironment(name, value);
    }

    const integration = new HttpLambdaIntegration(props.integrationId, this.handler.function);
    const authorizer = new HttpNoneAuthorizer();
    this.routes = Object.values(props.routes).flatMap((route) =>
      props.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        authorizer,
      }),
    );
    for (const route of this.routes) {
      Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: props.whyPublic });
    }
  }
}
