import { describe, expect, it } from 'vitest';
import { runInProcess } from '../../../core/tiers/run-in-process.ts';
import { type RunSummary, runTierStep, type SegmentWork } from '../../../core/tiers/steps.ts';
import type { documentClient } from '../../../functions/adapters/dynamodb/client.ts';
import { DynamoTierRunStore } from '../../../functions/adapters/dynamodb/tiers/run-store.ts';
import { dynamoTierStepDeps } from '../../../functions/adapters/dynamodb/tiers/step-deps.ts';
import { loadTierPolicy } from '../../../workflows/tier-policy-loader.ts';
import { freshTable } from '../../support/services.ts';
import { seedCustomers, syntheticHistories } from './seed.ts';
import { expectEachWrittenOnce, tableState } from './table-state.ts';

const AS_OF = '2026-11-20T00:00:00.000Z';
const COUNT = 300;
const CUSTOMERS = syntheticHistories(COUNT, Date.parse(AS_OF), 9);
const policy = loadTierPolicy();

/** The run's steps over one table; `chunkMs: 0` stops a chunk at the first point it can. */
function stepsOn(db: ReturnType<typeof documentClient>, tableName: string, chunkMs: number) {
  const deps = dynamoTierStepDeps(db, tableName, {
    // Small pages, so a chunk can stop after a few customers.
    scanPageItems: 40,
    clock: () => new Date(AS_OF),
    policy,
    segments: 2,
    chunkMs,
    writeConcurrency: 1,
    spillPieceSize: 20,
  });
  return (step: Parameters<typeof runTierStep>[1]) => runTierStep(deps, step);
}

describe('a tier run that scans the customers once', () => {
  it('ignores the stale spill pieces of a retried chunk and counts every customer once', async () => {
    // Prepare: segment 0's first chunk summarised twice, as a retry does. The first try reads the
    // whole segment (many pieces); the retry stops after a page or two and writes fewer, leaving
    // the first try's other pieces behind.
    const { tableName, endpoint, db } = await freshTable('tier-spill');
    await seedCustomers(db, tableName, CUSTOMERS);
    const patient = stepsOn(db, tableName, 60_000);
    const hasty = stepsOn(db, tableName, 0);
    const runs = new DynamoTierRunStore(db, tableName);
    const start = (await patient({ step: 'start', request: { asOf: AS_OF, trigger: 'test' } })) as {
      runId: string;
      attempt: number;
      segments: SegmentWork[];
    };
    const run = { runId: start.runId, attempt: start.attempt };
    const [segment0, segment1] = start.segments as [SegmentWork, SegmentWork];
    const firstTry = (await patient({ step: 'summarise', work: segment0 })) as SegmentWork;
    expect(firstTry.done).toBe(true);
    const retry = (await hasty({ step: 'summarise', work: segment0 })) as SegmentWork;
    expect(retry.done).toBe(false);
    const pieces = await runs.parts<unknown[]>(start.runId, '0001#spill#0#000000#');
    const summary = await runs.part<{ pieces: number }>(start.runId, '0001#summary#0#000000');

    // Act: the rest of the run, the second pass one piece per chunk
    let work = retry;
    while (work.done === false) work = (await patient({ step: 'summarise', work })) as SegmentWork;
    work = segment1;
    do work = (await patient({ step: 'summarise', work })) as SegmentWork;
    while (work.done === false);
    await patient({ step: 'plan', run });
    let classifyChunks = 0;
    for (const segment of start.segments) {
      work = segment;
      do {
        work = (await hasty({ step: 'classify', work })) as SegmentWork;
        classifyChunks++;
      } while (work.done === false);
    }
    const result = (await patient({ step: 'finish', run })) as RunSummary;

    // Assess: stale pieces were there; the run still matches the in-process run, every customer
    // written once, at revision 1, and each event once
    expect(summary?.pieces).toBeGreaterThan(0);
    expect(pieces.length).toBeGreaterThan(summary?.pieces ?? 0);
    expect(classifyChunks).toBeGreaterThan(start.segments.length);
    const expected = runInProcess(
      CUSTOMERS,
      { runId: start.runId, asOf: AS_OF, computedAt: AS_OF },
      policy,
    );
    expect(result.customers).toBe(COUNT);
    expect(result.tiers).toEqual(expected.counts.tiers);
    expect(result.stages).toEqual(expected.counts.stages);
    expect(result.alerts).toEqual(expected.counts.alerts);
    expect(result.events).toEqual(expected.counts.events);
    expect(result.firstTiers).toBe(COUNT);
    const table = await tableState(endpoint, tableName);
    db.destroy();
    expectEachWrittenOnce(table, COUNT, start.runId, expected.counts.events);
  });
});
