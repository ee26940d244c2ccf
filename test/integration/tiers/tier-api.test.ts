import { describe, expect, it } from 'vitest';
import { runIdFor } from '../../../core/tiers/steps.ts';
import { documentClient } from '../../../functions/adapters/dynamodb/client.ts';
import { LOCAL_AWS } from '../../../local/dynamodb-local.ts';
import { useTestRuntime } from '../../support/runtime.ts';
import { seedCustomers, syntheticHistories } from './seed.ts';

const COUNT = 300;

describe('tier runs through the HTTP API and on the schedule', () => {
  const local = useTestRuntime(
    // A Monday after 03:00: the next scheduled run is a week later.
    new Date('2026-11-23T10:00:00Z'),
    async ({ runtime }) => {
      const db = documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint });
      await seedCustomers(
        db,
        runtime.tableName,
        syntheticHistories(COUNT, Date.parse('2026-11-20T00:00:00Z'), 3),
      );
      db.destroy();
    },
    { tierSchedule: { expression: 'cron(0 3 ? * MON *)', timeZone: 'UTC' } },
  );

  it('starts a run with POST /tier-runs and reports it with GET /tier-runs/{id}', {
    timeout: 90_000,
  }, async () => {
    const { api, runtime } = local;

    const started = await api.post('/tier-runs', { asOf: '2026-11-20T00:00:00Z' });

    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      runId: 'tiers-20261120T000000Z',
      asOf: '2026-11-20T00:00:00.000Z',
      status: 'started',
    });
    expect(started.headers.get('location')).toBe('/tier-runs/tiers-20261120T000000Z');
    await runtime.tierRuns.result('tiers-20261120T000000Z');
    const run = await api.get('/tier-runs/tiers-20261120T000000Z');
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({
      runId: 'tiers-20261120T000000Z',
      status: 'SUCCEEDED',
      asOf: '2026-11-20T00:00:00.000Z',
      trigger: 'api',
      summary: { customers: COUNT, firstTiers: COUNT },
    });
    const again = await api.post('/tier-runs', { asOf: '2026-11-20T00:00:00.000Z' });
    expect(again.status).toBe(202);
    expect(again.body.status).toBe('exists');
  });

  it('answers 404 for a run that never started and 400 for a malformed body', async () => {
    const { api } = local;

    expect((await api.get('/tier-runs/tiers-20200101T000000Z')).status).toBe(404);
    expect((await api.post('/tier-runs', { asOf: 'last week' })).status).toBe(400);
    expect((await api.post('/tier-runs', { asOf: '2026-11-20T00:00:00Z', extra: 1 })).status).toBe(
      400,
    );
  });

  it('starts the run of the scheduled instant when the local clock passes Monday 03:00', {
    timeout: 90_000,
  }, async () => {
    const { api, runtime } = local;
    const runId = runIdFor('2026-11-30T03:00:00.000Z');
    expect((await api.get(`/tier-runs/${runId}`)).status).toBe(404);

    await runtime.advanceTo(new Date('2026-11-30T04:00:00Z'));

    const execution = await runtime.tierRuns.result(runId);
    expect(execution?.status).toBe('SUCCEEDED');
    const run = await api.get(`/tier-runs/${runId}`);
    expect(run.body).toMatchObject({ status: 'SUCCEEDED', trigger: 'schedule' });
    // The previous run classified everyone: this one moves some, classifies no one for the first time.
    expect(run.body.summary).toMatchObject({ customers: COUNT, firstTiers: 0 });
  });
});
