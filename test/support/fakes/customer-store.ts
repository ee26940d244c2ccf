import {
  type ConsentChange,
  type ConsentMap,
  type ConsentRecord,
  supersedes,
} from '../../../core/customer/consent.ts';
import type { CustomerProfile } from '../../../core/customer/customer.ts';
import { type Customer, profileOf } from '../../../core/customer/customer-view.ts';
import {
  EMPTY_SYSTEM_STATE,
  type SystemPart,
  type SystemState,
} from '../../../core/customer/system-state.ts';
import { ConflictError, NotFoundError } from '../../../core/errors.ts';
import type { CustomerStore, Events } from '../../../core/ports.ts';
import { Outbox } from './outbox.ts';

const externalKey = (system: string, externalId: string) => `${system}\u0000${externalId}`;

/**
 * The CustomerStore port in memory, with the semantics of the DynamoDB store: the profile, each
 * consent decision in force, each part of the system state and each history entry are separate
 * records; a read composes them; every write is all or nothing and carries its events.
 */
export class InMemoryCustomerStore implements CustomerStore {
  private readonly profiles = new Map<string, CustomerProfile>();
  private readonly consent = new Map<string, ConsentMap>();
  private readonly state = new Map<string, Partial<Record<SystemPart, unknown>>>();
  private readonly history = new Map<string, ConsentChange[]>();
  private readonly externalIds = new Map<string, string>();

  constructor(readonly outbox: Outbox = new Outbox()) {}

  /** Test setup: puts a composed customer in place as if it had been stored, without a write. */
  seed(customer: Customer): void {
    const profile = profileOf(customer);
    this.profiles.set(profile.id, structuredClone(profile));
    for (const [system, externalId] of Object.entries(profile.externalIds)) {
      this.externalIds.set(externalKey(system, externalId), profile.id);
    }
    this.consent.set(profile.id, structuredClone(customer.consent));
    const { reachability, holds, value, survey } = customer;
    this.state.set(profile.id, structuredClone({ reachability, holds, value, survey }));
  }

  /** What Rapport computes (DynamoSystemStateStore.put): its own record, never the profile's. */
  async putSystemState<P extends SystemPart>(
    customerId: string,
    part: P,
    value: NonNullable<SystemState[P]>,
    events: Events = [],
  ): Promise<void> {
    this.state.set(customerId, { ...this.state.get(customerId), [part]: structuredClone(value) });
    this.outbox.record('putSystemState', customerId, events);
  }

  /** Whether a profile exists: the condition the interaction store checks in its transaction. */
  exists(customerId: string): boolean {
    return this.profiles.has(customerId);
  }

  async getCustomer(id: string): Promise<Customer | undefined> {
    const profile = this.profiles.get(id);
    if (!profile) return undefined;
    const state = Object.fromEntries(
      Object.entries(this.state.get(id) ?? {}).filter(([, value]) => value !== undefined),
    );
    return structuredClone({
      ...profile,
      consent: this.consent.get(id) ?? {},
      ...EMPTY_SYSTEM_STATE,
      ...state,
    } as Customer);
  }

  async findCustomerIdByExternalId(
    system: string,
    externalId: string,
  ): Promise<string | undefined> {
    return this.externalIds.get(externalKey(system, externalId));
  }

  async createCustomer(
    profile: CustomerProfile,
    consent: readonly ConsentChange[],
    events: Events,
  ): Promise<void> {
    if (this.profiles.has(profile.id)) {
      throw new ConflictError(
        `customer '${profile.id}' already exists; use PUT /customers/${profile.id} to replace it`,
      );
    }
    const mappings = Object.entries(profile.externalIds);
    this.refuseTaken(mappings);
    this.profiles.set(profile.id, structuredClone(profile));
    for (const [system, externalId] of mappings) {
      this.externalIds.set(externalKey(system, externalId), profile.id);
    }
    for (const change of consent) {
      this.putInForce(profile.id, change);
      this.log(profile.id, change);
    }
    this.outbox.record('createCustomer', profile.id, events);
  }

  async replaceProfile(
    next: CustomerProfile,
    previous: CustomerProfile,
    events: Events,
  ): Promise<void> {
    if (this.profiles.get(next.id)?.updatedAt !== previous.updatedAt) {
      throw new ConflictError(
        `customer '${next.id}' was changed by someone else meanwhile; read it again and retry`,
      );
    }
    const added = Object.entries(next.externalIds).filter(
      ([s, e]) => previous.externalIds[s] !== e,
    );
    const removed = Object.entries(previous.externalIds).filter(
      ([s, e]) => next.externalIds[s] !== e,
    );
    // A release is conditional on the mapping still naming this customer.
    const lost = removed.filter(([s, e]) => this.externalIds.get(externalKey(s, e)) !== next.id);
    if (lost.length > 0) {
      throw new ConflictError(`external ids of customer '${next.id}' changed meanwhile`);
    }
    this.refuseTaken(added);
    this.profiles.set(next.id, structuredClone(next));
    for (const [system, externalId] of removed) {
      this.externalIds.delete(externalKey(system, externalId));
    }
    for (const [system, externalId] of added) {
      this.externalIds.set(externalKey(system, externalId), next.id);
    }
    this.outbox.record('replaceProfile', next.id, events);
  }

  async recordConsent(
    customerId: string,
    change: ConsentChange,
    events: Events,
  ): Promise<'in-force' | 'history-only'> {
    if (!this.profiles.has(customerId)) throw new NotFoundError('customer', customerId);
    this.log(customerId, change);
    if (!supersedes(change, this.consent.get(customerId)?.[change.channel])) {
      // A newer decision is in force: this one is history, and its events are not written.
      this.outbox.record('recordConsent', customerId, []);
      return 'history-only';
    }
    this.putInForce(customerId, change);
    this.outbox.record('recordConsent', customerId, events);
    return 'in-force';
  }

  /** Newest first by when Rapport recorded it (then by change id), as the log's sort key orders. */
  async consentHistory(customerId: string, limit: number): Promise<ConsentChange[]> {
    const order = (change: ConsentChange) => `${change.recordedAt}#${change.changeId}`;
    return structuredClone(
      [...(this.history.get(customerId) ?? [])]
        .sort((a, b) => (order(a) < order(b) ? 1 : -1))
        .slice(0, limit),
    );
  }

  private refuseTaken(mappings: readonly [string, string][]): void {
    const taken = mappings.filter(([s, e]) => this.externalIds.has(externalKey(s, e)));
    if (taken.length > 0) {
      const names = taken.map(([s, e]) => `${s}:${e}`).join(', ');
      throw new ConflictError(`external id ${names} already belongs to another customer`);
    }
  }

  private putInForce(customerId: string, change: ConsentChange): void {
    const { status, source, at, by } = change;
    const record: ConsentRecord = { status, source, at, by };
    this.consent.set(customerId, { ...this.consent.get(customerId), [change.channel]: record });
  }

  private log(customerId: string, change: ConsentChange): void {
    this.history.set(customerId, [
      ...(this.history.get(customerId) ?? []),
      structuredClone(change),
    ]);
  }
}
