import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { fitBgNbd } from '../core/tiers/model/bg-nbd.ts';
import { runInProcess } from '../core/tiers/run-in-process.ts';
import { runTierStep, type TierStepDeps } from '../core/tiers/steps.ts';
import { documentClient } from '../functions/adapters/dynamodb/client.ts';
import { DynamoCustomerScanner } from '../functions/adapters/dynamodb/tiers/customer-scan.ts';
import { DynamoTierRunStore } from '../functions/adapters/dynamodb/tiers/run-store.ts';
import { DynamoValueWriter } from '../functions/adapters/dynamodb/tiers/value-writer.ts';
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

/**
 * A tier run over `customers` on DynamoDB Local (its steps as the workflow calls them, segments in
 * parallel), beside the raw work it cannot do with less: a parallel scan of the same table and
 * one BatchWrite put per customer, measured in the same run on the same table.
 */
export async function benchTiersDynamo(endpoint: string, customers: number, segments = 4) {
  const tableName = `bench-tiers-${Date.now()}`;
  await ensureTable(endpoint, tableName);
  const db = documentClient({ ...LOCAL_AWS, endpoint });
  try {
    await seedCustomers(db, tableName, syntheticHistories(customers, Date.parse(AS_OF)));
    const raw = await rawScanAndWrite(db, tableName, customers, segments);
    const stopwatch = () => performance.now();
    const deps: TierStepDeps = {
      runs: new DynamoTierRunStore(db, tableName),
      scanner: new DynamoCustomerScanner(db, tableName, stopwatch),
      values: new DynamoValueWriter(db, tableName),
      clock: () => new Date(AS_OF),
      policy,
      segments,
      chunkMs: 600_000,
      stopwatch,
      writeConcurrency: 8,
    };
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
    const timed = async (name: string, work: () => Promise<unknown>) => {
      const from = performance.now();
      await work();
      steps[name] = Math.round(performance.now() - from);
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
    return { raw, tier, ratio: raw.seconds / tier.seconds, steps };
  } finally {
    db.destroy();
  }
}

async function rawScanAndWrite(
  db: ReturnType<typeof documentClient>,
  tableName: string,
  customers: number,
  segments: number,
): Promise<Measurement> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new ScanCommand({
            TableName: tableName,
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey,
          }),
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    }),
  );
  let next = 0;
  const writer = async () => {
    while (next < customers) {
      const first = next;
      next += 25;
      let request: unknown[] | undefined = Array.from(
        { length: Math.min(25, customers - first) },
        (_, i) => ({
          PutRequest: { Item: { PK: `BENCHRAW#${first + i}`, SK: 'VALUE', tier: 'B', n: i } },
        }),
      );
      while (request && request.length > 0) {
        const out: { UnprocessedItems?: Record<string, unknown[]> } = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: request as never } }),
        );
        request = out.UnprocessedItems?.[tableName];
      }
    }
  };
  await Promise.all(Array.from({ length: segments * 8 }, writer));
  return rate('raw parallel scan + BatchWrite (customers)', customers, performance.now() - started);
}
