import type { Customer } from '../../../core/customer/customer-view.ts';
import type {
  DeliveryFeedbackStore,
  DeliveryReport,
  SentMessageRef,
  SystemStateStore,
} from '../../../core/ports.ts';
import { InMemoryCustomerStore } from './customer-store.ts';

/**
 * The DeliveryFeedbackStore port in memory, with the DynamoDB store's condition: a report is put
 * only over no report or one whose status it replaces. Counts the writes that happened.
 */
export class InMemoryDeliveryFeedbackStore implements DeliveryFeedbackStore {
  private readonly sent = new Map<string, SentMessageRef>();
  private readonly reports = new Map<string, DeliveryReport>();
  writes = 0;

  /** Test setup: a message the dispatcher sent, under the provider's id. */
  seed(providerMessageId: string, ref: SentMessageRef): void {
    this.sent.set(providerMessageId, ref);
  }

  /** The report recorded on a message, if any. */
  reportOf(messageId: string): DeliveryReport | undefined {
    return this.reports.get(messageId);
  }

  async findByProviderId(providerMessageId: string): Promise<SentMessageRef | undefined> {
    return this.sent.get(providerMessageId);
  }

  async recordDelivery(
    ref: SentMessageRef,
    report: DeliveryReport,
    replaces: readonly DeliveryReport['status'][],
  ): Promise<boolean> {
    const current = this.reports.get(ref.messageId);
    if (current && !replaces.includes(current.status)) return false;
    this.reports.set(ref.messageId, structuredClone(report));
    this.writes += 1;
    return true;
  }
}

/** What delivery feedback reads and writes, in memory, with a count of system-state writes. */
export function feedbackWorld(customer: Customer) {
  const customers = new InMemoryCustomerStore();
  customers.seed(customer);
  const state = {
    writes: 0,
    put: async (...args: Parameters<SystemStateStore['put']>) => {
      state.writes += 1;
      await customers.putSystemState(...args);
    },
  };
  return { messages: new InMemoryDeliveryFeedbackStore(), customers, state };
}
