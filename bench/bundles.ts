import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import { FUNCTIONS } from '../functions/registry.ts';
import { BUNDLE_TARGET, ESBUILD_ARGS, ESM_REQUIRE_BANNER, MAIN_FIELDS } from '../infra/bundling.ts';
import { REPOSITORY_ROOT } from '../infra/paths.ts';

/**
 * Each Lambda bundle built as the CDK builds it (NodejsFunction runs the esbuild CLI with these
 * arguments, see aws-cdk-lib/aws-lambda-nodejs bundling), the workflow files copied beside it,
 * then imported in fresh Node processes: its size, its module-initialisation time, and where both go.
 */

export interface BundleOptions {
  /** Imports per function; the median is reported. */
  readonly runs: number;
  /** The extra esbuild flags (infra/bundling.ts ESBUILD_ARGS unless given). */
  readonly esbuildArgs?: Readonly<Record<string, string | boolean>>;
  /** Another checkout to build (experiments); the repository by default. */
  readonly root?: string;
  /** Only these functions. */
  readonly only?: readonly string[];
}

export interface BundleReport {
  readonly name: string;
  readonly bytes: number;
  /** Output bytes by package (esbuild metafile), largest first. */
  readonly byPackage: readonly [string, number][];
  /** Output bytes of modules reached only through `import()`: parsed at init, never run there. */
  readonly dynamicOnlyBytes: number;
  /** Import times in ms, as deployed (NODE_OPTIONS=--enable-source-maps), sorted. */
  readonly initMs: readonly number[];
  /** Import times without --enable-source-maps, sorted. */
  readonly initNoSourceMapsMs: readonly number[];
  /** Where one profiled import spent its time, in ms of samples, largest first. */
  readonly profile: readonly [string, number][];
  /** The same function built with the CDK's options alone (no ESBUILD_ARGS), as deployed. */
  readonly withoutArgs?: { readonly bytes: number; readonly initMs: readonly number[] };
}

export const median = (sorted: readonly number[]): number => {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** NodejsFunction's `esbuildArgs` to CLI flags (aws-cdk-lib's toCliArgsArray). */
export function toCliArgs(args: Readonly<Record<string, string | boolean>>): string[] {
  const respecified = ['--alias', '--drop', '--pure', '--log-override', '--out-extension'];
  return Object.entries(args).flatMap(([key, value]) => {
    if (value === true || value === '') return [key];
    if (respecified.includes(key)) return [`${key}:${value}`];
    return value ? [`${key}=${value}`] : [];
  });
}

/** The esbuild command line the CDK runs for a function (rapport-function.ts's bundling props). */
function esbuildCommand(entry: string, outDir: string, extra: Record<string, string | boolean>) {
  return [
    '--bundle',
    entry,
    `--target=${BUNDLE_TARGET}`,
    '--platform=node',
    '--format=esm',
    `--outfile=${join(outDir, 'index.mjs')}`,
    '--minify',
    '--sourcemap',
    '--sources-content=false',
    // Not set by the CDK; it only adds a file beside the bundle.
    `--metafile=${join(outDir, 'meta.json')}`,
    `--banner:js=${ESM_REQUIRE_BANNER}`,
    `--main-fields=${MAIN_FIELDS.join(',')}`,
    '--log-level=warning',
    ...toCliArgs(extra),
  ];
}

/** The afterBundling hook's copy: the catalog's files beside the bundle, under `workflows/`. */
function copyWorkflows(root: string, outDir: string): void {
  for (const entry of ['automations', 'templates', 'attributes.yaml']) {
    cpSync(join(root, 'workflows', entry), join(outDir, 'workflows', entry), { recursive: true });
  }
}

/**
 * Placeholder values for the variables a function's config schema requires (nothing connects at
 * import, so any well-formed value does); optional ones and those with defaults are left unset.
 */
