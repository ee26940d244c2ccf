import { Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { handlerEntry, LOCK_FILE, REPOSITORY_ROOT } from '../paths.ts';
import { copyWorkflowsCommand } from './copy-workflows.ts';
import type { RapportBus } from './rapport-bus.ts';
import type { RapportTable, TableAccess } from './rapport-table.ts';

export interface RapportFunctionProps {
  /** The folder under `functions/` whose `handler.ts` exports `handler`. */
  readonly functionFolder: string;
  /** @default - no description */
  readonly description?: string;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 512 (on arm64 this buys enough CPU for a fast cold start of the bundled SDK) */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Extra environment variables; the `bind*` helpers add their own. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Copy `workflows/automations` and `workflows/templates` into the bundle, for handlers that
   * load the catalog at cold start (functions/shared/aws-deps.ts `bundledCatalog`).
   * @default false
   */
  readonly includeWorkflows?: boolean;
  /**
   * Where failed asynchronous invocations land once the retries are spent.
   * @default - no dead-letter queue (synchronously invoked functions)
   */
  readonly deadLetterQueue?: IQueue;
  /** Retries of a failed asynchronous invocation. @default - the Lambda default (2) */
  readonly retryAttempts?: number;
}

/**
 * The house Lambda function: Node.js 24 on arm64, one ESM bundle with source maps, its own log
 * group and role (no AWS managed policy), X-Ray tracing, and `bind*` helpers that grant access
 * and set the matching environment variable together, so neither can be forgotten.
 */
export class RapportFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly role: Role;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: RapportFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the Rapport ${props.functionFolder} function`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): this group only.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(props.functionFolder),
      handler: 'handler',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: LOCK_FILE,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      description: props.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        // Prefer the ESM builds of dependencies: smaller, tree-shakable bundles.
        mainFields: ['module', 'main'],
        // Some CommonJS dependencies call require() for Node built-ins; ESM has no require.
        banner:
          "import { createRequire as rapportCreateRequire } from 'node:module'; const require = rapportCreateRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle everything, the AWS SDK included: the function runs the SDK versions that
        // package-lock.json pins and the tests exercised, not whatever the runtime ships today.
        externalModules: [],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) =>
            props.includeWorkflows ? [copyWorkflowsCommand(inputDir, outputDir)] : [],
        },
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Tracing.ACTIVE adds xray:PutTraceSegments and xray:PutTelemetryRecords, which X-Ray only ' +
        'authorizes on Resource "*" (these actions have no resource-level permissions).',
    });
  }

  /** Reads (`r`) or reads and writes (`rw`) the table, and names it in RAPPORT_TABLE_NAME. */
  bindTable(table: RapportTable, access: TableAccess): this {
    table.grantData(this.role, access);
    this.function.addEnvironment('RAPPORT_TABLE_NAME', table.table.tableName);
    return this;
  }

  /** May put events on the bus (and no other), named in RAPPORT_EVENT_BUS_NAME. */
  bindBus(bus: RapportBus): this {
    bus.eventBus.grantPutEventsTo(this.role);
    this.function.addEnvironment('RAPPORT_EVENT_BUS_NAME', bus.eventBus.eventBusName);
    return this;
  }

  addEnvironment(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }
}
