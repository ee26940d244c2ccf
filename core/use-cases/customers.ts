import type { Channel } from '../channels.ts';
import type { ConsentChange, ConsentMap, ConsentRecord } from '../customer/consent.ts';
import { Consent, CustomerInput, type CustomerProfile } from '../customer/customer.ts';
import { type Customer, profileOf } from '../customer/customer-view.ts';
import { EMPTY_SYSTEM_STATE } from '../customer/system-state.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { Clock, CustomerStore, InteractionStore, Timeline } from '../ports.ts';
import { parseInput, rejectFuture } from './parse-input.ts';

export interface CustomerDeps {
  readonly customers: CustomerStore;
  readonly interactions: InteractionStore;
  readonly clock: Clock;
  readonly newId: () => string;
}

/** Who is calling: recorded with every consent decision (an IAM ARN on AWS). */
export interface Caller {
  readonly principal: string;
}

export interface CustomerView {
  readonly customer: Customer;
  readonly timeline: Timeline;
}

const TIMELINE_LENGTH = 20;
const CONSENT_HISTORY_LENGTH = 100;

/** Registers a new customer; the id is generated unless the caller brings its own. */
export async function registerCustomer(
  deps: CustomerDeps,
  body: unknown,
  caller: Caller,
): Promise<Customer> {
  const input = parseInput(CustomerInput, body);
  return create(deps, input.id ?? deps.newId(), input, caller);
}

/**
 * Creates or replaces the customer at `id` (PUT semantics). A replace changes the profile only:
 * consent has its own route and history, and what Rapport computes (tier, reachability, holds)
 * cannot be written by a touchpoint at all.
 */
export async function putCustomer(
  deps: CustomerDeps,
  id: string,
  body: unknown,
  caller: Caller,
): Promise<{ customer: Customer; created: boolean }> {
  const input = parseInput(CustomerInput, body);
  if (input.id !== undefined && input.id !== id) {
    throw new InvalidInputError(`body id '${input.id}' does not match the path id '${id}'`);
  }
  const previous = await deps.customers.getCustomer(id);
  if (!previous) return { customer: await create(deps, id, input, caller), created: true };
  if (Object.keys(input.consent).length > 0) {
    throw new InvalidInputError('consent cannot be changed by a profile update', [
      {
        code: 'custom',
        path: ['consent'],
        message: `record consent decisions with PUT /customers/${id}/consent/{channel}; each one is kept in the consent history`,
      },
    ]);
  }
  const { consent: _none, ...fields } = input;
  const now = deps.clock().toISOString();
  const before = profileOf(previous);
  const next: CustomerProfile = { ...fields, id, createdAt: before.createdAt, updatedAt: now };
  const event: DomainEvent = {
    id: `customer.updated:${id}:${now}`,
    type: 'customer.updated',
    occurredAt: now,
    data: { customerId: id, changed: changedFields(before, next) },
  };
  await deps.customers.replaceProfile(next, before, [event]);
  // The new profile as stored (a field the replace left out is gone), with what it cannot change.
  const { consent, reachability, holds, value, survey } = previous;
  const owned = {
    consent,
    reachability,
    holds,
    ...(value ? { value } : {}),
    ...(survey ? { survey } : {}),
  };
  return { customer: { ...next, ...owned }, created: false };
}

async function create(
  deps: CustomerDeps,
  id: string,
  input: CustomerInput & { consent: Partial<Record<Channel, Consent>> },
  caller: Caller,
): Promise<Customer> {
  const now = deps.clock();
  for (const [channel, consent] of Object.entries(input.consent)) {
    if (consent) rejectFuture(consent.at, now, ['consent', channel, 'at']);
  }
  const at = now.toISOString();
  const { consent, id: _id, ...fields } = input;
  const profile: CustomerProfile = {
    ...fields,
    id,
    createdAt: at,
    updatedAt: at,
  } as CustomerProfile;
  const changes = Object.entries(consent).flatMap(([channel, decision]) =>
    decision
      ? [
          consentChange(
            deps,
            channel as Channel,
            { ...decision, at: notAfter(decision.at, now) },
            caller,
            at,
          ),
        ]
      : [],
  );
  await deps.customers.createCustomer(profile, changes, [
    registered(profile),
    ...changes.map((change) => consentChanged(id, change)),
  ]);
  return { ...profile, consent: inForce(changes), ...EMPTY_SYSTEM_STATE };
}

