import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { stopChild, track, waitForChild } from './processes.ts';

export interface SesLocal {
  /** The SES v2 API endpoint; `${url}/` is the outbox web page, `${url}/store` its JSON. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts aws-ses-v2-local as its own process: Rapport reaches it over HTTP, as it would SES. */
export async function startSesLocal(port: number): Promise<SesLocal> {
  const cli = createRequire(import.meta.url).resolve('aws-ses-v2-local/dist/cli.js');
  const child = track(
    spawn(process.execPath, [cli, '--host', '127.0.0.1', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForChild(child, 'local SES', async () => {
    const response = await fetch(`${url}/health-check`);
    if (!response.ok) throw new Error(`health check answered ${response.status}`);
  });
  return { url, stop: () => stopChild(child) };
}
