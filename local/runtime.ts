import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Catalog } from '../core/catalog/catalog.ts';
import { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { DynamoScheduleStore } from '../functions/adapters/dynamodb/schedule-store.ts';
import { complaintSteps } from '../functions/complaint-steps/definition.ts';
import { DISPATCH_MAX_RECEIVES } from '../functions/dispatcher/definition.ts';
import { isPublicPagePath } from '../functions/preferences-page/route-table.ts';
import { newId } from '../functions/shared/aws/clock.ts';
import { isSurveyPagePath } from '../functions/survey-page/route-table.ts';
import { tierRun } from '../functions/tier-run/definition.ts';
import { complaintRecoveryDefinitionForLocal } from './complaints/complaint-workflow.ts';
import { ensureTable, LOCAL_AWS } from './dynamodb-local.ts';
import { type LocalRoute, startHttpServer } from './http-server.ts';
import { lambdaContext } from './lambda-context.ts';
import { localLinkKey } from './link-key.ts';
import { LocalEventBus } from './local-bus.ts';
import { LocalClock } from './local-clock.ts';
import { localEnvironment } from './local-environment.ts';
import { type LocalHandlers, localHandlers } from './local-handlers.ts';
import { type LocalPlatformParts, localPlatform } from './local-platform.ts';
import { LocalQueue } from './local-queue.ts';
import { localRoutes } from './local-routes.ts';
import { subscribeRules } from './local-rules.ts';
import { LocalScheduler } from './local-scheduler.ts';
import { dynamoService, sesService, streamArn } from './local-services.ts';
import { LocalStreamReader } from './local-stream.ts';
import { localStateTable, localStateTableDefinition } from './local-table.ts';
import { localWork } from './local-work.ts';
import { LocalWorkflowTasks } from './local-workflows.ts';
import { LocalSesFeedback } from './ses-feedback.ts';
import { LocalSms } from './sms-local.ts';
import type { LocalStateMachine } from './step-functions/local-state-machine.ts';
import { LocalStepFunctions } from './step-functions/local-step-functions.ts';
import { tierWorkflowDefinition } from './step-functions/tier-workflow.ts';
import { localTierRuns } from './tiers/local-tier-runs.ts';
import { LocalTierSchedule, type TierScheduleSetting } from './tiers/tier-schedule.ts';

export interface LocalRuntimeOptions {
  readonly apiPort: number;
  readonly dynamoPort: number;
  readonly sesPort: number;
  /** Keep DynamoDB data and the clock here across restarts; in memory when absent. */
  readonly dataDir?: string;
  /** Use an already running DynamoDB Local / local SES instead of starting one (tests do). */
  readonly dynamoEndpoint?: string;
  readonly sesUrl?: string;
  readonly tableName: string;
  readonly clock?: { readonly startAt?: Date; readonly frozen?: boolean };
  readonly sender: { readonly address: string; readonly name: string };
  readonly defaultTimeZone: string;
  /** How often real time is checked for due work; `false` for a clock that only moves when told. */
  readonly tickMs: number | false;
  /**
   * Dispatcher invocations at once (the queue's event source mapping's maximum concurrency).
   * @default 2, as the deployed default (rapport:dispatchConcurrency)
   */
  readonly dispatchConcurrency?: number;
  /** The automations and templates to run. @default the repository's workflows/ */
  readonly catalog?: Catalog;
  /**
   * The tier recalculation's schedule on the local clock, as `rapport:tierSchedule` sets it on
   * AWS. @default none: tests that move the clock by weeks would otherwise start runs they did not ask for
   */
  readonly tierSchedule?: TierScheduleSetting;
  /** Faults between Rapport and the (local) services, for the fault-injection tests. */
  readonly wrap?: LocalPlatformParts['wrap'] & {
    readonly dynamo?: (client: DynamoDBDocumentClient) => DynamoDBDocumentClient;
  };
}

/** The reconciler's schedule, as infra creates it on AWS. */
export const RECONCILE_EVERY_MS = 5 * 60_000;

export type { AdvanceResult, FiredWork } from './local-work.ts';

export type LocalRuntime = Awaited<ReturnType<typeof startLocalRuntime>>;

/**
 * Rapport on one machine: the real DynamoDB engine and its stream, a local SES v2, the HTTP API,
 * a bus answering PutEvents, the scheduler and the dispatch queue, wired to the very handlers that
 * run in Lambda, built from the same function definitions. Only the platform differs.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions) {
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const service of started.reverse()) await service.stop();
  };
  try {
    const dynamo = await dynamoService(options);
    started.push(dynamo);
    const ses = await sesService(options);
    started.push(ses);
    await ensureTable(dynamo.endpoint, options.tableName);
    await ensureTable(dynamo.endpoint, localStateTableDefinition(options.tableName));

    const clock = new LocalClock({
      ...options.clock,
      stateFile: options.dataDir ? join(options.dataDir, 'clock.json') : undefined,
    });
    const realDb = documentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    const db = options.wrap?.dynamo?.(realDb) ?? realDb;
    const stateTable = localStateTable(options.tableName);
    const queue = new LocalQueue(realDb, stateTable, clock.now, {
      visibilitySeconds: 360,
      maxReceiveCount: DISPATCH_MAX_RECEIVES,
      concurrency: options.dispatchConcurrency ?? 2,
    });
    const scheduler = new LocalScheduler(realDb, stateTable, queue);
    const workflows = new LocalWorkflowTasks(db, options.tableName);
    const bus = new LocalEventBus(clock.now);
    const sms = new LocalSms(clock.now);

    let handlers: LocalHandlers | undefined;
    let routes: LocalRoute = async () => starting();
    const server = await startHttpServer(
      options.apiPort,
      // The public pages (signed links in customers' messages) are routes of the same HTTP API
      // on AWS, without an authorizer; here they share the port, so RAPPORT_PUBLIC_URL is it.
      (event) =>
        !handlers
          ? starting()
          : isPublicPagePath(event.rawPath)
            ? handlers.preferencesPage(event, lambdaContext('rapport-preferences-page'))
            : isSurveyPagePath(event.rawPath)
              ? handlers.surveyPage(event, lambdaContext('rapport-survey-page'))
              : handlers.ingest(event, lambdaContext('rapport-ingest-api')),
      (method, path, body, headers) =>
        path === '/_aws/events/' || path === '/_aws/events'
          ? bus.handlePutEvents(body)
          : (sms.route(method, path, body, headers) ?? routes(method, path, body, headers)),
    );
    started.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const address = server.address();
    const apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.apiPort}`;

    // The API's tier routes reach the workflow the runtime adds once the functions exist.
    let tierRuns: ReturnType<typeof localTierRuns> | undefined;
    let complaintRecovery: LocalStateMachine | undefined;
    const platform = localPlatform({
      clock: clock.now,
      newId,
      db,
      sesUrl: ses.url,
      eventsUrl: `${apiUrl}/_aws/events`,
      smsUrl: `${apiUrl}/_aws/sms/`,
      scheduler,
      queue,
      workflows,
      tierWorkflow: () => {
        if (!tierRuns) throw new Error('the local tier workflow is not started yet');
        return tierRuns.workflow;
      },
      complaintWorkflow: () => {
        if (!complaintRecovery) throw new Error('the local complaint workflow is not started yet');
        return complaintRecovery;
      },
      linkKey: localLinkKey(options.dataDir),
      ...(options.catalog ? { catalog: options.catalog } : {}),
      ...(options.wrap ? { wrap: options.wrap } : {}),
    });
    const env = localEnvironment({ ...options, publicUrl: apiUrl });
    handlers = localHandlers(env, platform);
    const functions = handlers;
    subscribeRules(bus, functions);
    queue.consumeWith((event) => functions.dispatcher(event, lambdaContext('rapport-dispatcher')));
    const stream = new LocalStreamReader(
      new DynamoDBStreamsClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint }),
      await streamArn(dynamo.endpoint, options.tableName),
      { db: realDb, tableName: stateTable },
      (event) => functions.publisher(event, lambdaContext('rapport-event-publisher')),
    );
    await scheduler.scheduleEvery(
      'rapport-reconciler',
      RECONCILE_EVERY_MS,
      { kind: 'run-job', job: 'reconcile' },
      new Date(clock.now().getTime() + RECONCILE_EVERY_MS),
    );

    const schedules = new DynamoScheduleStore(realDb, options.tableName);
    // The state machines the CDK synthesizes, run by aws-local-stepfunctions on the registry's handlers.
    const stepFunctions = new LocalStepFunctions({
      db: realDb,
      stateTable,
      clock: clock.now,
      tokens: workflows,
      functions: {
        [tierRun.name]: functions.tierRun,
        [complaintSteps.name]: functions.complaintSteps,
      },
    });
    complaintRecovery = await stepFunctions.add(
      'complaint-recovery',
      complaintRecoveryDefinitionForLocal(),
    );
    tierRuns = localTierRuns(
      await stepFunctions.add('tier-recalculation', tierWorkflowDefinition()),
      clock.now,
    );
    const localTiers = tierRuns;
    const tierSchedule =
      options.tierSchedule &&
      new LocalTierSchedule(options.tierSchedule, clock.now(), (input) =>
        localTiers.start(input, 'schedule'),
      );
    // What SES event publishing does on AWS; a client of its own, as SES is not Rapport's code.
    const sesFeedback = new LocalSesFeedback({
      sesUrl: ses.url,
      eventBridge: new EventBridgeClient({ ...LOCAL_AWS, endpoint: `${apiUrl}/_aws/events` }),
      state: { db: realDb, tableName: stateTable },
      clock: clock.now,
    });
    await sesFeedback.start();
    const work = localWork({
      clock,
      bus,
      stream,
      queue,
      scheduler,
      schedules,
      stepFunctions,
      sesFeedback,
      ...(tierSchedule ? { tierSchedule } : {}),
    });
    routes = localRoutes({
      clock,
      bus,
      scheduler,
      queue,
      stream,
      advanceTo: work.advanceTo,
      sesUrl: ses.url,
    });

    let ticking = false;
    const ticker =
      options.tickMs === false
        ? undefined
        : setInterval(() => {
            if (ticking) return;
            ticking = true;
            // Real time moves the clock too: fire what fell due, deliver what became visible.
            work
              .catchUp()
              .catch((error) => console.error('[local runtime] a tick failed:', error))
              .finally(() => {
                ticking = false;
              });
          }, options.tickMs);
    started.push({ stop: async () => clearInterval(ticker) });
    return {
      apiUrl,
      sesUrl: ses.url,
      /** End User Messaging SMS, locally: what it was sent (also `GET /_local/sms`). */
      sms,
      dynamoEndpoint: dynamo.endpoint,
      /** Processes this runtime started (DynamoDB Local's guardian), for the lock file. */
      childPids: [dynamo.pid],
      tableName: options.tableName,
      clock,
      bus,
      queue,
      scheduler,
      stream,
      workflows,
      /** The handlers, as Lambda would run them (tests invoke them directly to replay deliveries). */
      functions,
      stepFunctions,
      /** Start a tier recalculation and wait for its summary (the API and the CLI use it). */
      tierRuns,
      advanceTo: work.advanceTo,
      advanceBy: (ms: number) => work.advanceTo(new Date(clock.now().getTime() + ms)),
      settle: work.settle,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function starting() {
  return { statusCode: 503, body: JSON.stringify({ error: 'starting', message: 'try again' }) };
}
