import type { Channel } from '../../channels.ts';
import type { Preferences } from '../../customer/system-state.ts';
import type { Frequency } from '../../messaging/policy.ts';

/**
 * One change a customer made to their preferences, kept in their preferences log (newest first),
 * like a consent decision in the consent history: what was set, where, when and by whom.
 */
export interface PreferenceChange {
  /** Unique per change (two changes may share a `recordedAt`). */
  readonly changeId: string;
  /** When Rapport recorded it: the customer acted on a link, so it is Rapport's own clock. */
  readonly recordedAt: string;
  /** `preferences-page` or `one-click-unsubscribe`. */
  readonly source: string;
  /** `customer:<id>`: whoever held the customer's signed link. */
  readonly by: string;
  /** Only what changed, with the new values (a topic's `false` is an unsubscribe). */
  readonly set: {
    readonly channels?: readonly Channel[];
    readonly frequency?: Frequency;
    readonly topics?: Readonly<Record<string, boolean>>;
  };
}

/**
 * The customer's preferences in force (the `preferences` part of the system state, which channel
 * resolution and the caps read) and their log. A change is written with its log entry or not at
 * all, so the log never misses a change nor records one that did not happen.
 */
export interface PreferencesStore {
  /**
   * Puts `next` in force and logs `change`. Optimistic: `previousUpdatedAt` is the `updatedAt` of
   * the preferences the change was computed from (undefined when there were none); throws
   * ConflictError when they changed meanwhile, NotFoundError when the customer does not exist.
   */
  savePreferences(
    customerId: string,
    next: Preferences,
    change: PreferenceChange,
    previousUpdatedAt: string | undefined,
  ): Promise<void>;
  /** Newest first. */
  preferencesHistory(customerId: string, limit: number): Promise<PreferenceChange[]>;
}