export function placeholderEnvironment(schema: z.ZodType): Record<string, string> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  const env: Record<string, string> = {};
  for (const [name, field] of Object.entries(shape)) {
    if (field.safeParse(undefined).success) continue;
    if (name.endsWith('_ARN')) env[name] = 'arn:aws:sqs:us-east-1:123456789012:rapport-bench';
    else if (name.endsWith('_URL'))
      env[name] = 'https://sqs.us-east-1.amazonaws.com/123456789012/rapport-bench';
    else if (name.endsWith('_ADDRESS')) env[name] = 'rapport@example.com';
    else env[name] = 'rapport-bench';
  }
  const checked = schema.safeParse(env);
  if (!checked.success) {
    throw new Error(`no placeholder for: ${checked.error.issues.map((i) => i.path).join(', ')}`);
  }
  return env;
}

/** What Lambda sets for every function, with dummy credentials (nothing is called at import). */
const LAMBDA_ENVIRONMENT = {
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SESSION_TOKEN: 'bench',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/** Imports the bundle in a fresh process; answers the import's duration and its clock bounds. */
const IMPORT_SCRIPT = `
const url = process.argv[1];
const start = process.hrtime.bigint();
const before = performance.now();
const module = await import(url);
const ms = performance.now() - before;
const end = process.hrtime.bigint();
if (typeof module.handler !== 'function') throw new Error('no handler exported');
process.stdout.write(JSON.stringify({ ms, start: String(start / 1000n), end: String(end / 1000n) }));
`;

interface ImportRun {
  readonly ms: number;
  readonly start: number;
  readonly end: number;
}

function importOnce(
  bundle: string,
  env: Record<string, string>,
  nodeArgs: readonly string[],
): ImportRun {
  const child = spawnSync(
    process.execPath,
    [...nodeArgs, '--input-type=module', '-e', IMPORT_SCRIPT, pathToFileURL(bundle).href],
    {
      cwd: join(bundle, '..'),
      env: { PATH: process.env.PATH ?? '', LAMBDA_TASK_ROOT: join(bundle, '..'), ...env },
      encoding: 'utf8',
    },
  );
  if (child.status !== 0) throw new Error(`importing ${bundle} failed:\n${child.stderr}`);
  const { ms, start, end } = JSON.parse(child.stdout) as { ms: number; start: string; end: string };
  return { ms, start: Number(start), end: Number(end) };
}

export async function benchBundles(options: BundleOptions): Promise<BundleReport[]> {
  const root = options.root ?? REPOSITORY_ROOT;
  const args = options.esbuildArgs ?? ESBUILD_ARGS;
  const work = mkdtempSync(join(tmpdir(), 'rapport-bundles-'));
  try {
    return FUNCTIONS.filter(({ name }) => !options.only || options.only.includes(name)).map(
      (definition) => benchBundle(root, definition, args, options.runs, work),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function benchBundle(
  root: string,
  definition: (typeof FUNCTIONS)[number],
  args: Readonly<Record<string, string | boolean>>,
  runs: number,
  work: string,
): BundleReport {
  const { name } = definition;
  const bundle = buildBundle(root, name, join(work, name), args);
  const plain =
    Object.keys(args).length > 0
      ? buildBundle(root, name, join(work, `${name}-cdk-only`), {})
      : undefined;
  const env = { ...LAMBDA_ENVIRONMENT, ...placeholderEnvironment(definition.config as z.ZodType) };
  const deployed = { ...env, NODE_OPTIONS: '--enable-source-maps' };
  const initMs: number[] = [];
  const initNoSourceMapsMs: number[] = [];
  const plainMs: number[] = [];
  // Interleaved, so that a busy moment of the machine hits every variant alike.
  for (let run = 0; run < runs; run++) {
    initMs.push(importOnce(bundle, deployed, []).ms);
    initNoSourceMapsMs.push(importOnce(bundle, env, []).ms);
    if (plain) plainMs.push(importOnce(plain, deployed, []).ms);
  }
  const ascending = (a: number, b: number) => a - b;
  return {
    name,
    bytes: statSync(bundle).size,
    ...metafileFigures(join(bundle, '..', 'meta.json')),
    initMs: initMs.sort(ascending),
    initNoSourceMapsMs: initNoSourceMapsMs.sort(ascending),
    profile: profileImport(bundle, deployed, join(bundle, '..', 'profile')),
    ...(plain
      ? { withoutArgs: { bytes: statSync(plain).size, initMs: plainMs.sort(ascending) } }
      : {}),
  };
}

/** Builds `functions/<name>/handler.ts` into `outDir` as the CDK would; answers the bundle's path. */
function buildBundle(
  root: string,
  name: string,
  outDir: string,
  args: Readonly<Record<string, string | boolean>>,
): string {
  mkdirSync(outDir, { recursive: true });
  const entry = join(root, 'functions', name, 'handler.ts');
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  const build = spawnSync(esbuild, esbuildCommand(entry, outDir, { ...args }), {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`esbuild failed for ${name}:\n${build.stderr}`);
  copyWorkflows(root, outDir);
  return join(outDir, 'index.mjs');
}

interface Metafile {
  readonly inputs: Record<
    string,
    { imports: { path: string; kind: string; external?: boolean }[] }
  >;
  readonly outputs: Record<
    string,
    { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }
  >;
}

/** The package a source path belongs to: `zod`, `@smithy/core`, or Rapport's own folders. */
export function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match?.[1] === 'zod') return path.includes('/locales/') ? 'zod (locales)' : 'zod';
  if (match?.[1]) return match[1];
  const own = /(?:^|\/)(core|functions|workflows|infra)\//.exec(path);
  return own ? `rapport ${own[1]}/` : path;
}

function metafileFigures(path: string) {
  const meta = JSON.parse(readFileSync(path, 'utf8')) as Metafile;
  const output = Object.values(meta.outputs).find((each) => each.entryPoint);
  if (!output) throw new Error(`no entry point in ${path}`);
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  // Modules reachable from the entry through static imports run at init; the rest only on import().
  const entry = output.entryPoint as string;
  const staticallyReached = new Set<string>([entry]);
  const queue = [entry];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const { path: imported, kind, external } of meta.inputs[next]?.imports ?? []) {
      if (external || kind === 'dynamic-import' || staticallyReached.has(imported)) continue;
      staticallyReached.add(imported);
      queue.push(imported);
    }
  }
  let dynamicOnlyBytes = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (!staticallyReached.has(input)) dynamicOnlyBytes += bytesInOutput;
  }
  return {
    byPackage: [...byPackage].sort((a, b) => b[1] - a[1]),
    dynamicOnlyBytes,
  };
}

