import { join } from 'node:path';
import { inconsistencies, type SimulationReport, total } from '../../local/simulation/report.ts';
import { simulate } from '../../local/simulation/simulation.ts';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { intOption, type Parsed, parse, str, UsageError, withUsage } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';
import { progressReporter } from '../progress.ts';

export const SIMULATE_HELP = `Usage: npx rapport simulate [--customers <n>] [--days <n>] [--seed <n>] [options]

Generates a population (time zones, locales, channels, consent, holds, topic and frequency
preferences, interaction rates) and replays it over N days on a fast in-process clock through
Rapport's real engine and dispatcher (planning, holdout, re-entry, priority, the messaging
decision, deferral, fallback, retries) over in-memory stores. Then prints, per automation: planned,
sent per channel, deferred, suppressed and held per reason, held-out, failed, expired, skipped.
Same seed, same numbers.

Options:
  --customers <n>       population size (default 5000)
  --days <n>            days of activity (default 60); the clock then runs on until every
                        planned action has ended
  --seed <n>            the generator's seed (default 1)
  --start <date>        the first day, YYYY-MM-DD (default 2026-12-01)
  --include-disabled    run automations whose file says enabled: false too
  --workflows <dir>     the automations to run (default: workflows/)
  --json                print the report as JSON
  -h, --help            this help

Progress goes to stderr (a bar on a terminal, a line per 10 days otherwise).

Examples:
  npx rapport simulate --customers 5000 --days 60
  npx rapport simulate --customers 500 --days 30 --seed 7 --include-disabled`;

export async function simulateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, SIMULATE_HELP, async () => {
    const parsed = parse(argv, {
      customers: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      'include-disabled': { type: 'boolean' },
      workflows: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (parsed.values.help) {
      io.out(SIMULATE_HELP);
      return EXIT.ok;
    }
    const options = simulationOptions(parsed);
    const catalog = loadCatalog(str(parsed, 'workflows') ?? join(io.cwd, 'workflows'));
    const progress = progressReporter(io, 'simulating');
    const report = await simulate({
      ...options,
      catalog,
      onDay: (day, of) => progress(day, of, `day ${day}/${of}`),
    });
    progress.done();
    if (parsed.values.json === true) io.out(JSON.stringify(report, null, 2));
    else for (const line of formatReport(report)) io.out(line);
    const problems = inconsistencies(report);
    for (const problem of problems) io.err(`inconsistent: ${problem}`);
    return problems.length > 0 ? EXIT.findings : EXIT.ok;
  });
}

function simulationOptions(parsed: Parsed) {
  if (parsed.positionals.length > 0)
    throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  const startText = str(parsed, 'start') ?? '2026-12-01';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startText) || Number.isNaN(Date.parse(startText)))
    throw new UsageError(`--start must be a date written YYYY-MM-DD, got '${startText}'`);
  return {
    customers: intOption(str(parsed, 'customers'), 'customers', 5000, 1, 1_000_000),
    days: intOption(str(parsed, 'days'), 'days', 60, 1, 3660),
    seed: intOption(str(parsed, 'seed'), 'seed', 1, 0, 2 ** 32 - 1),
    start: new Date(`${startText}T00:00:00Z`),
    includeDisabled: parsed.values['include-disabled'] === true,
  };
}

const breakdown = (counter: Record<string, number>) =>
  Object.entries(counter)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');

type Row = SimulationReport['automations'][number];

const COLUMNS: readonly [string, (row: Row) => string | number][] = [
  ['automation', (row) => `${row.id}${row.enabledInFile ? '' : ' (off in file)'}`],
  ['planned', (row) => row.planned],
  ['sent', (row) => total(row.sent)],
  ['deferred', (row) => row.deferred],
  ['suppressed', (row) => total(row.suppressed)],
  ['held', (row) => total(row.held)],
  ['held-out', (row) => row.heldOut],
  ['failed', (row) => total(row.failed)],
  ['expired', (row) => row.expired],
  ['skipped', (row) => total(row.skipped) + total(row.notEntered)],
  ['in flight', (row) => row.inFlight],
];

/** The report as a table, then each automation's reasons. */
export function formatReport(report: SimulationReport): string[] {
  const header = COLUMNS.map(([title]) => title);
  const rows = report.automations.map((row) => COLUMNS.map(([, cell]) => String(cell(row))));
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  const out = [
    `Simulated ${report.customers} customers over ${report.days} days from ${report.start.slice(0, 10)} (seed ${report.seed}): ${report.events} events, clock stopped at ${report.simulatedUntil.slice(0, 16)}Z`,
    '',
    line(header),
    ...rows.map(line),
    '',
  ];
  for (const row of report.automations) {
    const parts = reasonLines(row);
    if (parts.length > 0) out.push(`${row.id}:`, ...parts.map((part) => `  ${part}`));
  }
  out.push(
    '',
    `Dead-lettered wake-ups: ${report.deadLettered}; engine errors: ${report.engineErrors}`,
    `Took ${report.seconds.toFixed(1)} s`,
  );
  return out;
}

function reasonLines(row: Row): string[] {
  const counted = (label: string, counter: Record<string, number>) =>
    total(counter) > 0 ? `${label}: ${breakdown(counter)}` : '';
  const entries = row.heldOut + row.planned;
  const converted = row.converted.treatment + row.converted.holdout;
  return [
    counted('sent', row.sent),
    row.deferred > 0
      ? `deferred: ${row.deferred} actions, ${row.deferrals} moves (each then ended as counted)`
      : '',
    counted('suppressed', row.suppressed),
    counted('held', row.held),
    counted('failed', row.failed),
    row.fallbacks > 0 ? `fell back to the next channel: ${row.fallbacks}` : '',
    counted('not entered', row.notEntered),
    counted('skipped after planning', row.skipped),
    row.heldOut > 0
      ? `holdout: ${row.heldOut} of ${entries} entries (${((100 * row.heldOut) / entries).toFixed(1)}%, share ${row.holdoutShare * 100}%)`
      : '',
    converted > 0
      ? `converted: ${row.converted.treatment}/${row.entered.treatment} treated, ${row.converted.holdout}/${row.entered.holdout} held out`
      : '',
  ].filter(Boolean);
}
