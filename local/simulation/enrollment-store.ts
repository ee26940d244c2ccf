import type { Enrollment } from '../../core/automation/enrollment.ts';
import type { Group } from '../../core/automation/holdout.ts';
import type {
  AutomationCounts,
  EnrollmentStore,
  EntryRecord,
} from '../../core/automation/ports.ts';

type Counts = { entered: Record<Group, number>; converted: Record<Group, number> };

/** Enrollments and each automation's running counts, in memory (the DynamoDB store's semantics). */
export class SimEnrollmentStore implements EnrollmentStore {
  private readonly byCustomer = new Map<string, Map<string, Enrollment>>();
  private readonly tallies = new Map<string, Counts>();

  async enrollments(customerId: string): Promise<ReadonlyMap<string, Enrollment>> {
    return this.byCustomer.get(customerId) ?? new Map();
  }

  async recordEntry({ enrollment }: EntryRecord): Promise<'recorded' | 'replayed'> {
    const mine = this.byCustomer.get(enrollment.customerId) ?? new Map<string, Enrollment>();
    this.byCustomer.set(enrollment.customerId, mine);
    const existing = mine.get(enrollment.automationId);
    if (existing?.lastEventId === enrollment.lastEventId) return 'replayed';
    mine.set(enrollment.automationId, enrollment);
    this.countsOf(enrollment.automationId).entered[enrollment.group] += 1;
    return 'recorded';
  }

  async recordConversion(enrollment: Enrollment, at: string): Promise<boolean> {
    const mine = this.byCustomer.get(enrollment.customerId);
    const current = mine?.get(enrollment.automationId);
    if (!mine || !current || current.convertedAt !== undefined) return false;
    mine.set(enrollment.automationId, { ...current, convertedAt: at });
    this.countsOf(enrollment.automationId).converted[current.group] += 1;
    return true;
  }

  async clearPending(customerId: string, automationId: string): Promise<void> {
    const mine = this.byCustomer.get(customerId);
    const current = mine?.get(automationId);
    if (mine && current) mine.set(automationId, { ...current, pending: [] });
  }

  async counts(automationId: string): Promise<AutomationCounts> {
    return structuredClone(this.countsOf(automationId));
  }

  private countsOf(automationId: string): Counts {
    let counts = this.tallies.get(automationId);
    if (!counts) {
      counts = { entered: { treatment: 0, holdout: 0 }, converted: { treatment: 0, holdout: 0 } };
      this.tallies.set(automationId, counts);
    }
    return counts;
  }
}
