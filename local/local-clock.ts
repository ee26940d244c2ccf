import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Duration } from 'luxon';

/**
 * The local runtime's time: real time plus an offset that only grows (time never runs backwards,
 * as on AWS). Frozen clocks (tests) do not follow real time at all. The offset is saved so a
 * restarted runtime does not travel back before schedules it already fired.
 */
export class LocalClock {
  private offsetMs: number;
  private readonly frozenAt: number | undefined;
  private readonly stateFile: string | undefined;

  /**
   * `startAt` sets the time now (a saved offset is then ignored); `frozen` stops the clock
   * following real time; `stateFile` keeps the offset across restarts.
   */
  constructor(options: { startAt?: Date; frozen?: boolean; stateFile?: string } = {}) {
    const real = Date.now();
    this.stateFile = options.stateFile;
    this.frozenAt = options.frozen ? (options.startAt?.getTime() ?? real) : undefined;
    if (options.frozen) this.offsetMs = 0;
    else if (options.startAt) this.offsetMs = options.startAt.getTime() - real;
    else
      this.offsetMs =
        this.stateFile && existsSync(this.stateFile) ? readSavedOffset(this.stateFile) : 0;
  }

  readonly now = (): Date => new Date((this.frozenAt ?? Date.now()) + this.offsetMs);

  get offset(): number {
    return this.offsetMs;
  }

  advanceBy(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('the clock only moves forward: give a positive duration');
    this.offsetMs += ms;
    this.save();
    return this.now();
  }

  advanceTo(target: Date): Date {
    const delta = target.getTime() - this.now().getTime();
    if (delta < 0) throw new RangeError(`the clock is already past ${target.toISOString()}`);
    return this.advanceBy(delta);
  }

  private save(): void {
    if (!this.stateFile) return;
    mkdirSync(dirname(this.stateFile), { recursive: true });
    writeFileSync(this.stateFile, JSON.stringify({ offsetMs: this.offsetMs }));
  }
}

function readSavedOffset(file: string): number {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
  return typeof parsed.offsetMs === 'number' ? parsed.offsetMs : 0;
}

/** `P1D`, `PT19H` (ISO 8601) or the shorthand `1d`, `19h`, `30m`, `1d2h`. */
export function parseDuration(text: string): number {
  const iso = Duration.fromISO(text.toUpperCase());
  if (iso.isValid) return iso.toMillis();
  const parts = [...text.matchAll(/(\d+)\s*(d|h|m|s)/gi)];
  const units: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text.replace(/\s+/g, '')) {
    throw new RangeError(`'${text}' is not a duration; use e.g. 1d, 19h30m or PT19H`);
  }
  return parts.reduce(
    (total, [, amount, unit]) => total + Number(amount) * (units[(unit ?? 's').toLowerCase()] ?? 0),
    0,
  );
}
