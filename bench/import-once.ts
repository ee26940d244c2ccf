import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

export interface ImportRun {
  readonly ms: number;
  readonly start: number;
  readonly end: number;
}

export function importOnce(
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
