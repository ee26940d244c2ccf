import { BatchWriteCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { fitBgNbd } from '../core/tiers/model/bg-nbd.ts';
import { runInProcess } from '../core/tiers/run-in-process.ts';
import { runTierStep } from '../core/tiers/steps.ts';
import { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { customerScanInput } from '../functions/adapters/dynamodb/tiers/customer-scan.ts';
import { dynamoTierStepDeps } from '../functions/adapters/dynamodb/tiers/step-deps.ts';
import { ensureTable, LOCAL_AWS } from '../local/dynamodb-local.ts';
import { readCdnowSummary } from '../local/tiers/cdnow.ts';
import { SyntheticCustomers, seedCustomers, syntheticHistories } from '../local/tiers/synthetic.ts';
import { loadTierPolicy } from '../workflows/tier-policy-loader.ts';
import type { Measurement } from './measure.ts';

const AS_OF = '2026-11-20T00:00:00.000Z';
const policy = loadTierPolicy();

const rate = (label: string, operations: number, ms: number): Measurement => ({
  label,
  operations,
  seconds: ms / 1000,
  perSecond: operations / (ms / 1000),
});

/**
 * Both passes over synthetic customers kept in columns (generating the columns is not counted;
 * turning them into history objects, once per pass, is: the workflow's scan does the same work).
 * CPU time beside the wall clock: on a shared machine the wall clock measures the neighbours too.
 */
export function benchTiersInProcess(customers: number) {
  const source = new SyntheticCustomers(customers, Date.parse(AS_OF));
  const cpu = process.threadCpuUsage();
  const started = performance.now();
  const run = runInProcess(
    source,
    { runId: 'bench', asOf: AS_OF, computedAt: AS_OF },
    policy,
    new Map(),
    { keepStates: false },
  );
  const ms = performance.now() - started;
  const used = process.threadCpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    measurement: {
      ...rate('tier run in process (customers)', customers, ms),
      perCpuSecond: customers / cpuSeconds,
    },
    cpuSeconds,
    counts: run.counts,
  };
}

/** The BG/NBD fit on the CDNOW summary: median of `runs` fits. */
export function benchBgNbdFit(runs = 5) {
  const data = readCdnowSummary();
  const times: number[] = [];
  let evaluations = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    evaluations = fitBgNbd(data).evaluations;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(runs / 2)] ?? 0, evaluations, customers: data.length };
}

/** How the DynamoDB Local part runs: the same concurrency for the tier run and the raw work. */
export interface DynamoBenchOptions {
  /** Parallel-scan segments, run at once as the workflow's Map runs them. @default 4 */
  readonly segments?: number;
  /**
   * Transactions in flight per segment; the raw work gets segments x this many writers. @default 1:
   * DynamoDB Local serialises writes, and more requests in flight only wait for its lock (at 32,
   * writes slowed several times over and requests passed the SDK's 5 s timeout).
   */
  readonly writeConcurrency?: number;
}

/**
 * A tier run over `customers` on DynamoDB Local (its steps as the workflow calls them, segments in
 * parallel), beside the raw work it cannot do with less, on the same table in the same run: a
 * parallel scan with the run's own requests (filter, projection, page size: reading whole items
 * took twice as long at 100,000 customers, which flattered the run) and one BatchWrite put per
 * customer of an item the size of a value state, with as
 * many requests in flight as the run has. DynamoDB Local is a JVM, and seeding warms its BatchWrite
 * path alone: cold, its transactions ran at a third of their compiled speed here (~450/s, then
 * ~1,200/s), so both kinds of write first run unmeasured (2,000 items each, on keys of their own),
 * and so does a sixteenth of the scan.
 */
export async function benchTiersDynamo(
  endpoint: string,
  customers: number,
  options: DynamoBenchOptions = {},
) {
  const { segments = 4, writeConcurrency = 1 } = options;
  const db = documentClient({ ...LOCAL_AWS, endpoint });
  try {
    const table = await seededTable(endpoint, db, 'bench-tiers', customers);
    await warmUp(db, table, 2000, segments * writeConcurrency);
    await warmUpScan(db, table);
    const { measurement: raw, steps: rawSteps } = await rawScanAndWrite(
      db,
      table,
      customers,
      segments,
      segments * writeConcurrency,
    );
    // Unmeasured: the run must scan the table the raw scan read, not one grown by the raw items
    // (DynamoDB Local's scans slow down as its table grows).
    await batchWriteAll(db, table, customers, segments * writeConcurrency, (i) => ({
      DeleteRequest: { Key: rawKey(i) },
    }));
    const { tier, steps } = await tierRun(db, table, customers, segments, writeConcurrency);
    return {
      raw,
      rawSteps,
      tier,
      ratio: raw.seconds / tier.seconds,
      steps,
      segments,
      writeConcurrency,
    };
  } finally {
    db.destroy();
  }
}

type Db = ReturnType<typeof documentClient>;

/**
 * The run's Scan requests over a sixteenth of the table, unmeasured: the raw scan runs first and
 * would otherwise pay for compiling DynamoDB Local's scan path alone (the run's first pass then took
 * half its time).
 */
