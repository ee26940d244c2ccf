import { join } from 'node:path';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { callApi } from '../api.ts';
import { apiUrl, type Parsed, parse, str, UsageError, withUsage } from '../args.ts';
import { customerFromApi, customerFromFile } from '../customer-input.ts';
import { type CliIo, EXIT } from '../io.ts';
import { previewEvent } from '../preview/event-input.ts';
import { explain } from '../preview/explain.ts';
import { formatPreview } from '../preview/format.ts';
import { didYouMean } from '../validate/finding.ts';

export const PREVIEW_HELP = `Usage: npx rapport preview <automation> (--customer-file <f.json> | --customer <id>) [options]

Would the automation fire for this customer, when (in the customer's local time and UTC), on which
channel and why (consent, reachability, preferences, quiet hours, send window, caps, holds), and
the rendered message. Runs the engine's and the dispatcher's own decisions; writes nothing.

Options:
  --customer-file <f>   a customer as JSON (GET /customers/{id}'s body, or the customer alone)
  --customer <id>       a customer in the store, read through the API
  --api <url>           the API for --customer (default http://127.0.0.1:4000, env RAPPORT_API_URL);
                        its local clock is "now"
  --event-file <f>      the triggering event as JSON (the whole event, or its data); default: the
                        trigger's sample from the event registry, happening now
  --at <instant>        evaluate at this instant (ISO 8601), e.g. 2026-11-23T19:30:00-05:00
  --default-zone <tz>   the zone for customers without one (default UTC)
  --workflows <dir>     the automations and templates (default: workflows/)
  -h, --help            this help

Examples:
  npx rapport preview next-day-follow-up --customer-file test/fixtures/customers/ana.json
  npx rapport preview next-day-follow-up --customer ana-garcia --event-file visit.json`;

export async function previewCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, PREVIEW_HELP, async () => {
    const parsed = parse(argv, {
      'customer-file': { type: 'string' },
      customer: { type: 'string' },
      api: { type: 'string' },
      'event-file': { type: 'string' },
      at: { type: 'string' },
      'default-zone': { type: 'string' },
      workflows: { type: 'string' },
    });
    if (parsed.values.help) {
      io.out(PREVIEW_HELP);
      return EXIT.ok;
    }
    const { id, file, customerId } = previewTarget(parsed);
    const catalog = loadCatalog(str(parsed, 'workflows') ?? join(io.cwd, 'workflows'));
    const automation = catalog.automation(id);
    if (!automation) {
      const ids = catalog.automations.map((a) => a.id);
      io.err(`error: no automation '${id}'; ${didYouMean(id, ids)}automations: ${ids.join(', ')}`);
      return EXIT.findings;
    }
    const api = apiUrl(io, str(parsed, 'api'));
    const source = file
      ? customerFromFile(file, io.cwd)
      : await customerFromApi(api, customerId ?? '');
    const now = await nowFor(str(parsed, 'at'), file ? undefined : api);
    const trigger = automation.trigger.event;
    const eventFile = str(parsed, 'event-file');
    const { event, from } = previewEvent(trigger, source.customer.id, now, eventFile, io.cwd);
    const preview = explain({
      catalog,
      automation,
      customer: source.customer,
      event,
      now,
      messages: source.messages,
      defaultTimeZone: str(parsed, 'default-zone') ?? 'UTC',
      senderName: 'Rapport',
    });
    const context = { customerFrom: source.from, eventFrom: from, now };
    for (const line of formatPreview(preview, source.customer, context)) io.out(line);
    return EXIT.ok;
  });
}

function previewTarget(parsed: Parsed) {
  const [id, extra] = parsed.positionals;
  if (!id) throw new UsageError('name the automation to preview');
  if (extra) throw new UsageError(`unexpected argument '${extra}'`);
  const file = str(parsed, 'customer-file');
  const customerId = str(parsed, 'customer');
  if ((file === undefined) === (customerId === undefined))
    throw new UsageError('give exactly one of --customer-file <f.json> or --customer <id>');
  return { id, file, customerId };
}

/** --at, else the local runtime's clock (it may have been moved forward), else this machine's. */
async function nowFor(at: string | undefined, api: string | undefined): Promise<Date> {
  if (at !== undefined) {
    const parsed = Date.parse(at);
    if (Number.isNaN(parsed)) throw new UsageError(`--at must be an ISO 8601 instant, got '${at}'`);
    return new Date(parsed);
  }
  if (api) {
    const clock = await callApi<{ now: string }>(api, 'GET', '/_local/clock').catch(
      () => undefined,
    );
    if (clock?.now) return new Date(clock.now);
  }
  return new Date();
}
