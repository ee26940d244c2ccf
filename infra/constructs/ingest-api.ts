import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ingestApi } from '../../functions/ingest-api/definition.ts';
import { INGEST_ROUTES } from '../../functions/ingest-api/route-table.ts';
import { RapportFunction } from './rapport-function.ts';
import type { RapportTable } from './rapport-table.ts';

export interface IngestApiProps {
  readonly table: RapportTable;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Steady-state requests per second across all callers. @default 50 */
  readonly rateLimit?: number;
  /** @default 100 */
  readonly burstLimit?: number;
}

/**
 * The HTTP API that touchpoint systems (POS, call centre, web, chat) call. Every route requires
 * IAM authorization: the callers are back-end systems, not browsers, so each gets an IAM role
 * allowed `execute-api:Invoke` on exactly the routes it needs and signs with SigV4. No shared
 * API key to leak or rotate, and CloudTrail and the access log name the calling principal.
 */
export class IngestApi extends Construct {
  public readonly handler: RapportFunction;
  public readonly api: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: IngestApiProps) {
    super(scope, id);
    const retention = props.logRetention ?? RetentionDays.ONE_MONTH;
    this.handler = new RapportFunction(this, 'Handler', {
      definition: ingestApi,
      // API Gateway gives up after 29 s; answering sooner frees the caller to retry.
      timeout: Duration.seconds(10),
      logRetention: retention,
    }).bindTable(props.table);

    this.api = new HttpApi(this, 'Api', {
      description: 'Rapport ingest API (IAM authorization, SigV4)',
      defaultAuthorizer: new HttpIamAuthorizer(),
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration('Ingest', this.handler.function);
    // The router's own table (functions/ingest-api/route-table.ts): a route cannot be served
    // without being exposed, nor exposed without a handler.
    for (const route of Object.values(INGEST_ROUTES)) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration });
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', { retention });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            caller: '$context.identity.userArn',
            sourceIp: '$context.identity.sourceIp',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }
}
