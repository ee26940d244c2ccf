import { describe, expect, it } from 'vitest';
import { anaInput } from '../../support/builders.ts';
import { useTestRuntime } from '../../support/runtime.ts';

const START = new Date('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;
const day = (n: number) => new Date(START.getTime() + n * DAY);

const complaint = {
  key: 'web-form-77',
  customerId: 'ana-garcia',
  severity: 'high',
  category: 'delivery',
  channel: 'web',
  description: 'The sofa arrived scratched.',
};
const resolution = { note: 'Replaced the sofa', firstContact: true, by: 'qa-ines' };

type Listed = { caseId: string; daysLeft: number; ageDays: number; owner?: string };

describe('the complaint Case API over HTTP on the local runtime', () => {
  const local = useTestRuntime(START, async ({ api }) => {
    expect((await api.post('/customers', anaInput())).status).toBe(201);
  });
  const listed = async (query: string) =>
    ((await local.api.get(`/cases${query}`)).body.cases as Listed[]).map((c) => c.caseId);

  it('opens one case per key: 201, then 200 with the same case', async () => {
    const first = await local.api.post('/cases', complaint);
    const again = await local.api.post('/cases', complaint);

    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe('/cases/case-api-web-form-77');
    expect(first.body).toMatchObject({ caseId: 'case-api-web-form-77', status: 'open' });
    expect(again.status).toBe(200);
    // The same case (the recovery may have assigned its owner in between).
    expect(again.body).toMatchObject({ caseId: first.body.caseId, openedAt: first.body.openedAt });
    const other = await local.api.post('/cases', { ...complaint, key: 'shop-9', severity: 'low' });
    expect(other.status).toBe(201);
    await local.runtime.settle();
  });

  it('refuses bad bodies with the zod issues, and the same key for another complaint', async () => {
    const unknownKey = await local.api.post('/cases', { ...complaint, key: 'k2', urgency: 'now' });
    const badSeverity = await local.api.post('/cases', { ...complaint, severity: 'urgent' });
    const reused = await local.api.post('/cases', { ...complaint, category: 'billing' });
    const nobody = await local.api.post('/cases', {
      ...complaint,
      key: 'k3',
      customerId: 'nobody',
    });

    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['urgency'] }),
    ]);
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.issues).toEqual([expect.objectContaining({ path: ['severity'] })]);
    expect(reused.status).toBe(409);
    expect(nobody.status).toBe(404);
  });

  it('reassigns within the team, and refuses an owner outside it naming the known ones', async () => {
    const moved = await local.api.post('/cases/case-api-shop-9/owner', {
      owner: 'qa-marta',
      by: 'qa-manager',
      reason: 'She knows the store',
    });
    const outsider = await local.api.post('/cases/case-api-shop-9/owner', {
      owner: 'sales-bob',
      by: 'qa-manager',
    });

    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'reassigned', case: { owner: 'qa-marta' } });
    expect(outsider.status).toBe(400);
    expect(JSON.stringify(outsider.body.issues)).toContain('qa-ines, qa-tomas, qa-marta');
  });

  it('lists the open cases with days left, filtered by owner and by severity', async () => {
    const all = await local.api.get('/cases');

    expect(all.status).toBe(200);
    // Opened at the same instant of the frozen clock: one deadline, so in case id order.
    expect(all.body.cases).toEqual([
      expect.objectContaining({ caseId: 'case-api-shop-9', ageDays: 0, daysLeft: 30 }),
      expect.objectContaining({ caseId: 'case-api-web-form-77', ageDays: 0, daysLeft: 30 }),
    ]);
    expect(await listed('?owner=qa-marta')).toEqual(['case-api-shop-9']);
    expect(await listed('?severity=high')).toEqual(['case-api-web-form-77']);
    expect(await listed('?severity=high&minAgeDays=1')).toEqual([]);
    const bad = await local.api.get('/cases?severity=urgent&minAgeDays=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['query', 'severity'] }),
        expect.objectContaining({ path: ['query', 'minAgeDays'] }),
      ]),
    );
  });

  it('gives one case with its full history, and 404 for an unknown one', async () => {
    const one = await local.api.get('/cases/case-api-shop-9');

    expect(one.status).toBe(200);
    const kinds = (one.body.history as { kind: string }[]).map((entry) => entry.kind);
    expect(kinds[0]).toBe('opened');
    expect(kinds.at(-1)).toBe('reassigned');
    expect((await local.api.get('/cases/case-api-nope')).status).toBe(404);
  });

  it('resolves once; the second resolution answers already-resolved, keeping the first', async () => {
    const path = '/cases/case-api-web-form-77/resolution';
    const first = await local.api.post(path, resolution);
    const second = await local.api.post(path, { ...resolution, note: 'Again' });
    const empty = await local.api.post(path, { ...resolution, note: '  ' });

    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'resolved', case: { status: 'resolved' } });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      status: 'already-resolved',
      case: { resolution: { note: 'Replaced the sofa' } },
    });
    expect(empty.status).toBe(400);
    expect(await listed('')).toEqual(['case-api-shop-9']);
    const late = await local.api.post('/cases/case-api-web-form-77/owner', {
      owner: 'qa-tomas',
      by: 'qa-manager',
    });
    expect(late.status).toBe(409);
    await local.runtime.settle();
  });

  it('reports the indicators, with the recovery rate once 90 days have passed', async () => {
    const period = `?from=${day(-1).toISOString()}&to=${day(1).toISOString()}`;
    const now = await local.api.get(`/cases/indicators${period}`);
    expect(now.status).toBe(200);
    expect(now.body).toMatchObject({
      cases: 2,
      shareAtFirstContact: 1,
      recoveryRate: { windowDays: 90, eligible: 0, rate: null },
    });

    // The indicators read only the clock: jump it (the recovery's waits are not under test here),
    // record Ana's purchase ten days after the resolution, then read again after 90 days.
    local.runtime.clock.advanceTo(day(10));
    const purchase = await local.api.post('/interactions', {
      id: 'pos-after-complaint',
      customer: { id: 'ana-garcia' },
      type: 'purchase',
      touchpoint: 'store',
      occurredAt: day(10).toISOString(),
      amount: { value: 250000, currency: 'COP' },
    });
    expect(purchase.status).toBe(201);
    local.runtime.clock.advanceTo(day(95));

    const later = await local.api.get(`/cases/indicators${period}`);
    expect(later.body.recoveryRate).toEqual({ windowDays: 90, eligible: 1, recovered: 1, rate: 1 });
    const reversed = await local.api.get(`/cases/indicators?from=${day(1).toISOString()}`);
    expect(reversed.status).toBe(400);
  });
});
