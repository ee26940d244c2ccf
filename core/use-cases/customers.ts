import type { Channel } from '../channels.ts';
import { Consent, type Customer, CustomerInput } from '../customer/customer.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { DomainEvent } from '../events.ts';
import type { Clock, CustomerStore, EventBus, InteractionStore, Timeline } from '../ports.ts';
import { parseInput, rejectFuture } from './parse-input.ts';

export interface CustomerDeps {
  readonly customers: CustomerStore;
  readonly interactions: InteractionStore;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly newId: () => string;
}

export interface CustomerView {
  readonly customer: Customer;
  readonly timeline: Timeline;
}

const TIMELINE_LENGTH = 20;

/** Registers a new customer; the id is generated unless the caller brings its own. */
export async function registerCustomer(deps: CustomerDeps, body: unknown): Promise<Customer> {
  const input = parseInput(CustomerInput, body);
  rejectFutureConsent(input, deps.clock());
  const now = deps.clock().toISOString();
  const customer: Customer = {
    ...input,
    id: input.id ?? deps.newId(),
    createdAt: now,
    updatedAt: now,
  };
  await deps.customers.createCustomer(customer);
  await deps.bus.publish([registered(customer)]);
  return customer;
}

/** Creates or replaces the customer at `id` (PUT semantics). */
export async function putCustomer(
  deps: CustomerDeps,
  id: string,
  body: unknown,
): Promise<{ customer: Customer; created: boolean }> {
  const input = parseInput(CustomerInput, body);
  rejectFutureConsent(input, deps.clock());
  if (input.id !== undefined && input.id !== id) {
    throw new InvalidInputError(`body id '${input.id}' does not match the path id '${id}'`);
  }
  const previous = await deps.customers.getCustomer(id);
  const now = deps.clock().toISOString();
  if (!previous) {
    const customer: Customer = { ...input, id, createdAt: now, updatedAt: now };
    await deps.customers.createCustomer(customer);
    await deps.bus.publish([registered(customer)]);
    return { customer, created: true };
  }
  const customer: Customer = { ...input, id, createdAt: previous.createdAt, updatedAt: now };
  await deps.customers.replaceCustomer(customer, previous);
  await deps.bus.publish([
    {
      id: `customer.updated:${id}:${now}`,
      type: 'customer.updated',
      occurredAt: now,
      data: { customerId: id },
    },
  ]);
  return { customer, created: false };
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
 * it must be as easy to leave as to join. Retries on a concurrent write instead of losing either.
 */
export async function updateConsent(
  deps: CustomerDeps,
  customerId: string,
  channel: Channel,
  body: unknown,
): Promise<Customer> {
  const update = parseInput(ConsentUpdate, body);
  if (update.at) rejectFuture(update.at, deps.clock(), ['at']);
  for (let attempt = 1; ; attempt++) {
    const previous = await deps.customers.getCustomer(customerId);
    if (!previous) throw new NotFoundError('customer', customerId);
    const now = deps.clock().toISOString();
    const consent = { status: update.status, source: update.source, at: update.at ?? now };
    const next: Customer = {
      ...previous,
      consent: { ...previous.consent, [channel]: consent },
      updatedAt: now,
    };
    try {
      await deps.customers.replaceCustomer(next, previous);
    } catch (error) {
      if (error instanceof ConflictError && attempt < 3) continue;
      throw error;
    }
    await deps.bus.publish([
      {
        id: `consent.changed:${customerId}:${channel}:${consent.at}`,
        type: 'consent.changed',
        occurredAt: now,
        data: { customerId, channel, status: consent.status, source: consent.source },
      },
    ]);
    return next;
  }
}

function registered(customer: Customer): DomainEvent {
  return {
    id: `customer.registered:${customer.id}`,
    type: 'customer.registered',
    occurredAt: customer.createdAt,
    data: { customerId: customer.id },
  };
}

function rejectFutureConsent(input: { consent: Customer['consent'] }, now: Date): void {
  for (const [channel, consent] of Object.entries(input.consent)) {
    if (consent) rejectFuture(consent.at, now, ['consent', channel, 'at']);
  }
}
