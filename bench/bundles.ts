import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as z from 'zod';
import { FUNCTIONS } from '../functions/registry.ts';
import { BUNDLE_TARGET, ESBUILD_ARGS, ESM_REQUIRE_BANNER, MAIN_FIELDS } from '../infra/bundling.ts';
import { REPOSITORY_ROOT } from '../infra/paths.ts';
import { LAMBDA_ENVIRONMENT, placeholderEnvironment, secretArns } from './bundle-environment.ts';
import { importOnce } from './import-once.ts';
import { packageOf, profileImport } from './import-profile.ts';
import { startSecretsStandIn } from './secrets-stand-in.ts';

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

/** Imports the bundle in a fresh process; answers the import's duration and its clock bounds. */
export async function benchBundles(options: BundleOptions): Promise<BundleReport[]> {
  const root = options.root ?? REPOSITORY_ROOT;
  const args = options.esbuildArgs ?? ESBUILD_ARGS;
  const work = mkdtempSync(join(tmpdir(), 'rapport-bundles-'));
  const secrets = await startSecretsStandIn();
  try {
    return FUNCTIONS.filter(({ name }) => !options.only || options.only.includes(name)).map(
      (definition) => benchBundle(root, definition, args, options.runs, work, secrets.url),
    );
  } finally {
    secrets.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

function benchBundle(
  root: string,
  definition: (typeof FUNCTIONS)[number],
  args: Readonly<Record<string, string | boolean>>,
  runs: number,
  work: string,
  secretsUrl: string,
): BundleReport {
  const { name } = definition;
  const bundle = buildBundle(root, name, join(work, name), args);
  const plain =
    Object.keys(args).length > 0
      ? buildBundle(root, name, join(work, `${name}-cdk-only`), {})
      : undefined;
  const env = {
    ...LAMBDA_ENVIRONMENT,
    ...placeholderEnvironment(definition.config as z.ZodType),
    // Every optional *_SECRET_ARN too: a function that has one reads it at cold start.
    ...secretArns(definition.config as z.ZodType),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsUrl,
  };
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
