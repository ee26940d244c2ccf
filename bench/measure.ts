import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly label: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /**
   * Operations per second of CPU time of this thread (synchronous runs): what one core does when
   * other processes share the machine, which wall-clock rates do not show.
   */
  readonly perCpuSecond?: number;
}

/** Runs `operation(i)` for i in [0, total) with `concurrency` in flight; returns the rate. */
export async function measureConcurrent(
  label: string,
  total: number,
  concurrency: number,
  operation: (index: number) => Promise<unknown>,
): Promise<Measurement> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) await operation(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return result(label, total, started);
}

export function measureSync(
  label: string,
  total: number,
  operation: (index: number) => unknown,
): Measurement {
  const cpu = threadCpuSeconds();
  const started = performance.now();
  for (let i = 0; i < total; i++) operation(i);
  return { ...result(label, total, started), perCpuSecond: total / (threadCpuSeconds() - cpu) };
}

function threadCpuSeconds(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1e6;
}

function result(label: string, operations: number, started: number): Measurement {
  const seconds = (performance.now() - started) / 1000;
  return { label, operations, seconds, perSecond: operations / seconds };
}

export function report(measurement: Measurement, baseline?: Measurement): string {
  const rate = `${Math.round(measurement.perSecond).toLocaleString('en-US')}/s`.padStart(12);
  const share = baseline
    ? `  (${((measurement.perSecond / baseline.perSecond) * 100).toFixed(0)}% of ${baseline.label})`
    : '';
  const cpu =
    measurement.perCpuSecond === undefined
      ? ''
      : `  (${Math.round(measurement.perCpuSecond).toLocaleString('en-US')}/s per CPU-second)`;
  return `  ${measurement.label.padEnd(44)} ${rate}  ${measurement.operations.toLocaleString('en-US')} ops in ${measurement.seconds.toFixed(2)} s${share}${cpu}`;
}
