import { describe, expect, it } from 'vitest';
import { type CliIo, memoryIo } from '../../cli/io.ts';
import { runCli } from '../../cli/main.ts';
import { progressReporter } from '../../cli/progress.ts';
import { Catalog } from '../../core/catalog/catalog.ts';
import { inconsistencies, type SimulationReport, total } from '../../local/simulation/report.ts';
import { simulate } from '../../local/simulation/simulation.ts';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { anAutomation } from '../support/catalogs.ts';
import { REPO } from './run-cli.ts';

const start = new Date('2026-12-01T00:00:00Z');

describe('rapport simulate', () => {
  it('accounts for every planned action exactly once: sent, suppressed or held with a reason, failed, or skipped', async () => {
    const report = await simulate({
      catalog: loadCatalog(),
      customers: 300,
      days: 20,
      seed: 7,
      start,
      includeDisabled: true,
    });
    expect(inconsistencies(report)).toEqual([]);
    const all = sum(report, (row) => row.planned);
    expect(all).toBeGreaterThan(50);
    // The clock ran until nothing was waiting: deferred actions were all resolved.
    expect(sum(report, (row) => row.inFlight)).toBe(0);
    expect(sum(report, (row) => total(row.sent))).toBeGreaterThan(0);
    for (const row of report.automations) {
      for (const reason of [
        ...Object.keys(row.suppressed),
        ...Object.keys(row.held),
        ...Object.keys(row.failed),
      ]) {
        expect(reason, row.id).not.toBe('unspecified');
      }
    }
    expect(report.engineErrors).toBe(0);
  });

  it('gives the same counts for the same seed', async () => {
    const catalog = loadCatalog();
    const run = () =>
      simulate({ catalog, customers: 150, days: 10, seed: 42, start, includeDisabled: true });
    const [first, second] = [await run(), await run()];
    expect(strip(second)).toEqual(strip(first));
  });

  it('keeps a holdout share within tolerance of the automation’s setting', async () => {
    const holdout = anAutomation({
      id: 'thanks-with-holdout',
      holdout: 0.2,
      goal: {
        event: 'interaction.recorded',
        conditions: [{ fact: 'interaction.type', op: 'equals', value: 'purchase' }],
        within: 'P30D',
      },
      conditions: [],
      delay: { kind: 'after', duration: 'PT2H' },
    });
    const report = await simulate({
      catalog: catalogOf([holdout]),
      customers: 1500,
      days: 20,
      seed: 3,
      start,
    });
    const row = report.automations.find((a) => a.id === 'thanks-with-holdout');
    if (!row) throw new Error('no row');
    expect(inconsistencies(report)).toEqual([]);
    const entries = row.heldOut + row.planned;
    expect(entries).toBeGreaterThan(400);
    // Binomial standard error at 20% over this many entries is about 2 points; allow 3 of them.
    const share = row.heldOut / entries;
    expect(Math.abs(share - 0.2)).toBeLessThan(3 * Math.sqrt((0.2 * 0.8) / entries) + 0.02);
    expect(row.entered.holdout).toBeGreaterThan(0);
  });

  it('defers messages due in quiet hours and still ends every one of them', async () => {
    const late = anAutomation({
      id: 'late-evening-note',
      conditions: [],
      delay: { kind: 'after', duration: 'PT12H' },
    });
    const report = await simulate({
      catalog: catalogOf([late]),
      customers: 400,
      days: 10,
      seed: 11,
      start,
    });
    const row = report.automations.find((a) => a.id === 'late-evening-note');
    expect(row?.deferred).toBeGreaterThan(0);
    expect(row?.inFlight).toBe(0);
    expect(inconsistencies(report)).toEqual([]);
  });

  it('prints per-automation counts, the duration, and progress lines on stderr when not a terminal', async () => {
    const { io, text, errors } = memoryIo({ cwd: REPO });
    const code = await runCli(
      ['simulate', '--customers', '200', '--days', '10', '--seed', '5'],
      io,
    );
    expect(code).toBe(0);
    expect(text()).toMatch(
      /^automation\s+planned\s+sent\s+deferred\s+suppressed\s+held\s+held-out\s+failed\s+expired\s+skipped\s+in flight$/m,
    );
    expect(text()).toMatch(/^next-day-follow-up\s+\d+/m);
    expect(text()).toMatch(/^Took \d+\.\d s$/m);
    expect(errors()).toContain('simulating: 0% (day 0/10)');
    expect(errors()).toContain('simulating: 100% (day 10/10)');
  });

  it('redraws one progress bar in place on a terminal, and clears it at the end', () => {
    const drawn: string[] = [];
    const lines: string[] = [];
    const io: CliIo = {
      out: () => {},
      err: (text) => lines.push(text),
      status: (text) => drawn.push(text),
      isTTY: true,
      cwd: REPO,
      env: {},
    };
    const progress = progressReporter(io, 'simulating');
    progress(0, 4, 'day 0/4');
    progress(2, 4, 'day 2/4');
    progress.done();
    expect(drawn).toEqual([
      `simulating [${'.'.repeat(30)}] 0% day 0/4`,
      `simulating [${'#'.repeat(15)}${'.'.repeat(15)}] 50% day 2/4`,
      '',
    ]);
    expect(lines).toEqual([]);
  });

  it('refuses a bad option value with exit 2', async () => {
    const { io, errors } = memoryIo({ cwd: REPO });
    expect(await runCli(['simulate', '--customers', 'many'], io)).toBe(2);
    expect(errors()).toContain('--customers must be a whole number');
  });
});

function sum(
  report: SimulationReport,
  pick: (row: SimulationReport['automations'][number]) => number,
) {
  return report.automations.reduce((n, row) => n + pick(row), 0);
}

function strip(report: SimulationReport) {
  const { seconds: _seconds, ...rest } = report;
  return rest;
}

/** The automations with one template and quiet hours from 21:00 to 08:00, as shipped. */
function catalogOf(automations: readonly Record<string, unknown>[]): Catalog {
  return Catalog.build(
    {
      automations: automations.map((data, i) => ({ file: `automations/test-${i}.yaml`, data })),
      templates: [
        {
          file: 'templates/hello/en.yaml',
          templateId: 'hello',
          locale: 'en',
          data: { subject: 'Hello {{ customer.firstName }}', text: 'Hi {{ customer.firstName }}.' },
        },
      ],
      messaging: { file: 'messaging.yaml', data: { quietHours: { start: '21:00', end: '08:00' } } },
    },
    { fallbackLocale: 'en', senderName: 'Rapport' },
  );
}
