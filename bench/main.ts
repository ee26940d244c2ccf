import { cpus, totalmem } from 'node:os';
import { startDynamoLocal } from '../local/dynamodb-local.ts';
import { freePort } from '../local/processes.ts';
import { benchIngest } from './ingest.ts';
import { report } from './measure.ts';
import { benchRuleEvaluation } from './rule-evaluation.ts';

// Figures, not pass/fail: compare runs on the same machine. Sizes can be raised with env vars.
const RULE_EVENTS = Number(process.env.BENCH_RULE_EVENTS ?? 200_000);
const INGEST_OPS = Number(process.env.BENCH_INGEST_OPS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
console.log(
  `Rapport benchmarks on Node ${process.versions.node}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
);

console.log(
  `\n[1/2] Rule evaluation, in process (${RULE_EVENTS.toLocaleString('en-US')} interaction.recorded events)...`,
);
const rules = benchRuleEvaluation(RULE_EVENTS);
console.log(report(rules.measurement));
console.log(`  planned actions: ${rules.planned.toLocaleString('en-US')}`);

console.log(
  `\n[2/2] Ingest against DynamoDB Local (${INGEST_OPS.toLocaleString('en-US')} ops each, concurrency ${CONCURRENCY})...`,
);
console.log('  starting DynamoDB Local...');
const dynamo = await startDynamoLocal(await freePort());
try {
  const { raw, ingest, replay } = await benchIngest(dynamo.endpoint, INGEST_OPS, CONCURRENCY);
  console.log(report(raw));
  console.log(report(ingest, raw));
  console.log(report(replay, raw));
  console.log(
    '  (an ingest writes a transaction of 3 items: customer check, idempotency key, timeline entry, then marks the event published)',
  );
} finally {
  await dynamo.stop();
}
