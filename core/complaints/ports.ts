import type { ComplaintCase } from './case.ts';

/** Where cases are kept (functions/adapters/dynamodb/case-store.ts on DynamoDB). */
export interface CaseStore {
  /** Stores a new case unless its id is taken; then the stored case is returned instead. */
  create(c: ComplaintCase): Promise<'created' | ComplaintCase>;
  get(caseId: string): Promise<ComplaintCase | undefined>;
  /**
   * Replaces the case if it is still as it was read (`expected`: its history length, which every
   * change grows), so two writers never lose each other's entries; false when it changed meanwhile.
   */
  update(c: ComplaintCase, expected: number): Promise<boolean>;
  /** Every case not resolved yet, and the resolved ones opened since `since` (for indicators). */
  list(since: string): Promise<ComplaintCase[]>;
}
