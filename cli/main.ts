import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type CliIo, EXIT } from './io.ts';

export type Command = (argv: readonly string[], io: CliIo) => Promise<number>;

interface Entry {
  readonly summary: string;
  /** Loaded on use, so `rapport validate` does not pay for the simulator's imports. */
  readonly load: () => Promise<Command>;
}

const COMMANDS: Record<string, Entry> = {
  validate: {
    summary:
      'check automations and templates: schema, templates, variables, reachability, overlaps',
    load: async () => (await import('./commands/validate.ts')).validateCommand,
  },
  preview: {
    summary: 'would an automation fire for a customer, when, on which channel, and the message',
    load: async () => (await import('./commands/preview.ts')).previewCommand,
  },
  simulate: {
    summary: 'replay a generated population over N days and count what each automation did',
    load: async () => (await import('./commands/simulate.ts')).simulateCommand,
  },
  why: {
    summary: "what fired for a customer, what was held back and why, in the customer's time",
    load: async () => (await import('./commands/why.ts')).whyCommand,
  },
  automations: {
    summary: 'list the automations with their effective state (file default or switch)',
    load: async () => (await import('./commands/lifecycle.ts')).automationsCommand,
  },
  enable: {
    summary: 'switch an automation on without a redeploy (recorded with who and why)',
    load: async () => (await import('./commands/lifecycle.ts')).enableCommand,
  },
  disable: {
    summary: 'switch an automation off; its in-flight schedules are skipped when they fire',
    load: async () => (await import('./commands/lifecycle.ts')).disableCommand,
  },
};

// The tier command is another capability's; mount it when its module is present.
const TIERS_MODULE = join(import.meta.dirname, 'commands', 'tiers.ts');
if (existsSync(TIERS_MODULE)) {
  COMMANDS.tiers = {
    summary: 'value tiers: predict, run in process, or start a run on a running Rapport',
    load: async () => {
      const module = (await import('./commands/tiers.ts' as string)) as { tiersCommand: Command };
      return module.tiersCommand;
    },
  };
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, entry]) => `  ${name.padEnd(width)}  ${entry.summary}`,
  );
  return `Usage: npx rapport <command> [options]

Rapport's automations as files: check, preview and simulate them, and ask why a customer got
(or did not get) a message.

Commands:
${lines.join('\n')}

Run \`npx rapport <command> --help\` for a command's options and examples.
Exit codes: 0 ok, 1 findings (validation errors, a failed request), 2 usage errors.
Docs: docs/cli.md`;
}

/** Runs one command line; answers the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    return help(name, rest[0], io);
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const near = Object.keys(COMMANDS).find((candidate) => closeTo(candidate, name));
    io.err(`error: unknown command '${name}'${near ? ` (did you mean '${near}'?)` : ''}\n`);
    io.err(mainHelp());
    return EXIT.usage;
  }
  try {
    return await (await entry.load())(rest, io);
  } catch (error) {
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.findings;
  }
}

/** `rapport` alone is a usage error (help on stderr); `--help` and `help [command]` are answers. */
function help(name: string | undefined, topic: string | undefined, io: CliIo): Promise<number> {
  if (name === 'help' && topic && COMMANDS[topic]) return runCli([topic, '--help'], io);
  if (name === undefined) {
    io.err(mainHelp());
    return Promise.resolve(EXIT.usage);
  }
  io.out(mainHelp());
  return Promise.resolve(EXIT.ok);
}

/** Same first letter and at most two edits apart: enough to catch `valdiate`. */
function closeTo(a: string, b: string): boolean {
  if (a[0] !== b[0]) return false;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        current + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return (row[b.length] ?? 99) <= 2;
}
