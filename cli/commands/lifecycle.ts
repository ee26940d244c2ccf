import { callApi } from '../api.ts';
import { apiUrl, parse, str, UsageError, withUsage } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';

interface Summary {
  readonly id: string;
  readonly category: string;
  readonly trigger: string;
  readonly action: string;
  readonly enabled: boolean;
  readonly enabledBy: 'file' | 'switch';
  readonly owner: string;
}

interface SwitchChange {
  readonly enabled: boolean;
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
}

type Detail = Summary & { readonly history: readonly SwitchChange[] };

const SWITCH_HELP = (
  verb: 'enable' | 'disable',
) => `Usage: npx rapport ${verb} <automation> --by <who> [--reason <text>] [--api <url>]

Switches an automation ${verb === 'enable' ? 'on' : 'off'} without a redeploy (PUT /automations/{id}/enabled). The change is
recorded with who, when and why. ${
  verb === 'disable'
    ? 'Actions already planned are skipped with the reason automation-disabled\nwhen they fall due; nothing new is planned.'
    : 'New events are planned from the next one on.'
}

Options:
  --by <who>       who decides (a person or a pipeline), required
  --reason <text>  why, kept in the history
  --api <url>      the API (default http://127.0.0.1:4000, env RAPPORT_API_URL)
  -h, --help       this help

Example:
  npx rapport ${verb} win-back --by ana@marketing --reason "${verb === 'enable' ? 'campaign approved' : 'pricing changes this week'}"`;

export const AUTOMATIONS_HELP = `Usage: npx rapport automations [<automation>] [--api <url>] [--json]

Lists the deployed automations with their effective state: on or off, and whether the file's
default or an operator's switch decides. With an id: that automation, the history of its switch
and its conversion report (treatment against holdout).

Options:
  --api <url>  the API (default http://127.0.0.1:4000, env RAPPORT_API_URL)
  --json       the API's answer as JSON
  -h, --help   this help`;

export const enableCommand = (argv: readonly string[], io: CliIo) => setSwitch(argv, io, true);
export const disableCommand = (argv: readonly string[], io: CliIo) => setSwitch(argv, io, false);

async function setSwitch(argv: readonly string[], io: CliIo, enabled: boolean): Promise<number> {
  const help = SWITCH_HELP(enabled ? 'enable' : 'disable');
  return withUsage(io, help, async () => {
    const request = switchRequest(argv);
    if (request === 'help') {
      io.out(help);
      return EXIT.ok;
    }
    const { id, by, reason, api } = request;
    const detail = await callApi<Detail>(
      apiUrl(io, api),
      'PUT',
      `/automations/${encodeURIComponent(id)}/enabled`,
      { enabled, by, ...(reason ? { reason } : {}) },
    );
    io.out(
      `${detail.id} is now ${detail.enabled ? 'on' : 'off'} (switch set by ${by}${reason ? `: ${reason}` : ''})`,
    );
    if (!enabled)
      io.out('Actions already planned will be skipped (automation-disabled) when they fall due.');
    return EXIT.ok;
  });
}

function switchRequest(argv: readonly string[]) {
  const parsed = parse(argv, {
    by: { type: 'string' },
    reason: { type: 'string' },
    api: { type: 'string' },
  });
  if (parsed.values.help) return 'help' as const;
  const [id, extra] = parsed.positionals;
  if (!id) throw new UsageError('name the automation');
  if (extra) throw new UsageError(`unexpected argument '${extra}'`);
  const by = str(parsed, 'by');
  if (!by)
    throw new UsageError('--by <who> is required: every change is recorded with who made it');
  return { id, by, reason: str(parsed, 'reason'), api: str(parsed, 'api') };
}

export async function automationsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, AUTOMATIONS_HELP, async () => {
    const parsed = parse(argv, { api: { type: 'string' }, json: { type: 'boolean' } });
    if (parsed.values.help) {
      io.out(AUTOMATIONS_HELP);
      return EXIT.ok;
    }
    const api = apiUrl(io, str(parsed, 'api'));
    const [id, extra] = parsed.positionals;
    if (extra) throw new UsageError(`unexpected argument '${extra}'`);
    if (id) return showOne(io, api, id, parsed.values.json === true);
    const { automations } = await callApi<{ automations: Summary[] }>(api, 'GET', '/automations');
    if (parsed.values.json === true) {
      io.out(JSON.stringify({ automations }, null, 2));
      return EXIT.ok;
    }
    const rows = automations.map((a) => [
      a.id,
      a.enabled ? 'on' : 'off',
      a.enabledBy,
      a.category,
      a.trigger,
      a.action,
      a.owner,
    ]);
    const header = ['automation', 'state', 'set by', 'category', 'trigger', 'action', 'owner'];
    const widths = header.map((h, i) =>
      Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
    );
    const line = (cells: readonly string[]) =>
      cells
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd();
    io.out(line(header));
    for (const row of rows) io.out(line(row));
    return EXIT.ok;
  });
}

async function showOne(io: CliIo, api: string, id: string, json: boolean): Promise<number> {
  const path = `/automations/${encodeURIComponent(id)}`;
  const [detail, report] = await Promise.all([
    callApi<Detail>(api, 'GET', path),
    callApi<Record<string, unknown>>(api, 'GET', `${path}/report`).catch(() => undefined),
  ]);
  if (json) {
    io.out(JSON.stringify({ ...detail, report }, null, 2));
    return EXIT.ok;
  }
  io.out(
    `${detail.id}: ${detail.enabled ? 'on' : 'off'} (${detail.enabledBy === 'switch' ? 'set by a switch' : "the file's default"})`,
  );
  io.out(`  ${detail.category}, on ${detail.trigger}, ${detail.action}; owner ${detail.owner}`);
  if (detail.history.length > 0) {
    io.out('  switch history (newest first):');
    for (const change of detail.history) {
      io.out(
        `    ${change.at}  ${change.enabled ? 'on ' : 'off'} by ${change.by}${change.reason ? `: ${change.reason}` : ''}`,
      );
    }
  }
  if (report) {
    const group = (g: unknown) => {
      const { entered, converted, rate } = (g ?? {}) as {
        entered?: number;
        converted?: number;
        rate?: number | null;
      };
      return `${converted ?? 0}/${entered ?? 0}${rate === null || rate === undefined ? '' : ` (${(rate * 100).toFixed(1)}%)`}`;
    };
    io.out(
      `  conversions: treatment ${group(report.treatment)}, holdout ${group(report.holdout)}; lift ${report.lift ?? 'n/a'}`,
    );
  }
  return EXIT.ok;
}
