import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintCase, OpenCaseInput } from '../../../core/complaints/case.ts';
import { type IntakeDeps, intakeComplaint } from '../../../core/complaints/intake.ts';
import { DynamoCaseStore } from '../../../functions/adapters/dynamodb/case-store.ts';
import { keys } from '../../../functions/adapters/dynamodb/keys.ts';
import { DynamoSystemStateStore } from '../../../functions/adapters/dynamodb/system-state-store.ts';
import { loadComplaintPolicy } from '../../../workflows/complaint-recovery/policy-loader.ts';
import { freshTable } from '../../support/services.ts';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const input: OpenCaseInput = {
  source: { kind: 'interaction', id: 'call-0042' },
  customerId: 'ana-garcia',
  severity: 'high',
  category: 'delivery',
  channel: 'call-centre',
  description: 'The sofa arrived scratched.',
};

describe('complaint intake over DynamoDB Local', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let deps: IntakeDeps;
  const started: string[] = [];

  beforeAll(async () => {
    table = await freshTable('cases');
    deps = {
      cases: new DynamoCaseStore(table.db, table.tableName),
      systemState: new DynamoSystemStateStore(table.db, table.tableName),
      policy: loadComplaintPolicy(),
      clock: () => NOW,
      startRecovery: async (c: ComplaintCase) => {
        started.push(c.caseId);
      },
    };
  });
  afterAll(() => table.db.destroy());

  const get = async (key: Record<string, string>) =>
    (await table.db.send(new GetCommand({ TableName: table.tableName, Key: key }))).Item;

  it('opens one case, holds marketing, announces complaint.opened and starts the recovery', async () => {
    const customer = { id: 'ana-garcia', holds: { openCases: [] }, tier: 'A' as const };

    const result = await intakeComplaint(deps, customer, input);

    expect(result.kind).toBe('opened');
    expect(result.case).toMatchObject({
      caseId: 'case-interaction-call-0042',
      tier: 'A',
      status: 'open',
      deadlineAt: '2026-12-23T10:00:00.000Z',
    });
    expect(await deps.cases.get('case-interaction-call-0042')).toEqual(result.case);
    const holds = await get(keys.systemState('ana-garcia', 'holds'));
    expect(holds?.value.openCases).toEqual(['case-interaction-call-0042']);
    const event = await get(keys.event('complaint.opened:case-interaction-call-0042'));
    expect(event?.event.data).toMatchObject({ caseId: 'case-interaction-call-0042' });
    expect(started).toEqual(['case-interaction-call-0042']);
  });

  it('finds the same case when the complaint is delivered again', async () => {
    const customer = { id: 'ana-garcia', holds: { openCases: ['case-interaction-call-0042'] } };

    const again = await intakeComplaint(deps, customer, { ...input, severity: 'low' });

    expect(again.kind).toBe('exists');
    expect(again.case.severity).toBe('high');
    expect((await deps.cases.list('2026-01-01')).map((c) => c.caseId)).toEqual([
      'case-interaction-call-0042',
    ]);
  });

  it('keeps the case id of complaint.opened and does not announce it a second time', async () => {
    const customer = { id: 'bo-lind', holds: { openCases: [] } };
    const source = { kind: 'opened', id: 'case-survey-pos-7' } as const;

    const result = await intakeComplaint(deps, customer, {
      ...input,
      source,
      customerId: 'bo-lind',
    });

    expect(result.case).toMatchObject({ caseId: 'case-survey-pos-7', tier: 'B' });
    expect(await get(keys.event('complaint.opened:case-survey-pos-7'))).toBeUndefined();
    const holds = await get(keys.systemState('bo-lind', 'holds'));
    expect(holds?.value.openCases).toEqual(['case-survey-pos-7']);
  });

  it('refuses an update made from a stale read, so no history entry is lost', async () => {
    const c = (await deps.cases.get('case-survey-pos-7')) as ComplaintCase;
    const assigned = {
      ...c,
      owner: 'qa-ines',
      history: [...c.history, { at: NOW.toISOString(), kind: 'assigned' as const }],
    };

    expect(await deps.cases.update(assigned, c.history.length)).toBe(true);
    expect(await deps.cases.update({ ...assigned, owner: 'qa-tomas' }, c.history.length)).toBe(
      false,
    );
    expect((await deps.cases.get('case-survey-pos-7'))?.owner).toBe('qa-ines');
  });
});
