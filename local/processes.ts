import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Child processes this runtime started; all are killed on stop and on any exit of the parent. */
const children = new Set<ChildProcess>();
let exitHookInstalled = false;

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // On any exit of this process, tell the children to stop (DynamoDB Local's guardian then
    // stops the JVM); even without this, the guardian notices its stdin pipe closing.
    process.once('exit', () => {
      for (const running of children) running.kill('SIGTERM');
    });
  }
  return child;
}

export async function stopChild(child: ChildProcess, timeoutMs = 8000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Asks the OS for a free port (port 0), for tests that run beside other servers. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function assertPortFree(port: number, what: string, flag: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(
          `port ${port} for ${what} is already in use; stop what holds it or pick another with ${flag}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/** Polls until `probe` succeeds or the deadline passes, then throws with the last error. */
export async function waitUntil(
  what: string,
  probe: () => Promise<unknown>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${what} did not become ready within ${timeoutMs / 1000}s: ${String(lastError)}`);
}

/**
 * Waits until a child service answers `probe`. Its output is kept (the last few KB: the pipe is
 * drained for the child's whole life) so that a child that dies early explains why; a child that
 * never becomes ready is stopped.
 */
export async function waitForChild(
  child: ChildProcess,
  what: string,
  probe: () => Promise<unknown>,
): Promise<void> {
  let output = '';
  const keep = (chunk: Buffer | string) => {
    output = (output + chunk.toString()).slice(-4096);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  try {
    await waitUntil(what, async () => {
      if (child.exitCode !== null)
        throw new Error(`it exited with code ${child.exitCode}: ${output.trim()}`);
      await probe();
    });
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}
