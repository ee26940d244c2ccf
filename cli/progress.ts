import type { CliIo } from './io.ts';

const WIDTH = 30;

/**
 * Progress on stderr: a bar redrawn in place on a terminal; plain lines (every tenth) otherwise,
 * so logs and CI output stay readable.
 */
export function progressReporter(io: CliIo, label: string) {
  let lastLine = -1;
  let drawn = false;
  const report = (done: number, of: number, detail: string) => {
    const share = of === 0 ? 1 : Math.min(1, done / of);
    if (io.isTTY && io.status) {
      const filled = Math.round(share * WIDTH);
      io.status(
        `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.round(share * 100)}% ${detail}`,
      );
      drawn = true;
      return;
    }
    const step = Math.floor(share * 10);
    if (step !== lastLine) {
      lastLine = step;
      io.err(`${label}: ${Math.round(share * 100)}% (${detail})`);
    }
  };
  return Object.assign(report, {
    done: () => {
      if (drawn && io.status) io.status('');
    },
  });
}
