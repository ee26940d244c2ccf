import { readdirSync, readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importOnce } from './import-once.ts';

export function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match?.[1] === 'zod') return path.includes('/locales/') ? 'zod (locales)' : 'zod';
  if (match?.[1]) return match[1];
  const own = /(?:^|\/)(core|functions|workflows|infra)\//.exec(path);
  return own ? `rapport ${own[1]}/` : path;
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
export function profileImport(
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
