import type { ComplaintCase } from '../../../core/complaints/case.ts';
import type { CaseStore } from '../../../core/complaints/ports.ts';

/** Cases in memory, with the DynamoDB store's rule: an update lands only on the history it read. */
export class InMemoryCaseStore implements CaseStore {
  readonly items = new Map<string, ComplaintCase>();
  /** Runs before the next update, as a writer that got there first would. */
  beforeNextUpdate: (() => void) | undefined;

  /** Test setup: a case as if stored. */
  put(c: ComplaintCase): void {
    this.items.set(c.caseId, structuredClone(c));
  }

  async create(c: ComplaintCase): Promise<'created' | ComplaintCase> {
    const found = this.items.get(c.caseId);
    if (found) return structuredClone(found);
    this.put(c);
    return 'created';
  }

  async get(caseId: string): Promise<ComplaintCase | undefined> {
    const found = this.items.get(caseId);
    return found && structuredClone(found);
  }

  async update(c: ComplaintCase, expected: number): Promise<boolean> {
    const writeFirst = this.beforeNextUpdate;
    this.beforeNextUpdate = undefined;
    writeFirst?.();
    if (this.items.get(c.caseId)?.history.length !== expected) return false;
    this.put(c);
    return true;
  }

  async list(since: string): Promise<ComplaintCase[]> {
    return [...this.items.values()]
      .filter((c) => c.status !== 'resolved' || c.openedAt >= since)
      .map((c) => structuredClone(c));
  }
}
