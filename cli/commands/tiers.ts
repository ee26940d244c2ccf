import { parseArgs } from 'node:util';
import { runInProcess } from '../../core/tiers/run-in-process.ts';
import type { RunSummary } from '../../core/tiers/steps.ts';
import { DEFAULT_CDNOW_DIR, readCdnowMaster } from '../../local/tiers/cdnow.ts';
import { loadTierPolicy } from '../../workflows/tier-policy-loader.ts';
import { formatPredictions, formatRun } from './tiers-format.ts';

/** What the command writes to: its result on `out`, diagnostics on `err` (the CLI's CliIo fits). */
export interface TiersIo {
  out(line: string): void;
  err(line: string): void;
}

export const TIERS_HELP = `Usage: rapport tiers <predict|run|start> [options]

Value tiers, customer equity and predicted abandonment (docs/tiers.md).

  predict  P(alive), expected purchases and spend of given customers, from the purchase (BG/NBD)
           and spend (Gamma-Gamma) models fitted over every customer of the data
  run      a whole tier run in process: the Pareto split, movements, and the valuable customers
           declining, lapsed and at risk
  start    start a tier run on a running Rapport (npm start) through POST /tier-runs, wait for it
           and print its summary

Options:
  --data <path>      CDNOW_master.txt, or its folder          (default ${DEFAULT_CDNOW_DIR})
  --as-of <date>     the instant described; a bare date means the end of that day (UTC)
                     (predict/run default: the day after the data's last purchase; start: now)
  --customer <id>    a customer to predict (repeat for several)
  --api <url>        start: the Rapport API                    (default http://localhost:4000)
  --json             print JSON instead of text
  -h, --help         show this help

Examples:
  npm run tiers -- predict --as-of 1998-06-30 --customer 1 --customer 2
  npm run tiers -- run --as-of 1998-06-30
  npm run tiers -- start --as-of 2026-11-20`;

/** `1998-06-30` is the end of that day (the next midnight, UTC); a full instant is taken as is. */
export function asOfInstant(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? Date.parse(`${value}T00:00:00Z`) + 86_400_000
    : Date.parse(value);
  if (Number.isNaN(date))
    throw new UsageError(`--as-of '${value}' is not a date or an ISO instant`);
  return new Date(date).toISOString();
}

class UsageError extends Error {
  override name = 'UsageError';
}

export async function tiersCommand(argv: readonly string[], io: TiersIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${TIERS_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(TIERS_HELP);
    return 0;
  }
  try {
    switch (positionals[0]) {
      case 'predict':
      case 'run':
        return inProcess(positionals[0], values, io);
      case 'start':
        return await startOnApi(values, io);
      default:
        throw new UsageError(
          positionals[0] ? `unknown subcommand '${positionals[0]}'` : 'a subcommand is needed',
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${TIERS_HELP}`);
      return 2;
    }
    io.err(`rapport tiers: ${(error as Error).message}`);
    return 1;
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      'as-of': { type: 'string' },
      customer: { type: 'string', multiple: true },
      api: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
}

type Values = ReturnType<typeof parse>['values'];

function inProcess(command: 'predict' | 'run', values: Values, io: TiersIo): number {
  const customers = values.customer ?? [];
  if (command === 'predict' && customers.length === 0)
    throw new UsageError('predict needs at least one --customer <id>');
  const { asOf, run, ms } = runOver(values);
  if (command === 'run') {
    if (values.json) io.out(JSON.stringify({ asOf, plan: run.plan, ...run.counts }, null, 2));
    else for (const line of formatRun(asOf, run, ms)) io.out(line);
    return 0;
  }
  const rows = customers.flatMap((given) => {
    // CDNOW writes ids zero-padded to five digits: `--customer 1` means 00001.
    const id = [given, given.padStart(5, '0')].find((candidate) => run.states.has(candidate));
    const state = id === undefined ? undefined : run.states.get(id);
    if (id === undefined || !state) io.err(`no customer '${given}' in the data`);
    return id !== undefined && state ? [{ id, state }] : [];
  });
  if (values.json)
    io.out(JSON.stringify({ asOf, model: run.plan.model, customers: rows }, null, 2));
  else for (const line of formatPredictions(asOf, run.plan, rows)) io.out(line);
  return rows.length === customers.length ? 0 : 1;
}

/** Every customer of the data through both passes: the models are fitted on all of them. */
function runOver(values: Values) {
  const histories = readCdnowMaster(values.data ?? DEFAULT_CDNOW_DIR);
  let last = 0;
  for (const customer of histories)
    for (const event of customer.events) last = Math.max(last, event.at);
  const asOf = values['as-of']
    ? asOfInstant(values['as-of'])
    : new Date(last + 86_400_000).toISOString();
  const started = performance.now();
  const run = runInProcess(histories, { runId: 'cli', asOf, computedAt: asOf }, loadTierPolicy());
  return { asOf, run, ms: performance.now() - started };
}

async function startOnApi(values: Values, io: TiersIo): Promise<number> {
  const api = (values.api ?? 'http://localhost:4000').replace(/\/$/, '');
  const body = values['as-of'] ? { asOf: asOfInstant(values['as-of']) } : {};
  const started = await call<{ runId: string; status: string }>(api, 'POST', '/tier-runs', body);
  io.err(`tier run ${started.runId}: ${started.status}`);
  for (;;) {
    const run = await call<{ status: string; summary?: RunSummary; error?: unknown }>(
      api,
      'GET',
      `/tier-runs/${encodeURIComponent(started.runId)}`,
    );
    if (run.status !== 'RUNNING') {
      io.out(JSON.stringify(run, null, 2));
      return run.status === 'SUCCEEDED' ? 0 : 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function call<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new Error(`cannot reach ${base} (${String(error)}); is Rapport running (npm start)?`);
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}
