/**
 * What a command may touch of the outside world: its two output streams, whether stderr is a
 * terminal (for the progress bar), the working directory and the environment. Tests pass their
 * own and read what was written.
 */
export interface CliIo {
  /** One line of the command's result, on stdout. */
  out(text: string): void;
  /** One line of diagnostics or progress, on stderr. */
  err(text: string): void;
  /** Rewrites the current stderr line (a progress bar); only called when `isTTY`. */
  status?(text: string): void;
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    status: (text) => process.stderr.write(`\r\x1b[2K${text}`),
    isTTY: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/** An io that keeps what was written, for in-process tests and for commands run by other code. */
export function memoryIo(overrides: Partial<Pick<CliIo, 'cwd' | 'env' | 'isTTY'>> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = {
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    isTTY: false,
    cwd: process.cwd(),
    env: {},
    ...overrides,
  };
  return { io, stdout, stderr, text: () => stdout.join('\n'), errors: () => stderr.join('\n') };
}

/** Exit codes every command uses. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
