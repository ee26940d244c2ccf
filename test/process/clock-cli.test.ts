import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const clock = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'local/clock-cli.ts', ...args], { encoding: 'utf8' });

describe('npm run clock', () => {
  it('refuses to move backwards with a sentence, not a stack trace', () => {
    const result = clock('advance', '-1d');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain("The clock only moves forward: '-1d' is negative.");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('says where it tried when no local runtime is running', () => {
    const result = clock('advance', '1d', '--api', 'http://127.0.0.1:9');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'Could not reach the local runtime at http://127.0.0.1:9 (is npm start running?)',
    );
  });
});
