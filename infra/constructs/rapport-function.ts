import { Duration, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/shared/platform.ts';
import { BUNDLE_TARGET, ESBUILD_ARGS, ESM_REQUIRE_BANNER, MAIN_FIELDS } from '../bundling.ts';
import { handlerEntry, LOCK_FILE, REPOSITORY_ROOT } from '../paths.ts';
import { copyWorkflowsCommand } from './copy-workflows.ts';
import type { RapportBus } from './rapport-bus.ts';
import type { RapportTable } from './rapport-table.ts';

/** What the CDK reads from a function's entry in functions/registry.ts. */
export type DeployedFunction = Pick<
  FunctionDefinition<unknown, never, unknown>,
  'name' | 'description' | 'tableActions' | 'shipsWorkflowFiles'
>;

export interface RapportFunctionProps {
  /**
   * The function's entry in functions/registry.ts: its folder (the entry is
   * `functions/<name>/handler.ts`), its description and the table actions its role is granted.
   */
  readonly definition: DeployedFunction;
  /** @default Duration.seconds(30) */
  readonly timeout?: Duration;
  /** @default 512 (on arm64 this buys enough CPU for a fast cold start of the bundled SDK) */
  readonly memorySize?: number;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Extra environment variables; the `bind*` helpers add their own. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Where failed asynchronous invocations land once the retries are spent.
   * @default - no dead-letter queue (functions not invoked asynchronously)
   */
  readonly deadLetterQueue?: IQueue;
  /** Retries of a failed asynchronous invocation. @default - the Lambda default (2) */
  readonly retryAttempts?: number;
}

/**
 * The house Lambda function: Node.js 24 on arm64, one ESM bundle with source maps (built with the
 * options of infra/bundling.ts), its own log group and role (no AWS managed policy), X-Ray
 * tracing, and `bind*` helpers that grant access and set the matching environment variable
 * together, so neither can be forgotten.
 */
export class RapportFunction extends Construct {
  public readonly definition: DeployedFunction;
  public readonly function: NodejsFunction;
  public readonly role: Role;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: RapportFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.definition = definition;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the Rapport ${definition.name} function`,
    });
    // Instead of AWSLambdaBasicExecutionRole (logs:* on every log group): this group only.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: handlerEntry(definition.name),
      handler: 'handler',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: LOCK_FILE,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      description: definition.description,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      tracing: Tracing.ACTIVE,
      deadLetterQueue: props.deadLetterQueue,
      retryAttempts: props.retryAttempts,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLE_TARGET,
        mainFields: MAIN_FIELDS,
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle everything, the AWS SDK included: the function runs the SDK versions that
        // package-lock.json pins and the tests exercised, not whatever the runtime ships today.
        externalModules: [],
        // Node builtins through process.getBuiltinModule and no unused credential providers:
        // smaller bundles, faster cold starts (bench/bundles.ts measures both).
        esbuildArgs: ESBUILD_ARGS,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir, outputDir) =>
            // The workflow files (infra/paths.ts WORKFLOW_ENTRIES) go beside the bundle of each function
            // whose handler reads one of them at cold start.
            props.definition.shipsWorkflowFiles ? [copyWorkflowsCommand(inputDir, outputDir)] : [],
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

  /**
   * May use exactly the table actions of its definition (on the table and its index), and names
   * the table in RAPPORT_TABLE_NAME.
   */
  bindTable(table: RapportTable): this {
    table.grantItemActions(this.role, this.definition.tableActions);
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
