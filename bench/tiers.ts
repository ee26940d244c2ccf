import { fitBgNbd } from '../core/tiers/model/bg-nbd.ts';
import { runInProcess } from '../core/tiers/run-in-process.ts';
import { runTierStep } from '../core/tiers/steps.ts';
import { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { dynamoTierStepDeps } from '../functions/adapters/dynamodb/tiers/step-deps.ts';
import { ensureTable, LOCAL_AWS } from '../local/dynamodb-local.ts';
import { readCdnowSummary } from '../local/tiers/cdnow.ts';
import { SyntheticCustomers, seedCustomers, syntheticHistories } from '../local/tiers/synthetic.ts';
import { loadTierPolicy } from '../workflows/tier-policy-loader.ts';
import type { Measurement } from './measure.ts';
import { deleteAll, putAll, scanAll, warmUp } from './tier-raw-work.ts';

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
 * customer of an item the size of a value state, with as many requests in flight as the run has,
 * after a warm-up (tier-raw-work.ts). For context, the same puts as conditional transactions too:
 * the run's kind of write, which the target does not compare with.
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
    const writers = segments * writeConcurrency;
    await warmUp(db, table, 2000, writers);
    const scan = await scanAll(db, table, segments);
    const write = await timed(() => putAll(db, table, customers, writers, 'batch', rawKey('b')));
    // For context, not the target: the same puts with the run's kind of write.
    const conditionalWrite = await timed(() =>
      putAll(db, table, customers, writers, 'conditional-transactions', rawKey('t')),
    );
    await deleteAll(db, table, customers, writers, rawKey('b'));
    await deleteAll(db, table, customers, writers, rawKey('t'));
    const raw = rate('raw parallel scan + BatchWrite (customers)', customers, scan + write);
    const { tier, steps } = await tierRun(db, table, customers, segments, writeConcurrency);
    return {
      raw,
      rawSteps: {
        scan: Math.round(scan),
        write: Math.round(write),
        conditionalWrite: Math.round(conditionalWrite),
      },
      tier,
      ratio: raw.seconds / tier.seconds,
      ratioToConditional: (scan + conditionalWrite) / 1000 / tier.seconds,
      steps,
      segments,
      writeConcurrency,
    };
  } finally {
    db.destroy();
  }
}

type Db = ReturnType<typeof documentClient>;

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

const rawKey = (kind: string) => (i: number) => ({ PK: `BENCHRAW#${kind}${i}`, SK: 'STATE#value' });

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
