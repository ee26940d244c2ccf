import { cpus, loadavg, totalmem } from 'node:os';
import { startDynamoLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/processes.ts';
import { type BundleReport, benchBundles, median } from './bundles.ts';
import { benchIngest } from './ingest.ts';
import { report } from './measure.ts';
import { benchRuleEvaluation } from './rule-evaluation.ts';

// Figures, not pass/fail: compare runs on the same machine. Sizes can be raised with env vars.
const RULE_EVENTS = Number(process.env.BENCH_RULE_EVENTS ?? 500_000);
const INGEST_OPS = Number(process.env.BENCH_INGEST_OPS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BUNDLE_RUNS = Number(process.env.BENCH_BUNDLE_RUNS ?? 7);

const count = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const kb = (bytes: number) => `${count(bytes / 1024)} KB`;

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
console.log(
  `Rapport benchmarks on Node ${process.versions.node}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${loadavg()[0]?.toFixed(2)}`,
);

// `npm run bench -- tiers` runs the tier part alone (it takes minutes on its own).
const ONLY_TIERS = process.argv.slice(2).includes('tiers');

if (!ONLY_TIERS) {
  console.log(
    `\n[1/3] Rule evaluation, in process, one thread (${count(RULE_EVENTS)} events over 10,000 distinct ones)...`,
  );
  const rules = benchRuleEvaluation(RULE_EVENTS);
  console.log(report(rules.measurement));
  const triggers = [...rules.perTrigger].map(([trigger, n]) => `${n} on ${trigger}`).join(', ');
  console.log(`  automations: ${rules.automations} (${triggers})`);
  let events = 0;
  let matched = 0;
  const byTrigger: string[] = [];
  for (const [trigger, { events: n, planned }] of rules.matches) {
    events += n;
    matched += planned;
    byTrigger.push(`${trigger} ${count(planned / n, 2)} (${count((100 * n) / 10_000)}% of events)`);
  }
  console.log(
    `  planned actions per event: ${count(matched / events, 2)} on average; ${byTrigger.join(', ')}`,
  );
  console.log(report(rules.dueTimes.fast));
  console.log(report(rules.dueTimes.luxon));
  console.log(
    `  (due times of the planned actions, both ways: ${rules.dueTimes.identical ? 'identical' : 'DIFFERENT'}; the cached one is ${count(rules.dueTimes.fast.perSecond / rules.dueTimes.luxon.perSecond)}x faster)`,
  );

  console.log(
    `\n[2/3] Ingest against DynamoDB Local (${count(INGEST_OPS)} ops each, concurrency ${CONCURRENCY})...`,
  );
  console.log('  starting DynamoDB Local...');
  const dynamo = await startDynamoLocal(await freePort());
  try {
    const ingest = await benchIngest(dynamo.endpoint, INGEST_OPS, CONCURRENCY);
    console.log(report(ingest.raw));
    console.log(report(ingest.ingest, ingest.raw));
    console.log(report(ingest.replay, ingest.raw));
    const requests = (map: ReadonlyMap<string, number>) =>
      [...map].map(([operation, n]) => `${count(n, 2)} ${operation}`).join(', ');
    console.log(
      `  item writes per recorded interaction: ${count(ingest.writesPerInteraction, 2)} (counted on the client; requests: ${requests(ingest.requestsPerInteraction)})`,
    );
    console.log(
      `  item writes per replayed interaction: ${count(ingest.writesPerReplay, 2)} (requests: ${requests(ingest.requestsPerReplay)})`,
    );
  } finally {
    await dynamo.stop();
  }
}

// Tier recalculation (docs/tiers.md): `npm run bench -- --customers N` runs N in process and
// N / 10 on DynamoDB Local (default 1,000,000 and 100,000, as issue 8 sets them);
// `--dynamo-customers M` sets the DynamoDB Local part alone.
const TIER_CUSTOMERS = tierCustomers(process.argv.slice(2));
const DYNAMO_TIER_CUSTOMERS = tierCustomers(
  process.argv.slice(2),
  '--dynamo-customers',
  Math.round(TIER_CUSTOMERS / 10),
);
console.log(
  `\n[tiers] Tier recalculation: ${count(TIER_CUSTOMERS)} synthetic customers in process, the BG/NBD fit on CDNOW, ${count(DYNAMO_TIER_CUSTOMERS)} customers on DynamoDB Local (load average ${loadAverage()})...`,
);
{
  const { benchBgNbdFit, benchTiersDynamo, benchTiersInProcess } = await import('./tiers.ts');
  const inProcess = benchTiersInProcess(TIER_CUSTOMERS);
  console.log(report(inProcess.measurement));
  console.log(
    `  ${count(inProcess.measurement.seconds, 2)} s for ${count(TIER_CUSTOMERS)}, ${count(inProcess.cpuSeconds, 2)} s of CPU (target under 10 s for 1,000,000); load average ${loadAverage()}`,
  );
  const fit = benchBgNbdFit();
  console.log(
    `  BG/NBD fit on CDNOW (${count(fit.customers)} customers): ${count(fit.medianMs)} ms median, ${fit.evaluations} likelihood evaluations (target under 1 s)`,
  );
  console.log('  starting DynamoDB Local...');
  const tierDynamo = await startDynamoLocal(await freePort());
  try {
    const onTable = await benchTiersDynamo(tierDynamo.endpoint, DYNAMO_TIER_CUSTOMERS);
    console.log(
      `  tier run steps (ms): ${Object.entries(onTable.steps)
        .map(([step, ms]) => `${step} ${count(ms)}`)
        .join(
          ', ',
        )}; ${onTable.segments} segments, ${onTable.writeConcurrency} transaction(s) in flight each`,
    );
    console.log(report(onTable.raw));
    console.log(
      `  raw steps (ms): scan ${count(onTable.rawSteps.scan)}, BatchWrite ${count(onTable.rawSteps.write)}; conditional transactions of the same puts ${count(onTable.rawSteps.conditionalWrite)}`,
    );
    console.log(report(onTable.tier, onTable.raw));
    console.log(
      `  tier run / raw scan + BatchWrite: ${count(100 * onTable.ratio)}% (target at least 70%); / raw scan + conditional transactions: ${count(100 * onTable.ratioToConditional)}% (context); load average ${loadAverage()}`,
    );
  } finally {
    await tierDynamo.stop();
  }
}

function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
}

function tierCustomers(argv: readonly string[], flag = '--customers', fallback?: number): number {
  const at = argv.indexOf(flag);
  const value = Number(
    at >= 0 ? argv[at + 1] : (fallback ?? process.env.BENCH_TIER_CUSTOMERS ?? 1_000_000),
  );
  if (!Number.isInteger(value) || value < 1000) {
    throw new RangeError(`${flag} takes a whole number of at least 1000`);
  }
  return value;
}

if (!ONLY_TIERS) {
  console.log(
    `\n[3/3] Lambda bundles: built as the CDK builds them, imported in ${BUNDLE_RUNS} fresh processes each...`,
  );
  const bundles = await benchBundles({ runs: BUNDLE_RUNS });
  for (const bundle of bundles) printBundle(bundle);
  console.log(
    '  (init: median time to import the bundle, NODE_OPTIONS=--enable-source-maps as deployed; profile: one import, sampled)',
  );
}

function printBundle(bundle: BundleReport): void {
  const ms = (sorted: readonly number[]) => `${count(median(sorted))} ms`;
  console.log(
    `  ${bundle.name.padEnd(18)} ${kb(bundle.bytes).padStart(8)}  init ${ms(bundle.initMs)} (min ${count(bundle.initMs[0] ?? 0)}; without source maps ${ms(bundle.initNoSourceMapsMs)})`,
  );
  if (bundle.withoutArgs) {
    console.log(
      `    with the CDK options alone (no ESBUILD_ARGS): ${kb(bundle.withoutArgs.bytes)}, init ${ms(bundle.withoutArgs.initMs)}`,
    );
  }
  const top = bundle.byPackage
    .slice(0, 6)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
  console.log(`    bytes: ${top}; ${kb(bundle.dynamicOnlyBytes)} only behind import()`);
  const profiled = bundle.profile
    .slice(0, 7)
    .map(([name, spent]) => `${name} ${count(spent)} ms`)
    .join(', ');
  console.log(`    import profile: ${profiled}`);
}
