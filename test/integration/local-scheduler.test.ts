import { describe, expect, it } from 'vitest';
import type { Wake } from '../../core/dispatch/wake.ts';
import type { WorkQueue } from '../../core/ports.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { ensureTable, LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { LocalScheduler } from '../../local/local-scheduler.ts';
import { localStateTable, localStateTableDefinition } from '../../local/local-table.ts';
import { freshTable } from '../support/services.ts';

/** A queue that only records what it is sent: the scheduler's target. */
function recordingQueue() {
  const sent: Wake[] = [];
  const queue: WorkQueue = { send: async (wake) => void sent.push(wake) };
  return { queue, sent };
}

async function stateTable() {
  const { tableName, endpoint } = await freshTable('sched');
  await ensureTable(endpoint, localStateTableDefinition(tableName));
  return { db: documentClient({ ...LOCAL_AWS, endpoint }), tableName: localStateTable(tableName) };
}

const at = (name: string, instant: string) => ({
  name,
  due: { instant, localDateTime: instant.slice(0, 19), timeZone: 'UTC' },
  wake: { kind: 'run-action', scheduleId: name } as const,
});

describe('the local scheduler on DynamoDB Local', () => {
  it('puts due wake-ups on the queue in time order, once, and deletes one-time schedules', async () => {
    const { db, tableName } = await stateTable();
    const { queue, sent } = recordingQueue();
    const scheduler = new LocalScheduler(db, tableName, queue);
    await scheduler.scheduleAt(at('late', '2026-11-24T16:00:00.000Z'));
    await scheduler.scheduleAt(at('early', '2026-11-24T15:00:00.000Z'));
    await scheduler.scheduleAt(at('future', '2026-11-25T15:00:00.000Z'));

    await scheduler.fireDue(new Date('2026-11-24T16:00:00Z'));
    await scheduler.fireDue(new Date('2026-11-24T16:00:00Z'));

    expect(sent).toEqual([
      { kind: 'run-action', scheduleId: 'early' },
      { kind: 'run-action', scheduleId: 'late' },
    ]);
    expect(await scheduler.pending()).toEqual([
      { name: 'future', dueAt: '2026-11-25T15:00:00.000Z' },
    ]);
  });

  it('answers "exists" for a name it holds, and cancels a schedule that has not fired', async () => {
    const { db, tableName } = await stateTable();
    const { queue, sent } = recordingQueue();
    const scheduler = new LocalScheduler(db, tableName, queue);

    expect(await scheduler.scheduleAt(at('dup', '2026-11-24T15:00:00.000Z'))).toBe('created');
    expect(await scheduler.scheduleAt(at('dup', '2026-11-24T15:00:00.000Z'))).toBe('exists');
    expect(await scheduler.cancel('dup')).toBe('cancelled');
    expect(await scheduler.cancel('dup')).toBe('not-found');
    await scheduler.fireDue(new Date('2026-11-24T16:00:00Z'));

    expect(sent).toEqual([]);
  });

  it('keeps schedules in the database, so a new scheduler on the same table still fires them', async () => {
    const { db, tableName } = await stateTable();
    await new LocalScheduler(db, tableName, recordingQueue().queue).scheduleAt(
      at('durable', '2026-11-24T15:00:00.000Z'),
    );
    const { queue, sent } = recordingQueue();

    await new LocalScheduler(db, tableName, queue).fireDue(new Date('2026-11-24T15:00:00Z'));

    expect(sent).toEqual([{ kind: 'run-action', scheduleId: 'durable' }]);
  });

  it('fires a recurring schedule once when due, then re-arms it for its next slot after now', async () => {
    const { db, tableName } = await stateTable();
    const { queue, sent } = recordingQueue();
    const scheduler = new LocalScheduler(db, tableName, queue);
    const reconcile = { kind: 'run-job', job: 'reconcile' } as const;
    await scheduler.scheduleEvery(
      'reconciler',
      5 * 60_000,
      reconcile,
      new Date('2026-11-24T15:05:00Z'),
    );

    await scheduler.fireDue(new Date('2026-11-24T15:04:59Z'));
    await scheduler.fireDue(new Date('2026-11-24T15:22:00Z'));
    await scheduler.fireDue(new Date('2026-11-24T15:24:00Z'));
    await scheduler.fireDue(new Date('2026-11-24T15:25:00Z'));

    expect(sent).toEqual([reconcile, reconcile]);
  });

  it('compares due times as instants: a schedule past year 9999 does not fire now', async () => {
    const { db, tableName } = await stateTable();
    const { queue, sent } = recordingQueue();
    const scheduler = new LocalScheduler(db, tableName, queue);
    // As an ISO string this sorts before "2026-..." ("+" < "2"); as an instant it is far away.
    await scheduler.scheduleAt(at('far', '+010000-01-01T10:00:00.000Z'));
    await scheduler.scheduleAt(at('soon', '2026-11-24T15:00:00.000Z'));

    await scheduler.fireDue(new Date('2026-11-24T15:00:00Z'));

    expect(sent).toEqual([{ kind: 'run-action', scheduleId: 'soon' }]);
    expect((await scheduler.pending()).map((entry) => entry.name)).toEqual(['far']);
  });
});
