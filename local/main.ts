import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { RuntimeLock, watchAncestors } from './lifecycle.ts';

const HELP = `Usage: npm start -- [options]

Starts Rapport locally: DynamoDB Local, a local SES v2 with its outbox page, the HTTP API, the event
bus, the scheduler and a clock you can move forward. No AWS account is needed.

Options:
  --api-port <n>      HTTP API port                        (default 4000, env RAPPORT_API_PORT)
  --dynamo-port <n>   DynamoDB Local port                  (default 8000, env RAPPORT_DYNAMO_PORT)
  --ses-port <n>      local SES port and outbox page       (default 8005, env RAPPORT_SES_PORT)
  --data-dir <path>   where data and the clock are kept    (default .rapport)
  --in-memory         keep nothing between runs
  --fresh             delete the data directory first
  --sender <address>  From address of the emails           (default rapport@example.com)
  --time-zone <zone>  zone for customers without one       (default UTC)
  --tier-schedule <cron>  when tier runs start on the local clock, EventBridge Scheduler's form,
                      or 'off'                             (default 'cron(0 3 ? * MON *)', UTC)
  --tier-time-zone <zone> the tier schedule's zone         (default UTC)
  -h, --help          show this help

Move the clock (from another terminal): npm run clock -- advance 1d   (see npm run clock -- --help)
Stop: Ctrl-C (or SIGTERM); DynamoDB Local and the API stop with it.`;

let values: ReturnType<typeof parseOptions>;
try {
  values = parseOptions();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
  process.exit(2);
}

function parseOptions() {
  return parseArgs({
    options: {
      'api-port': { type: 'string', default: process.env.RAPPORT_API_PORT ?? '4000' },
      'dynamo-port': { type: 'string', default: process.env.RAPPORT_DYNAMO_PORT ?? '8000' },
      'ses-port': { type: 'string', default: process.env.RAPPORT_SES_PORT ?? '8005' },
      'data-dir': { type: 'string', default: '.rapport' },
      'in-memory': { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      sender: { type: 'string', default: 'rapport@example.com' },
      'time-zone': { type: 'string', default: 'UTC' },
      'tier-schedule': { type: 'string', default: 'cron(0 3 ? * MON *)' },
      'tier-time-zone': { type: 'string', default: 'UTC' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

// Handlers log JSON per request in Lambda; locally only warnings, unless the user asks for more.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const { startLocalRuntime } = await import('./runtime.ts');

const port = (name: 'api-port' | 'dynamo-port' | 'ses-port') => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`--${name} must be a port number, got '${values[name]}'`);
    process.exit(2);
  }
  return value;
};
const ports = { api: port('api-port'), dynamodb: port('dynamo-port'), ses: port('ses-port') };

const lock = new RuntimeLock(ports.api);
try {
  lock.acquire(ports);
} catch (error) {
  console.error(`\nRapport could not start:\n${(error as Error).message}`);
  process.exit(1);
}

const dataDir = values['in-memory'] ? undefined : values['data-dir'];
if (values.fresh && dataDir) rmSync(dataDir, { recursive: true, force: true });

// Every way of stopping (Ctrl-C, SIGTERM, SIGHUP, the parent dying) ends here, once. A stop
// asked for while services are still starting waits for the start to finish, then stops them.
let stopRuntime: (() => Promise<void>) | undefined;
let stopping = false;
const finish = async () => {
  try {
    await stopRuntime?.();
    console.log('Stopped.');
  } finally {
    lock.release();
    process.exit(0);
  }
};
const stop = (why: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${why}: stopping DynamoDB Local, the local SES and the API...`);
  if (stopRuntime) void finish();
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => stop(signal));
}
watchAncestors((why) => stop(`Rapport's ${why.replace(/^its /, '')}`));

console.log('Starting Rapport locally (DynamoDB Local, local SES, HTTP API, bus, scheduler)...');
try {
  const runtime = await startLocalRuntime({
    apiPort: ports.api,
    dynamoPort: ports.dynamodb,
    sesPort: ports.ses,
    dataDir,
    tableName: 'rapport',
    sender: { address: values.sender, name: 'Rapport' },
    defaultTimeZone: values['time-zone'],
    tickMs: 1000,
    ...(values['tier-schedule'] === 'off'
      ? {}
      : {
          tierSchedule: {
            expression: values['tier-schedule'],
            timeZone: values['tier-time-zone'],
          },
        }),
  });
  stopRuntime = runtime.stop;
  lock.recordChildren(runtime.childPids);
  if (stopping) await finish();
  console.log(`
Rapport is running.
  HTTP API          ${runtime.apiUrl}          (POST /customers, POST /interactions, ...)
  Sent mail         ${runtime.sesUrl}/          (the local SES outbox; JSON at /store)
  Sent SMS          ${runtime.apiUrl}/_local/sms   (no SMS service runs locally: what End User Messaging was sent)
  DynamoDB Local    ${runtime.dynamoEndpoint}          (table '${runtime.tableName}')
  Local clock       ${runtime.clock.now().toISOString()}   (${runtime.apiUrl}/_local/clock)
  Data              ${dataDir ?? 'in memory'}

Move time forward:  npm run clock -- advance 1d
Stop:               Ctrl-C
`);
} catch (error) {
  console.error(
    `\nRapport could not start:\n${error instanceof Error ? error.message : String(error)}`,
  );
  lock.release();
  process.exit(1);
}
