import type { Decision } from '../../../core/messaging/decision.ts';
import type {
  ClaimRequest,
  CompletionRequest,
  DeferralRequest,
  Events,
  ExpectedState,
  FallbackRequest,
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
  private readonly decisionLog: Decision[] = [];

  constructor(readonly outbox: Outbox = new Outbox()) {}

  /** Test setup: a schedule as if it had been stored (and claimed, released, ...), without a write. */
  seed(schedule: ScheduledAction): void {
    const unfinished = ['pending', 'deferred', 'dispatching'].includes(schedule.status);
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
    extras: {
      readonly message?: MessageRecord;
      readonly decision?: Decision;
      readonly events: Events;
    },
  ): Promise<'created' | 'exists'> {
    if (this.records.has(schedule.scheduleId)) return 'exists';
    this.records.set(schedule.scheduleId, {
      schedule: structuredClone(schedule),
      ...(schedule.status === 'pending' ? { unfinished: indexKey(schedule) } : {}),
    });
    if (extras.message) this.putMessage(extras.message);
    if (extras.decision) this.decisionLog.push(structuredClone(extras.decision));
    this.outbox.record('createSchedule', schedule.scheduleId, extras.events);
    return 'created';
  }

  async getSchedule(scheduleId: string): Promise<ScheduledAction | undefined> {
    const record = this.records.get(scheduleId);
    return record && structuredClone(record.schedule);
  }

  async claimSchedule(request: ClaimRequest): Promise<ScheduledAction | undefined> {
    const record = this.records.get(request.scheduleId);
    if (record?.schedule.status !== 'pending' && record?.schedule.status !== 'deferred')
      return undefined;
    Object.assign(record.schedule, {
      status: 'dispatching',
      claimId: request.claimId,
      ...(request.channel ? { claimedChannel: request.channel } : {}),
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
    delete schedule.claimedChannel;
    delete record.unfinished;
    if (request.message) this.putMessage(request.message);
    if (request.decision) this.decisionLog.push(structuredClone(request.decision));
    this.outbox.record('completeSchedule', scheduleId, request.events);
    return true;
  }

  async deferSchedule(request: DeferralRequest): Promise<boolean> {
    const record = this.records.get(request.schedule.scheduleId);
    if (!record || !holds(record.schedule, { status: 'pending' })) return false;
    Object.assign(record.schedule, {
      status: 'deferred',
      due: structuredClone(request.due),
      deferrals: (record.schedule.deferrals ?? 0) + 1,
      updatedAt: request.now.toISOString(),
    });
    record.unfinished = indexKey(record.schedule);
    this.decisionLog.push(structuredClone(request.decision));
    this.outbox.record('deferSchedule', request.schedule.scheduleId, []);
    return true;
  }

  async fallbackSchedule(request: FallbackRequest): Promise<boolean> {
    const record = this.records.get(request.schedule.scheduleId);
    if (!record || !holds(record.schedule, { claimId: request.claimId })) return false;
    Object.assign(record.schedule, {
      status: 'pending',
      excludedChannels: [...request.excluded],
      attempts: 0,
      updatedAt: request.now.toISOString(),
    });
    delete record.schedule.claimId;
    delete record.schedule.claimedUntil;
    delete record.schedule.claimedChannel;
    this.decisionLog.push(structuredClone(request.decision));
    this.outbox.record('fallbackSchedule', request.schedule.scheduleId, []);
    return true;
  }

  async messagesSince(customerId: string, since: Date): Promise<MessageRecord[]> {
    return this.messagesOf(customerId)
      .filter((message) => message.createdAt >= since.toISOString())
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }

  async decisions(customerId: string, limit: number): Promise<Decision[]> {
    return structuredClone(
      this.decisionLog
        .filter((decision) => decision.customerId === customerId)
        .sort((a, b) => (a.at < b.at ? 1 : -1))
        .slice(0, limit),
    );
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
    delete schedule.claimedChannel;
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

function holds(schedule: ScheduledAction, from: ExpectedState): boolean {
  return 'claimId' in from
    ? schedule.status === 'dispatching' && schedule.claimId === from.claimId
    : schedule.status === 'pending' || schedule.status === 'deferred';
}