export async function getCustomerView(deps: CustomerDeps, id: string): Promise<CustomerView> {
  const customer = await deps.customers.getCustomer(id);
  if (!customer) throw new NotFoundError('customer', id);
  return { customer, timeline: await deps.interactions.timeline(id, TIMELINE_LENGTH) };
}

export async function getCustomerByExternalId(
  deps: CustomerDeps,
  system: string,
  externalId: string,
): Promise<CustomerView> {
  const id = await deps.customers.findCustomerIdByExternalId(system, externalId);
  if (!id) throw new NotFoundError('customer with external id', `${system}:${externalId}`);
  return getCustomerView(deps, id);
}

const ConsentUpdate = Consent.extend({ at: Consent.shape.at.optional() }).strict();

/**
 * Records a consent decision for one channel. Opting out goes through the same call as opting in:
 * it must be as easy to leave as to join. Every decision is kept in the history with its source,
 * time and caller; it is put in force unless a more recent decision already is.
 */
export async function updateConsent(
  // Only what it uses, so the preferences page records decisions through this same path.
  deps: Pick<CustomerDeps, 'customers' | 'clock' | 'newId'>,
  customerId: string,
  channel: Channel,
  body: unknown,
  caller: Caller,
): Promise<{ customer: Customer; inForce: boolean }> {
  const update = parseInput(ConsentUpdate, body);
  const now = deps.clock();
  if (update.at) rejectFuture(update.at, now, ['at']);
  const customer = await deps.customers.getCustomer(customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const decision = {
    status: update.status,
    source: update.source,
    at: notAfter(update.at, now),
  };
  const change = consentChange(deps, channel, decision, caller, now.toISOString());
  const result = await deps.customers.recordConsent(customerId, change, [
    consentChanged(customerId, change),
  ]);
  const consent: ConsentMap =
    result === 'in-force' ? { ...customer.consent, [channel]: recordOf(change) } : customer.consent;
  return { customer: { ...customer, consent }, inForce: result === 'in-force' };
}

export async function getConsent(deps: CustomerDeps, customerId: string) {
  const customer = await deps.customers.getCustomer(customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  return {
    consent: customer.consent,
    history: await deps.customers.consentHistory(customerId, CONSENT_HISTORY_LENGTH),
  };
}

/**
 * When a decision is dated: as the caller says, but never after now. A decision dated ahead of
 * Rapport's clock (a touchpoint's clock running fast, within the accepted skew) would otherwise
 * outrank a later opt-out recorded as of now, and opting out must always work.
 */
function notAfter(at: string | undefined, now: Date): string {
  if (at === undefined || Date.parse(at) > now.getTime()) return now.toISOString();
  return at;
}

function consentChange(
  deps: Pick<CustomerDeps, 'newId'>,
  channel: Channel,
  decision: Consent,
  caller: Caller,
  recordedAt: string,
): ConsentChange {
  return { ...decision, channel, by: caller.principal, changeId: deps.newId(), recordedAt };
}

function recordOf({ status, source, at, by }: ConsentChange): ConsentRecord {
  return { status, source, at, by };
}

function inForce(changes: readonly ConsentChange[]): ConsentMap {
  return Object.fromEntries(changes.map((change) => [change.channel, recordOf(change)]));
}

function consentChanged(customerId: string, change: ConsentChange): DomainEvent {
  return {
    id: `consent.changed:${customerId}:${change.channel}:${change.changeId}`,
    type: 'consent.changed',
    occurredAt: change.recordedAt,
    data: {
      customerId,
      channel: change.channel,
      status: change.status,
      source: change.source,
      by: change.by,
    },
  };
}

function registered(profile: CustomerProfile): DomainEvent {
  return {
    id: `customer.registered:${profile.id}`,
    type: 'customer.registered',
    occurredAt: profile.createdAt,
    data: { customerId: profile.id },
  };
}

/** Top-level profile fields whose value changed, for `customer.updated`. */
function changedFields(before: CustomerProfile, after: CustomerProfile): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  keys.delete('updatedAt');
  return [...keys]
    .filter((key) => {
      const a = (before as Record<string, unknown>)[key];
      const b = (after as Record<string, unknown>)[key];
      return JSON.stringify(a) !== JSON.stringify(b);
    })
    .sort();
}
