import type { Enrollment } from './enrollment.ts';
import type { Group } from './holdout.ts';

/** The switch an operator set for one automation (the file's `enabled` is the default without one). */
export interface AutomationSwitch {
  readonly automationId: string;
  readonly enabled: boolean;
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
}

/** Enable/disable without a redeploy: the switches and every change, with who and when. */
export interface AutomationSwitchStore {
  /** Every switch set, by automation id (one read: the engine and dispatcher call it per invocation). */
  switches(): Promise<ReadonlyMap<string, AutomationSwitch>>;
  /** Sets the switch and appends the change to its history, together. */
  setSwitch(change: AutomationSwitch): Promise<void>;
  /** Newest first. */
  history(automationId: string, limit: number): Promise<AutomationSwitch[]>;
}

/** A new entry (or a replayed one, answered `replayed` and counted once). */
export interface EntryRecord {
  readonly enrollment: Enrollment;
  /** The enrollment as it was read before planning: the write is conditional on it. */
  readonly previousEventId?: string;
}

/** Entered, held out and converted, per group: what the automation report divides. */
export interface AutomationCounts {
  readonly entered: Readonly<Record<Group, number>>;
  readonly converted: Readonly<Record<Group, number>>;
}

/** Each customer's history with each automation, and the automation's running counts. */
export interface EnrollmentStore {
  /** All of one customer's enrollments (one Query of their partition). */
  enrollments(customerId: string): Promise<ReadonlyMap<string, Enrollment>>;
  /** Records an entry and counts it; `replayed` (nothing counted) when the event was recorded before. */
  recordEntry(record: EntryRecord): Promise<'recorded' | 'replayed'>;
  /** Marks the current entry converted and counts it, once; false when it already was. */
  recordConversion(enrollment: Enrollment, at: string): Promise<boolean>;
  /** Forgets pending schedule ids (after an exit cancelled them). */
  clearPending(customerId: string, automationId: string): Promise<void>;
  counts(automationId: string): Promise<AutomationCounts>;
}