async function warmUpScan(db: Db, tableName: string) {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand(customerScanInput(tableName, { segment: 0, of: 16 }, startKey)),
    );
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** `items` conditional transactional puts and as many BatchWrite puts, on keys nothing reads. */
async function warmUp(db: Db, tableName: string, items: number, writers: number) {
  const item = (kind: string, i: number) => ({
    PK: `BENCHWARM#${kind}${i}`,
    SK: 'STATE#value',
    entity: 'system-state',
    value: RAW_VALUE,
  });
  let next = 0;
  const writer = async () => {
    while (next < items) {
      const first = next;
      next += 50;
      const batch = Array.from({ length: Math.min(50, items - first) }, (_, i) => first + i);
      await db.send(
        new TransactWriteCommand({
          TransactItems: batch.map((i) => ({
            Put: {
              TableName: tableName,
              Item: item('t', i),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          })),
        }),
      );
      for (let i = 0; i < batch.length; i += 25) {
        await db.send(
          new BatchWriteCommand({
            RequestItems: {
              [tableName]: batch
                .slice(i, i + 25)
                .map((n) => ({ PutRequest: { Item: item('b', n) } })),
            },
          }),
        );
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}

async function seededTable(endpoint: string, db: Db, name: string, customers: number) {
  const tableName = `${name}-${Date.now()}`;
  await ensureTable(endpoint, tableName);
  await seedCustomers(db, tableName, syntheticHistories(customers, Date.parse(AS_OF)));
  return tableName;
}

async function tierRun(
  db: Db,
  tableName: string,
  customers: number,
  segments: number,
  writeConcurrency: number,
) {
  const deps = dynamoTierStepDeps(db, tableName, {
    clock: () => new Date(AS_OF),
    policy,
    segments,
    chunkMs: 600_000,
    writeConcurrency,
  });

  const started = performance.now();
  const start = (await runTierStep(deps, {
    step: 'start',
    request: { asOf: AS_OF, trigger: 'bench' },
  })) as { runId: string; attempt: number; segments: Record<string, unknown>[] };
  const run = { runId: start.runId, attempt: start.attempt };
  const pass = (step: 'summarise' | 'classify') =>
    Promise.all(
      start.segments.map(async (segment) => {
        let work = segment as never as { done?: boolean };
        do work = (await runTierStep(deps, { step, work } as never)) as { done?: boolean };
        while (work.done === false);
      }),
    );
  const steps: Record<string, number> = {};
  // Node's own CPU beside each step's wall clock: the rest is DynamoDB Local's (and waiting).
  const timed = async (name: string, work: () => Promise<unknown>) => {
    const from = performance.now();
    const cpu = process.cpuUsage();
    await work();
    steps[name] = Math.round(performance.now() - from);
    const used = process.cpuUsage(cpu);
    steps[`${name} node cpu`] = Math.round((used.user + used.system) / 1000);
  };
  await timed('summarise', () => pass('summarise'));
  await timed('plan', () => runTierStep(deps, { step: 'plan', run }));
  await timed('classify', () => pass('classify'));
  await timed('finish', () => runTierStep(deps, { step: 'finish', run }));
  const tier = rate(
    'tier run on DynamoDB Local (customers)',
    customers,
    performance.now() - started,
  );
  return { tier, steps };
}

/** What the run stores per customer, in size: a value state with its twenty figures. */
const RAW_VALUE = {
  tier: 'B',
  stage: 'relate',
  metrics: Object.fromEntries(
    [
      't1',
      'purchases12m',
      'purchaseOccasions',
      'recencyDays',
      'tenureDays',
      'equity',
      'baseline',
      'volumeRatio',
      'complaints12m',
      'conversations',
      'x',
      'tx',
      'T',
      'meanRepeatSpend',
      'pAlive',
      'expectedPurchases',
      'expectedSpend',
      'modelValue',
    ].map((key, i) => [key, 1234.567891 + i]),
  ),
  computedAt: AS_OF,
  runId: 'tiers-20261120T000000Z',
  asOf: AS_OF,
  alerts: { declining: false, lapsed: false, atRisk: false },
  revision: 1,
};

async function rawScanAndWrite(
  db: Db,
  tableName: string,
  customers: number,
  segments: number,
  writers: number,
) {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand(
            customerScanInput(tableName, { segment, of: segments }, ExclusiveStartKey),
          ),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }),
  );
  const scanned = performance.now();
  await batchWriteAll(db, tableName, customers, writers, (i) => ({
    PutRequest: { Item: { ...rawKey(i), entity: 'system-state', value: RAW_VALUE } },
  }));
  const ended = performance.now();
  return {
    measurement: rate('raw parallel scan + BatchWrite (customers)', customers, ended - started),
    steps: { scan: Math.round(scanned - started), write: Math.round(ended - scanned) },
  };
}

const rawKey = (i: number) => ({ PK: `BENCHRAW#${i}`, SK: 'STATE#value' });

/** `count` requests of BatchWrite, 25 at a time, by `writers` writers, unprocessed ones resent. */
async function batchWriteAll(
  db: Db,
  tableName: string,
  count: number,
  writers: number,
  request: (i: number) => Record<string, unknown>,
) {
  let next = 0;
  const writer = async () => {
    while (next < count) {
      const first = next;
      next += 25;
      let requests: unknown[] | undefined = Array.from(
        { length: Math.min(25, count - first) },
        (_, i) => request(first + i),
      );
      while (requests && requests.length > 0) {
        const out: { UnprocessedItems?: Record<string, unknown[]> } = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests as never } }),
        );
        requests = out.UnprocessedItems?.[tableName];
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}
