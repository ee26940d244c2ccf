import type { ConsentChange } from '../../core/customer/consent.ts';
import type { CustomerProfile } from '../../core/customer/customer.ts';
import type { Customer } from '../../core/customer/customer-view.ts';
import type { SystemPart, SystemState } from '../../core/customer/system-state.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { CustomerStore, Events, SystemStateStore } from '../../core/ports.ts';

/**
 * Customers in memory for the simulator. Updates replace the stored object instead of changing
 * it, so a view the core holds never changes under it, and reads need no copy (the simulator
 * reads a customer for every event and every action).
 */
export class SimCustomerStore implements CustomerStore, SystemStateStore {
  private readonly customers = new Map<string, Customer>();

  constructor(private readonly written: (events: Events) => void = () => {}) {}

  add(customer: Customer): void {
    this.customers.set(customer.id, customer);
  }

  async getCustomer(id: string): Promise<Customer | undefined> {
    return this.customers.get(id);
  }

  async findCustomerIdByExternalId(): Promise<string | undefined> {
    return undefined;
  }

  async createCustomer(
    profile: CustomerProfile,
    _consent: readonly ConsentChange[],
    events: Events,
  ) {
    this.customers.set(profile.id, {
      ...profile,
      consent: {},
      reachability: {},
      holds: { openCases: [] },
    });
    this.written(events);
  }

  async replaceProfile(next: CustomerProfile, _previous: CustomerProfile, events: Events) {
    const current = this.customers.get(next.id);
    if (!current) throw new NotFoundError('customer', next.id);
    this.customers.set(next.id, { ...current, ...next });
    this.written(events);
  }

  async recordConsent(customerId: string, change: ConsentChange, events: Events) {
    const current = this.customers.get(customerId);
    if (!current) throw new NotFoundError('customer', customerId);
    const { status, source, at, by } = change;
    this.customers.set(customerId, {
      ...current,
      consent: { ...current.consent, [change.channel]: { status, source, at, by } },
    });
    this.written(events);
    return 'in-force' as const;
  }

  async consentHistory(): Promise<ConsentChange[]> {
    return [];
  }

  async put<P extends SystemPart>(
    customerId: string,
    part: P,
    value: NonNullable<SystemState[P]>,
    events: Events = [],
  ): Promise<void> {
    const current = this.customers.get(customerId);
    if (!current) throw new NotFoundError('customer', customerId);
    this.customers.set(customerId, { ...current, [part]: value });
    this.written(events);
  }
}
