import { join } from 'node:path';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { TriggerEventType } from '../core/events.ts';
import { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { SesMailer } from '../functions/adapters/ses/ses-mailer.ts';
import { createEngineHandler } from '../functions/automation-engine/app.ts';
import { createDispatcherHandler } from '../functions/dispatcher/app.ts';
import { createIngestHandler } from '../functions/ingest-api/routes.ts';
import { dynamoStores, newId } from '../functions/shared/aws-deps.ts';
import { loadCatalog } from '../workflows/catalog-loader.ts';
import { type DynamoLocal, ensureTable, LOCAL_AWS, startDynamoLocal } from './dynamodb-local.ts';
import { startHttpServer } from './http-server.ts';
import { lambdaContext } from './lambda-context.ts';
import { LocalEventBus } from './local-bus.ts';
import { LocalClock } from './local-clock.ts';
import { localRoutes } from './local-routes.ts';
import { type FiredSchedule, LocalScheduler } from './local-scheduler.ts';
import { assertPortFree } from './processes.ts';
import { type SesLocal, startSesLocal } from './ses-local.ts';

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
  /** How often real time is checked for due schedules; `false` for a clock that only moves when told. */
  readonly tickMs: number | false;
}

export interface AdvanceResult {
  readonly now: string;
  readonly fired: readonly FiredSchedule[];
}

export type LocalRuntime = Awaited<ReturnType<typeof startLocalRuntime>>;

/**
 * Rapport on one machine: the real DynamoDB engine, a local SES v2, the HTTP API, the event bus and
 * the scheduler, wired to the very handlers that run in Lambda. Only the ports differ.
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
    const schedulerTable = `${options.tableName}-scheduler`;
    await ensureTable(dynamo.endpoint, options.tableName);
    await ensureTable(dynamo.endpoint, schedulerTable);

    const clock = new LocalClock({
      ...options.clock,
      stateFile: options.dataDir ? join(options.dataDir, 'clock.json') : undefined,
    });
    const db = documentClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    const stores = dynamoStores(options.tableName, db);
    const catalog = loadCatalog();
    const bus = new LocalEventBus(clock.now);
    const dispatcher = createDispatcherHandler({
      ...stores,
      catalog,
      mailer: new SesMailer(new SESv2Client({ ...LOCAL_AWS, endpoint: ses.url })),
      bus,
      clock: clock.now,
      sender: options.sender,
      maxAttempts: 3,
      leaseMs: 5 * 60_000,
    });
    const scheduler = new LocalScheduler(db, schedulerTable, (payload) =>
      dispatcher(payload, lambdaContext('rapport-dispatcher')),
    );
    const engine = createEngineHandler({
      ...stores,
      catalog,
      scheduler,
      bus,
      clock: clock.now,
      defaultTimeZone: options.defaultTimeZone,
    });
    bus.subscribe({
      name: 'automation-engine',
      detailTypes: new Set(TriggerEventType.options),
      target: (event) => engine(event, lambdaContext('rapport-automation-engine')),
    });
    const ingest = createIngestHandler({ ...stores, bus, clock: clock.now, newId });

    /** Moves time forward one due schedule at a time, so each fires at its own time. */
    const advanceTo = async (target: Date): Promise<AdvanceResult> => {
      if (target.getTime() < clock.now().getTime()) {
        throw new RangeError(
          `the clock only moves forward; it is already ${clock.now().toISOString()}`,
        );
      }
      const fired: FiredSchedule[] = [];
      await bus.settle();
      for (;;) {
        const [next] = await scheduler.pending();
        if (!next || Date.parse(next.dueAt) > target.getTime()) break;
        if (Date.parse(next.dueAt) > clock.now().getTime()) clock.advanceTo(new Date(next.dueAt));
        fired.push(...(await scheduler.fireDue(clock.now())));
        await bus.settle();
      }
      if (target.getTime() > clock.now().getTime()) clock.advanceTo(target);
      return { now: clock.now().toISOString(), fired };
    };

    const routes = localRoutes({ clock, bus, scheduler, advanceTo, sesUrl: ses.url });
    const server = await startHttpServer(
      options.apiPort,
      (event) => ingest(event, lambdaContext('rapport-ingest-api')),
      routes,
    );
    started.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const address = server.address();
    const apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.apiPort}`;

    const ticker =
      options.tickMs === false
        ? undefined
        : setInterval(() => void scheduler.fireDue(clock.now()), options.tickMs);
    started.push({ stop: async () => clearInterval(ticker) });
    return {
      apiUrl,
      sesUrl: ses.url,
      dynamoEndpoint: dynamo.endpoint,
      /** Processes this runtime started (DynamoDB Local's guardian), for the lock file. */
      childPids: [dynamo.pid],
      tableName: options.tableName,
      clock,
      bus,
      advanceTo,
      advanceBy: (ms: number) => advanceTo(new Date(clock.now().getTime() + ms)),
      settle: () => bus.settle(),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function dynamoService(options: LocalRuntimeOptions): Promise<DynamoLocal> {
  if (options.dynamoEndpoint)
    return { endpoint: options.dynamoEndpoint, pid: undefined, stop: async () => undefined };
  await assertPortFree(options.dynamoPort, 'DynamoDB Local', '--dynamo-port');
  return startDynamoLocal(options.dynamoPort, options.dataDir && join(options.dataDir, 'dynamodb'));
}

async function sesService(options: LocalRuntimeOptions): Promise<SesLocal> {
  if (options.sesUrl) return { url: options.sesUrl, stop: async () => undefined };
  await assertPortFree(options.sesPort, 'the local SES', '--ses-port');
  return startSesLocal(options.sesPort);
}
