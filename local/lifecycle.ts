import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * npm runs scripts through `sh -c`; `npm start` is `exec node ...`, so the shell becomes this
 * process and npm's forwarded SIGINT/SIGTERM reach it. Whatever killed npm (even SIGKILL), this
 * process would then carry on, orphaned, holding DynamoDB Local and the ports; so the runtime
 * watches its parent and grandparent and stops itself when either is gone. (Run another way,
 * e.g. through a shell that does not exec, the watch still sees the shell's parent go.)
 */
export function watchAncestors(onGone: (why: string) => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const grandparent = parentOf(parent);
  const timer = setInterval(() => {
    if (process.ppid !== parent) onGone(`its parent process (PID ${parent}) exited`);
    else if (grandparent !== undefined && grandparent > 1 && !isAlive(grandparent))
      onGone(`the process that started it (PID ${grandparent}) exited`);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function parentOf(pid: number): number | undefined {
  try {
    if (existsSync(`/proc/${pid}/stat`)) {
      // Field 4 of /proc/<pid>/stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }));
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LockRecord {
  readonly pid: number;
  readonly children: readonly number[];
  readonly startedAt: string;
  readonly ports: Readonly<Record<string, number>>;
}

/**
 * One running local Rapport per API port, recorded in a small file in the temp directory. A start
 * that finds a live earlier runtime, or a DynamoDB Local an earlier crash left behind, stops with
 * a message naming the PID and how to end it, instead of a bare "port in use".
 */
export class RuntimeLock {
  private readonly file: string;

  constructor(apiPort: number) {
    this.file = join(tmpdir(), `rapport-local-${apiPort}.json`);
  }

  /** Throws with a clear message when an earlier runtime or one of its children still runs. */
  acquire(ports: Readonly<Record<string, number>>): void {
    const earlier = this.read();
    if (earlier) {
      const running = [earlier.pid, ...earlier.children].filter(isAlive);
      if (running.includes(earlier.pid)) {
        throw new Error(
          `Rapport is already running as PID ${earlier.pid} (started ${earlier.startedAt}, ports ${describePorts(earlier.ports)}).\n` +
            `Use that one, or stop it first: kill ${earlier.pid}`,
        );
      }
      if (running.length > 0) {
        throw new Error(
          `An earlier Rapport (PID ${earlier.pid}) crashed and left process ${running.join(', ')} running (ports ${describePorts(earlier.ports)}).\n` +
            `Stop it, then start again: kill ${running.join(' ')}`,
        );
      }
    }
    this.write({ pid: process.pid, children: [], startedAt: new Date().toISOString(), ports });
  }

  /** Records the child processes, so a later start can name them if this one crashes. */
  recordChildren(children: readonly (number | undefined)[]): void {
    const current = this.read();
    if (current?.pid !== process.pid) return;
    this.write({ ...current, children: children.filter((pid) => pid !== undefined) });
  }

  release(): void {
    if (this.read()?.pid === process.pid) rmSync(this.file, { force: true });
  }

  private read(): LockRecord | undefined {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as LockRecord;
    } catch {
      return undefined;
    }
  }

  private write(record: LockRecord): void {
    writeFileSync(this.file, JSON.stringify(record));
  }
}

function describePorts(ports: Readonly<Record<string, number>>): string {
  return Object.entries(ports)
    .map(([name, port]) => `${name} ${port}`)
    .join(', ');
}
