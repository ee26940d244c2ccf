import type { Decision } from '../../core/messaging/decision.ts';
import type {
  ClaimRequest,
  CompletionRequest,
  DeferralRequest,
  Events,
  ExpectedState,
  FallbackRequest,
  ReleaseRequest,
  ScheduleStore,
} from '../../core/ports.ts';
import type { MessageRecord, ScheduledAction, ScheduleStatus } from '../../core/schedule.ts';

/** One planned action as the simulator keeps it: its state now, and what it was when recorded. */
export interface SimRecord {
  schedule: ScheduledAction;
  readonly createdStatus: ScheduleStatus;
  /** Every decision about it, oldest first. */
  readonly decisions: Decision[];
}

const WAITING = new Set<ScheduleStatus>(['pending', 'deferred']);

/**
 * The ScheduleStore port in memory with the DynamoDB store's semantics (create-if-absent, claims
 * only from waiting, conditional completion), keeping every record and decision for the report.
 * Records are replaced, never changed in place, so what the core was handed stays as it was.
 */
export class SimScheduleStore implements ScheduleStore {
  readonly records = new Map<string, SimRecord>();
  private readonly messages = new Map<string, MessageRecord[]>();
  private readonly decisionLog = new Map<string, Decision[]>();

  constructor(private readonly written: (events: Events) => void = () => {}) {}

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
      schedule,
      createdStatus: schedule.status,
      decisions: [],
    });
    if (extras.message) this.putMessage(extras.message);
    if (extras.decision) this.log(extras.decision);
    this.written(extras.events);
    return 'created';
  }

  async getSchedule(scheduleId: string): Promise<ScheduledAction | undefined> {
    return this.records.get(scheduleId)?.schedule;
  }

  async claimSchedule(request: ClaimRequest): Promise<ScheduledAction | undefined> {
    const record = this.records.get(request.scheduleId);
    if (!record || !WAITING.has(record.schedule.status)) return undefined;
    record.schedule = {
      ...record.schedule,
      status: 'dispatching',
      claimId: request.claimId,
      ...(request.channel ? { claimedChannel: request.channel } : {}),
      claimedUntil: new Date(request.now.getTime() + request.leaseMs).toISOString(),
      updatedAt: request.now.toISOString(),
      attempts: record.schedule.attempts + 1,
    };
    return record.schedule;
  }

  async completeSchedule(request: CompletionRequest): Promise<boolean> {
    const record = this.records.get(request.schedule.scheduleId);
    if (!record || !holds(record.schedule, request.from)) return false;
    const {
      claimId: _c,
      claimedUntil: _u,
      claimedChannel: _ch,
      reason: _r,
      ...rest
    } = record.schedule;
    record.schedule = {
      ...rest,
      status: request.status,
      updatedAt: request.now.toISOString(),
      ...(request.reason === undefined ? {} : { reason: request.reason }),
      ...(request.message ? { messageId: request.message.messageId } : {}),
    };
    if (request.message) this.putMessage(request.message);
    if (request.decision) this.log(request.decision);
    this.written(request.events);
    return true;
  }

  async deferSchedule(request: DeferralRequest): Promise<boolean> {
    const record = this.records.get(request.schedule.scheduleId);
    if (!record || !holds(record.schedule, { status: 'pending' })) return false;
    record.schedule = {
      ...record.schedule,
      status: 'deferred',
      due: request.due,
      deferrals: (record.schedule.deferrals ?? 0) + 1,
      updatedAt: request.now.toISOString(),
    };
    this.log(request.decision);
    return true;
  }

  async fallbackSchedule(request: FallbackRequest): Promise<boolean> {
    const record = this.records.get(request.schedule.scheduleId);
    if (!record || !holds(record.schedule, { claimId: request.claimId })) return false;
    const { claimId: _c, claimedUntil: _u, claimedChannel: _ch, ...rest } = record.schedule;
    record.schedule = {
      ...rest,
      status: 'pending',
      excludedChannels: [...request.excluded],
      attempts: 0,
      updatedAt: request.now.toISOString(),
    };
    this.log(request.decision);
    return true;
  }

  async releaseSchedule(request: ReleaseRequest): Promise<void> {
    const record = this.records.get(request.scheduleId);
    if (!record || !holds(record.schedule, { claimId: request.claimId })) return;
    const { claimId: _c, claimedUntil: _u, claimedChannel: _ch, ...rest } = record.schedule;
    record.schedule = {
      ...rest,
      status: 'pending',
      lastError: request.error,
      updatedAt: request.now.toISOString(),
      attempts: request.countAttempt ? rest.attempts : rest.attempts - 1,
    };
  }

  async listUnfinished(dueBefore: Date, limit: number): Promise<ScheduledAction[]> {
    const until = dueBefore.toISOString();
    return [...this.records.values()]
      .map((record) => record.schedule)
      .filter(
        (s) => ['pending', 'deferred', 'dispatching'].includes(s.status) && s.due.instant <= until,
      )
      .sort((a, b) => (a.due.instant < b.due.instant ? -1 : 1))
      .slice(0, limit);
  }

  async messagesSince(customerId: string, since: Date): Promise<MessageRecord[]> {
    const from = since.toISOString();
    const list = this.messages.get(customerId) ?? [];
    const recent: MessageRecord[] = [];
    // Appended in clock order: walk back from the newest until older than `since`.
    for (let i = list.length - 1; i >= 0; i--) {
      const message = list[i] as MessageRecord;
      if (message.createdAt < from) break;
      recent.push(message);
    }
    return recent;
  }

  async decisions(customerId: string, limit: number): Promise<Decision[]> {
    return [...(this.decisionLog.get(customerId) ?? [])].reverse().slice(0, limit);
  }

  private putMessage(message: MessageRecord): void {
    const list = this.messages.get(message.customerId) ?? [];
    list.push(message);
    this.messages.set(message.customerId, list);
  }

  private log(decision: Decision): void {
    const list = this.decisionLog.get(decision.customerId) ?? [];
    list.push(decision);
    this.decisionLog.set(decision.customerId, list);
    this.records.get(decision.scheduleId)?.decisions.push(decision);
  }
}

function holds(schedule: ScheduledAction, from: ExpectedState): boolean {
  return 'claimId' in from
    ? schedule.status === 'dispatching' && schedule.claimId === from.claimId
    : WAITING.has(schedule.status);
}