interface CpuProfile {
  readonly nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    positionTicks?: { line: number; ticks: number }[];
  }[];
  readonly startTime: number;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/**
 * One import under --cpu-prof, its samples between the import's start and end grouped: V8
 * compiling the bundle, Node loading its built-in modules, GC, and the bundle's own code by the
 * package each function comes from (through the bundle's source map).
 */
function profileImport(
  bundle: string,
  env: Record<string, string>,
  dir: string,
): [string, number][] {
  const run = importOnce(bundle, env, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    '--cpu-prof-interval=250',
  ]);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return [];
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const map = new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as SourceMapPayload);
  const bundleUrl = pathToFileURL(bundle).href;
  const bucketOf = new Map(
    profile.nodes.map((node) => [node.id, bucket(node.callFrame, bundleUrl, map)]),
  );
  const totals = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < run.start || at > run.end) return;
    const name = bucketOf.get(id) ?? 'other';
    totals.set(name, (totals.get(name) ?? 0) + delta / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

function bucket(
  frame: CpuProfile['nodes'][number]['callFrame'],
  bundleUrl: string,
  map: SourceMap,
) {
  const { functionName, url, lineNumber, columnNumber } = frame;
  if (url === bundleUrl) {
    // The bundle's top level holds every module's top-level statements (esbuild hoists them).
    if (lineNumber === 0 && columnNumber === 0) return 'module top-level statements';
    const entry = map.findEntry(lineNumber, columnNumber) as { originalSource?: string };
    return entry.originalSource ? packageOf(entry.originalSource) : 'esbuild module wrappers';
  }
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === 'compileSourceTextModule') return 'V8 compiling the bundle';
  if (url.startsWith('node:')) return 'Node built-in modules';
  return functionName === '' || functionName.startsWith('(') ? 'other' : functionName;
}
