import type { Customer } from '../../core/customer/customer-view.ts';
import type { Decision } from '../../core/messaging/decision.ts';
import { callApi } from '../api.ts';
import { apiUrl, parse, str, UsageError, withUsage } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';
import { explainReason } from '../reasons.ts';
import { localTime } from '../time.ts';

export const WHY_HELP = `Usage: npx rapport why <customer> [automation] [--api <url>]

What fired for a customer, what was held back and why (consent, caps, quiet hours, open
complaint, re-entry, holdout, priority, a switched-off automation), from the customer's decisions
(GET /customers/{id}/decisions), grouped by planned action, oldest first, in the customer's own
time zone.

Arguments:
  customer     the customer's Rapport id
  automation   only this automation's decisions

Options:
  --api <url>  the API (default http://127.0.0.1:4000, env RAPPORT_API_URL)
  --json       the decisions as JSON
  -h, --help   this help

Example:
  npx rapport why ana-garcia next-day-follow-up`;

const VERB: Record<string, string> = {
  sent: 'sent',
  deferred: 'deferred',
  held: 'held back',
  suppressed: 'not sent',
  failed: 'failed',
  fallback: 'fell back',
  skipped: 'skipped',
  expired: 'expired',
  'held-out': 'held out',
};

export async function whyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, WHY_HELP, async () => {
    const parsed = parse(argv, { api: { type: 'string' }, json: { type: 'boolean' } });
    if (parsed.values.help) {
      io.out(WHY_HELP);
      return EXIT.ok;
    }
    const [customerId, automationId, extra] = parsed.positionals;
    if (!customerId) throw new UsageError('name the customer');
    if (extra) throw new UsageError(`unexpected argument '${extra}'`);
    const api = apiUrl(io, str(parsed, 'api'));
    const id = encodeURIComponent(customerId);
    const [view, answer] = await Promise.all([
      callApi<{ customer: Customer }>(api, 'GET', `/customers/${id}`),
      callApi<{ decisions: Decision[] }>(
        api,
        'GET',
        `/customers/${id}/decisions${automationId ? `?automation=${encodeURIComponent(automationId)}` : ''}`,
      ),
    ]);
    if (parsed.values.json === true) {
      io.out(JSON.stringify(answer, null, 2));
      return EXIT.ok;
    }
    for (const line of formatWhy(view.customer, answer.decisions, automationId)) io.out(line);
    return EXIT.ok;
  });
}

/** Decisions grouped by planned action, each group and line in the customer's local time. */
export function formatWhy(
  customer: Customer,
  decisions: readonly Decision[],
  automationId?: string,
): string[] {
  const name = [customer.name.given, customer.name.family].filter(Boolean).join(' ');
  const zone = customer.timeZone ?? decisions[0]?.timeZone ?? 'UTC';
  const out = [
    `Customer ${customer.id} (${name}), times in ${zone}${customer.timeZone ? '' : ' (the default zone: the customer has none)'}`,
    `Now: ${standing(customer, zone)}`,
  ];
  if (decisions.length === 0) {
    const about = automationId ? ` for ${automationId}` : '';
    out.push('', `No decisions${about}: nothing was planned for this customer yet.`);
    return out;
  }
  const tally = new Map<string, number>();
  for (const list of byAction(decisions)) {
    const first = list[0] as Decision;
    out.push('', `${first.automationId} (${first.category}), action ${first.scheduleId}`);
    for (const decision of list) out.push(...decisionLines(decision, zone));
    const last = list[list.length - 1] as Decision;
    const key = last.outcome === 'deferred' ? 'waiting' : (VERB[last.outcome] ?? last.outcome);
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const counts = [...tally.entries()].map(([key, n]) => `${n} ${key}`);
  out.push('', `In all: ${counts.join(', ')}`);
  return out;
}

/** What holds for the customer today: consent per channel, holds, unsubscribed topics. */
function standing(customer: Customer, zone: string): string {
  const consent = Object.entries(customer.consent)
    .map(([channel, record]) => `${channel} ${record?.status}`)
    .join(', ');
  const parts = [`consent ${consent || 'none recorded (nothing can be sent)'}`];
  const { openCases, marketingHeldUntil } = customer.holds;
  if (openCases.length > 0) parts.push(`open complaint ${openCases.join(', ')} (marketing held)`);
  // Shown even when past: the local clock may differ from this machine's, and the date explains
  // holds recorded before it.
  if (marketingHeldUntil)
    parts.push(
      `marketing held (after a detractor answer) until ${localTime(marketingHeldUntil, zone)}`,
    );
  const left = Object.entries(customer.preferences?.topics ?? {})
    .filter(([, subscribed]) => subscribed === false)
    .map(([topic]) => topic);
  if (left.length > 0) parts.push(`unsubscribed from ${left.join(', ')}`);
  return parts.join('; ');
}

/** Oldest first, one list per planned action. */
function byAction(decisions: readonly Decision[]): Decision[][] {
  const groups = new Map<string, Decision[]>();
  for (const decision of [...decisions].reverse()) {
    const list = groups.get(decision.scheduleId) ?? [];
    list.push(decision);
    groups.set(decision.scheduleId, list);
  }
  return [...groups.values()];
}

function decisionLines(decision: Decision, zone: string): string[] {
  const verb = VERB[decision.outcome] ?? decision.outcome;
  const channel = decision.channel ? ` on ${decision.channel}` : '';
  const why = decision.reason ? `: ${explainReason(decision.reason)}` : '';
  const until = decision.until ? `; tried again ${localTime(decision.until, zone)}` : '';
  return [
    `  ${localTime(decision.at, zone)}  ${verb}${channel}${why}${until}`,
    ...(decision.skipped ?? []).map(
      (skip) => `      passed over ${skip.channel}: ${explainReason(skip.reason)}`,
    ),
  ];
}
