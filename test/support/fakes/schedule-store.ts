import type {
  ClaimRequest,
  CompletionRequest,
  Events,
  ReleaseRequest,
  ScheduleStore,
} from '../../../core/ports.ts';
import type { MessageRecord, ScheduledAction } from '../../../core/schedule.ts';
import { Outbox } from './outbox.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface StoredSchedule {
  readonly schedule: Mutable<ScheduledAction>;
  /** The sparse index entry (`due#id`) while the schedule is unfinished; removed on completion. */
  unfinished?: string;
}

/**
 * The ScheduleStore port in memory, with the semantics of the DynamoDB store: create-if-absent,
 * a claim only from `pending`, completion and release conditional on the state the caller
 * expects, and the message records of the customers' timelines (read by the interaction fake).
 */
export class InMemoryScheduleStore implements ScheduleStore {
  private readonly records = new Map<string, StoredSchedule>();
  private readonly messages = new Map<string, Map<string, MessageRecord>>();

  constructor(readonly outbox: Outbox = new Outbox()) {}

  /** Test setup: a schedule as if it had been stored (and claimed, released, ...), without a write. */
  seed(schedule: ScheduledAction): void {
    const unfinished = schedule.status === 'pending' || schedule.status === 'dispatching';
    this.records.set(schedule.scheduleId, {
      schedule: structuredClone(schedule),
      ...(unfinished ? { unfinished: indexKey(schedule) } : {}),
    });
  }

  messagesOf(customerId: string): MessageRecord[] {
    return structuredClone([...(this.messages.get(customerId)?.values() ?? [])]);
  }

  async createSchedule(
    schedule: ScheduledAction,
    extras: { readonly message?: MessageRecord; readonly events: Events },
  ): Promise<'created' | 'exists'> {
    if (this.records.has(schedule.scheduleId)) return 'exists';
    this.records.set(schedule.scheduleId, {
      schedule: structuredClone(schedule),
      ...(schedule.status === 'pending' ? { unfinished: indexKey(schedule) } : {}),
    });
    if (extras.message) this.putMessage(extras.message);
    this.outbox.record('createSchedule', schedule.scheduleId, extras.events);
    return 'created';
  }

  async getSchedule(scheduleId: string): Promise<ScheduledAction | undefined> {
    const record = this.records.get(scheduleId);
    return record && structuredClone(record.schedule);
  }

  async claimSchedule(request: ClaimRequest): Promise<ScheduledAction | undefined> {
    const record = this.records.get(request.scheduleId);
    if (record?.schedule.status !== 'pending') return undefined;
    Object.assign(record.schedule, {
      status: 'dispatching',
      claimId: request.claimId,
      claimedUntil: new Date(request.now.getTime() + request.leaseMs).toISOString(),
      updatedAt: request.now.toISOString(),
      attempts: record.schedule.attempts + 1,
    });
    this.outbox.record('claimSchedule', request.scheduleId, []);
    return structuredClone(record.schedule);
  }

  async completeSchedule(request: CompletionRequest): Promise<boolean> {
    const { scheduleId } = request.schedule;
    const record = this.records.get(scheduleId);
    if (!record || !holds(record.schedule, request.from)) return false;
    const { schedule } = record;
    schedule.status = request.status;
    schedule.updatedAt = request.now.toISOString();
    if (request.reason === undefined) delete schedule.reason;
    else schedule.reason = request.reason;
    if (request.message === undefined) delete schedule.messageId;
    else schedule.messageId = request.message.messageId;
    delete schedule.claimId;
    delete schedule.claimedUntil;
    delete record.unfinished;
    if (request.message) this.putMessage(request.message);
    this.outbox.record('completeSchedule', scheduleId, request.events);
    return true;
  }

  async releaseSchedule(request: ReleaseRequest): Promise<void> {
    const record = this.records.get(request.scheduleId);
    // The claim was lost meanwhile: nothing to give back.
    if (!record || !holds(record.schedule, { claimId: request.claimId })) return;
    const { schedule } = record;
    schedule.status = 'pending';
    schedule.lastError = request.error;
    schedule.updatedAt = request.now.toISOString();
    if (!request.countAttempt) schedule.attempts -= 1;
    delete schedule.claimId;
    delete schedule.claimedUntil;
    this.outbox.record('releaseSchedule', request.scheduleId, []);
  }

  async listUnfinished(dueBefore: Date, limit: number): Promise<ScheduledAction[]> {
    const until = `${dueBefore.toISOString()}#\uffff`;
    return [...this.records.values()]
      .filter((record) => record.unfinished !== undefined && record.unfinished <= until)
      .sort((a, b) => ((a.unfinished ?? '') < (b.unfinished ?? '') ? -1 : 1))
      .slice(0, limit)
      .map((record) => structuredClone(record.schedule));
  }

  private putMessage(message: MessageRecord): void {
    const messages = this.messages.get(message.customerId) ?? new Map<string, MessageRecord>();
    messages.set(`${message.createdAt}#${message.messageId}`, structuredClone(message));
    this.messages.set(message.customerId, messages);
  }
}

function indexKey(schedule: ScheduledAction): string {
  return `${schedule.due.instant}#${schedule.scheduleId}`;
}

function holds(schedule: ScheduledAction, from: CompletionRequest['from']): boolean {
  return 'claimId' in from
    ? schedule.status === 'dispatching' && schedule.claimId === from.claimId
    : schedule.status === 'pending';
}
