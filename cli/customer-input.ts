import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Customer } from '../core/customer/customer-view.ts';
import type { MessageRecord } from '../core/schedule.ts';
import { callApi } from './api.ts';
import { UsageError } from './args.ts';

export interface CustomerSource {
  readonly customer: Customer;
  /** Recent messages (for caps), when the store was asked. */
  readonly messages: readonly MessageRecord[];
  readonly from: string;
}

/**
 * A customer from a JSON file: the customer view as `GET /customers/{id}` returns it (`{ customer,
 * timeline }`) or just the customer. Fields a touchpoint may leave out get their defaults, so a
 * hand-written file needs only an id and a name.
 */
export function customerFromFile(path: string, cwd: string): CustomerSource {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(resolve(cwd, path), 'utf8'));
  } catch (error) {
    throw new UsageError(
      `--customer-file ${path}: ${error instanceof Error ? error.message : error}`,
    );
  }
  const body = json as { customer?: unknown; timeline?: { messages?: MessageRecord[] } };
  const raw = (body.customer ?? json) as Partial<Customer>;
  if (typeof raw.id !== 'string' || !raw.name?.given) {
    throw new UsageError(
      `--customer-file ${path}: needs at least "id" and "name": { "given": ... }`,
    );
  }
  return { customer: withDefaults(raw), messages: body.timeline?.messages ?? [], from: path };
}

/** A customer from the store, through the API. */
export async function customerFromApi(api: string, id: string): Promise<CustomerSource> {
  const view = await callApi<{ customer: Customer; timeline?: { messages?: MessageRecord[] } }>(
    api,
    'GET',
    `/customers/${encodeURIComponent(id)}`,
  );
  return {
    customer: withDefaults(view.customer),
    messages: view.timeline?.messages ?? [],
    from: `${api}/customers/${id}`,
  };
}

function withDefaults(raw: Partial<Customer>): Customer {
  const at = '2026-01-01T00:00:00.000Z';
  return {
    externalIds: {},
    locale: 'en',
    contact: {},
    channelPreferences: [],
    consent: {},
    attributes: {},
    reachability: {},
    createdAt: at,
    updatedAt: at,
    ...raw,
    holds: { openCases: [], ...raw.holds },
  } as Customer;
}
