import { parseArgs } from 'node:util';

const HELP = `Usage: npm run clock -- [show | advance <duration> | to <instant>] [--api <url>]

Reads or moves the clock of a running local Rapport (npm start). Moving it fires every schedule
that falls due on the way, each at its own time, and prints what fired.

  npm run clock                                  show the local time
  npm run clock -- advance 1d                    move one day forward (also 19h, 30m, 1d2h, PT19H)
  npm run clock -- to 2026-11-24T10:00:00-05:00  move to an instant (with its offset)

Options:
  --api <url>   the local API (default http://127.0.0.1:4000, env RAPPORT_API_URL)`;

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        api: { type: 'string', default: process.env.RAPPORT_API_URL ?? 'http://127.0.0.1:4000' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    // `advance -1d` reaches here as an unknown option "-1".
    const negative = process.argv.slice(2).find((arg) => /^-\d/.test(arg));
    console.error(
      negative
        ? `The clock only moves forward: '${negative}' is negative. Give a positive duration such as 1d or 19h30m.`
        : `${error instanceof Error ? error.message : String(error)}\n\n${HELP}`,
    );
    process.exit(2);
  }
}

const { values, positionals } = parseCommandLine();
const [command = 'show', argument] = positionals;

if (
  values.help ||
  !['show', 'advance', 'to'].includes(command) ||
  (command !== 'show' && !argument)
) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}

const url = `${values.api}/_local/clock`;
try {
  const response =
    command === 'show'
      ? await fetch(url)
      : await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(command === 'advance' ? { advance: argument } : { to: argument }),
        });
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    console.error(`The clock did not move: ${String(body.message)}`);
    process.exit(1);
  }
  console.log(`Local time is now ${String(body.now)}`);
  const fired = (body.fired ?? []) as {
    name: string;
    dueAt: string;
    outcome: string;
    result?: { status?: string };
  }[];
  for (const schedule of fired) {
    console.log(
      `  fired ${schedule.name} (due ${schedule.dueAt}): ${schedule.result?.status ?? schedule.outcome}`,
    );
  }
  if (command !== 'show' && fired.length === 0) console.log('  nothing was due');
} catch (error) {
  console.error(
    `Could not reach the local runtime at ${values.api} (is npm start running?): ${String(error)}`,
  );
  process.exit(1);
}
