import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.ts';
import { runCli } from '../../cli/main.ts';
import { REPO, runRapport } from './run-cli.ts';

const COMMANDS = ['validate', 'preview', 'simulate', 'why', 'automations', 'enable', 'disable'];

describe('rapport --help', () => {
  it('lists every command from the real entry point, exit 0', async () => {
    const run = await runRapport(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npx rapport <command> [options]');
    for (const command of COMMANDS)
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s+\\S`, 'm'));
  });

  it('answers --help on every command with its usage and exit 0', async () => {
    for (const command of COMMANDS) {
      const { io, text } = memoryIo({ cwd: REPO });
      expect(await runCli([command, '--help'], io), command).toBe(0);
      expect(text(), command).toContain(`Usage: npx rapport ${command}`);
    }
  });

  it('treats `rapport help <command>` as the command’s --help', async () => {
    const { io, text } = memoryIo({ cwd: REPO });
    expect(await runCli(['help', 'simulate'], io)).toBe(0);
    expect(text()).toContain('Usage: npx rapport simulate');
  });

  it('exits 2 with the usage when no command is given, and suggests a near one for a typo', async () => {
    const none = memoryIo({ cwd: REPO });
    expect(await runCli([], none.io)).toBe(2);
    expect(none.errors()).toContain('Commands:');
    const typo = memoryIo({ cwd: REPO });
    expect(await runCli(['valdiate'], typo.io)).toBe(2);
    expect(typo.errors()).toContain("unknown command 'valdiate' (did you mean 'validate'?)");
  });
});
