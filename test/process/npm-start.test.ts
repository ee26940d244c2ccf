import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { isAlive } from '../../local/lifecycle.ts';
import { assertPortFree, freePort, waitUntil } from '../../local/processes.ts';

/**
 * `npm start` as a user runs it, stopped the ways a user (or a process manager) stops it. After a
 * stop, no process it started may be left: not the runtime, not DynamoDB Local's JVM.
 */
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.pid && isAlive(child.pid)) child.kill('SIGKILL');
});

interface Ports {
  readonly api: number;
  readonly dynamo: number;
  readonly ses: number;
}

async function freePorts(): Promise<Ports> {
  return { api: await freePort(), dynamo: await freePort(), ses: await freePort() };
}

function npmStart(ports: Ports) {
  const child = spawn(
    'npm',
    [
      'start',
      '--',
      '--in-memory',
      '--api-port',
      String(ports.api),
      '--dynamo-port',
      String(ports.dynamo),
      '--ses-port',
      String(ports.ses),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN' } },
  );
  started.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, exited, output: () => output };
}

async function waitForOutput(run: ReturnType<typeof npmStart>, text: string): Promise<void> {
  await waitUntil(
    `"${text}" from npm start`,
    async () => {
      if (!run.output().includes(text)) throw new Error(run.output().slice(-1500));
    },
    // Starting compiles the runtime through tsx and starts a JVM: slow on a busy 2-core machine.
    150_000,
  );
}

/** Every process below `root`, from the process table (`ps` works on Linux and macOS). */
function descendants(root: number): number[] {
  const rows = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [pid, ppid] of rows) {
      if (ppid === parent) {
        found.push(pid);
        visit(pid);
      }
    }
  };
  visit(root);
  return found;
}

async function expectAllGone(pids: readonly number[]): Promise<void> {
  await waitUntil(
    'every process npm start started to exit',
    async () => {
      const alive = pids.filter(isAlive);
      if (alive.length > 0) throw new Error(`still running: ${alive.join(', ')}`);
    },
    20_000,
  );
}

describe('npm start stops cleanly however it is stopped', () => {
  it('leaves no child behind after SIGTERM to the npm process, and starts again on the same ports', async () => {
    const ports = await freePorts();
    const first = npmStart(ports);
    await waitForOutput(first, 'Rapport is running.');
    const tree = descendants(first.child.pid ?? 0);
    // The runtime, DynamoDB Local's guardian and its JVM at least.
    expect(tree.length).toBeGreaterThanOrEqual(3);

    first.child.kill('SIGTERM');
    await first.exited;

    await expectAllGone(tree);
    for (const port of [ports.api, ports.dynamo, ports.ses]) {
      await expect(assertPortFree(port, 'a port', '--flag')).resolves.toBeUndefined();
    }

    const second = npmStart(ports);
    await waitForOutput(second, 'Rapport is running.');
    const secondTree = descendants(second.child.pid ?? 0);
    second.child.kill('SIGINT');
    await second.exited;
    await expectAllGone(secondTree);
  }, 300_000);

  it('stops the JVM when the runtime is killed outright, and names a live runtime instead of colliding', async () => {
    const ports = await freePorts();
    const first = npmStart(ports);
    await waitForOutput(first, 'Rapport is running.');
    const tree = descendants(first.child.pid ?? 0);
    const runtimePid = tree.find((pid) =>
      execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).includes(
        'scripts/start.mjs',
      ),
    );
    expect(runtimePid).toBeDefined();

    const second = npmStart(ports);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`Rapport is already running as PID ${runtimePid}`);
    expect(second.output()).toContain(`kill ${runtimePid}`);

    process.kill(runtimePid ?? 0, 'SIGKILL');
    await expectAllGone(tree.filter((pid) => pid !== first.child.pid));
  }, 300_000);

  it('stops by itself when npm is killed outright (the parent dying)', async () => {
    const run = npmStart(await freePorts());
    await waitForOutput(run, 'Rapport is running.');
    const tree = descendants(run.child.pid ?? 0);

    run.child.kill('SIGKILL');

    await expectAllGone(tree);
  }, 300_000);
});
