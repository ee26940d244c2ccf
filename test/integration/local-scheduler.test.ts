import { describe, expect, it } from 'vitest';
import type { DispatchRequest } from '../../core/ports.ts';
import { LocalScheduler } from '../../local/local-scheduler.ts';
import { freshTable } from '../support/services.ts';

const request = (name: string, instant: string) => ({
  name,
  due: { instant, localDateTime: instant.slice(0, 19), timeZone: 'UTC' },
  payload: { scheduleId: name },
});

describe('local scheduler on DynamoDB Local', () => {
  it('fires due schedules in time order, once, and deletes them after completion', async () => {
    const { db, tableName } = await freshTable('sched');
    const fired: DispatchRequest[] = [];
    const scheduler = new LocalScheduler(db, tableName, async (payload) => fired.push(payload));
    await scheduler.scheduleAt(request('late', '2026-11-24T16:00:00.000Z'));
    await scheduler.scheduleAt(request('early', '2026-11-24T15:00:00.000Z'));
    await scheduler.scheduleAt(request('future', '2026-11-25T15:00:00.000Z'));

    const results = await scheduler.fireDue(new Date('2026-11-24T16:00:00Z'));
    await scheduler.fireDue(new Date('2026-11-24T16:00:00Z'));

    expect(fired).toEqual([{ scheduleId: 'early' }, { scheduleId: 'late' }]);
    expect(results.map((r) => r.outcome)).toEqual(['completed', 'completed']);
    expect(await scheduler.pending()).toEqual([
      { name: 'future', dueAt: '2026-11-25T15:00:00.000Z' },
    ]);
  });

  it('answers "exists" for a name it already holds, like EventBridge Scheduler', async () => {
    const { db, tableName } = await freshTable('sched');
    const scheduler = new LocalScheduler(db, tableName, async () => undefined);

    expect(await scheduler.scheduleAt(request('dup', '2026-11-24T15:00:00.000Z'))).toBe('created');
    expect(await scheduler.scheduleAt(request('dup', '2026-11-24T15:00:00.000Z'))).toBe('exists');
  });

  it('keeps schedules in the database, so a new scheduler on the same table still fires them', async () => {
    const { db, tableName } = await freshTable('sched');
    await new LocalScheduler(db, tableName, async () => undefined).scheduleAt(
      request('durable', '2026-11-24T15:00:00.000Z'),
    );
    const fired: string[] = [];

    await new LocalScheduler(db, tableName, async (p) => fired.push(p.scheduleId)).fireDue(
      new Date('2026-11-24T15:00:00Z'),
    );

    expect(fired).toEqual(['durable']);
  });

  it('retries a failing target three times, then dead-letters it', async () => {
    const { db, tableName } = await freshTable('sched');
    let calls = 0;
    const scheduler = new LocalScheduler(db, tableName, async () => {
      calls++;
      throw new Error('dispatcher down');
    });
    await scheduler.scheduleAt(request('doomed', '2026-11-24T15:00:00.000Z'));

    const [result] = await scheduler.fireDue(new Date('2026-11-24T15:00:00Z'));

    expect(calls).toBe(3);
    expect(result).toMatchObject({ outcome: 'dead-lettered', error: 'dispatcher down' });
  });

  it('compares due times as instants: a schedule past year 9999 does not fire now', async () => {
    const { db, tableName } = await freshTable('sched');
    const fired: string[] = [];
    const scheduler = new LocalScheduler(db, tableName, async (p) => fired.push(p.scheduleId));
    // As an ISO string this sorts before "2026-..." ("+" < "2"); as an instant it is far away.
    await scheduler.scheduleAt(request('far', '+010000-01-01T10:00:00.000Z'));
    await scheduler.scheduleAt(request('soon', '2026-11-24T15:00:00.000Z'));

    await scheduler.fireDue(new Date('2026-11-24T15:00:00Z'));

    expect(fired).toEqual(['soon']);
    expect((await scheduler.pending()).map((entry) => entry.name)).toEqual(['far']);
  });
});
