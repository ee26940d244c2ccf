import { beforeEach, describe, expect, it } from 'vitest';
import { type ComplaintCase, newCase, resolveCase } from '../../../core/complaints/case.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../../../core/errors.ts';
import type { WorkflowStarter } from '../../../core/ports.ts';
import type { ScannedCustomer } from '../../../core/tiers/ports.ts';
import {
  type CaseDeps,
  caseIndicators,
  listCases,
  openCaseFromApi,
  reassign,
  resolve,
} from '../../../core/use-cases/cases.ts';
import { loadComplaintPolicy } from '../../../workflows/complaint-recovery/policy-loader.ts';
import { aCustomer } from '../../support/builders.ts';
import { InMemoryCaseStore } from '../../support/fakes/case-store.ts';
import { FakeClock } from '../../support/fakes/clock.ts';
import { InMemoryCustomerStore } from '../../support/fakes/customer-store.ts';
import { FakeWorkflowTasks } from '../../support/fakes/workflow-tasks.ts';

const policy = loadComplaintPolicy();
const NOW = new Date('2026-11-23T10:00:00.000Z');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

/** Step Functions' rule: an execution name is used once. */
class FakeStarter implements WorkflowStarter {
  readonly started = new Map<string, Record<string, unknown>>();
  async start(name: string, input: Record<string, unknown>) {
    if (this.started.has(name)) return 'exists' as const;
    this.started.set(name, input);
    return 'started' as const;
  }
}

function fakeDeps() {
  const customers = new InMemoryCustomerStore();
  const histories = new Map<string, ScannedCustomer>();
  const reread: string[] = [];
  const deps = {
    cases: new InMemoryCaseStore(),
    customers,
    systemState: { put: customers.putSystemState.bind(customers) },
    complaintPolicy: policy,
    complaintWorkflow: new FakeStarter(),
    workflows: new FakeWorkflowTasks(),
    customerHistories: {
      reread: async (customerId: string) => {
        reread.push(customerId);
        return histories.get(customerId);
      },
    },
    clock: new FakeClock(NOW).now,
  } satisfies CaseDeps;
  return { deps, histories, reread };
}

const body = {
  key: 'web-form-77',
  customerId: 'ana-garcia',
  severity: 'high',
  category: 'delivery',
  channel: 'web',
  description: 'The sofa arrived scratched.',
} as const;

/** A case opened `age` days ago, with an owner. */
function aCase(id: string, age: number, changes: Partial<ComplaintCase> = {}): ComplaintCase {
  const opened = newCase({ ...body, source: { kind: 'api', id } }, policy, daysAgo(age));
  return { ...opened, owner: 'qa-tomas', ...changes };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('opening a case through the API', () => {
  let world: ReturnType<typeof fakeDeps>;
  beforeEach(() => {
    world = fakeDeps();
    const value = { tier: 'A', stage: 'trust', metrics: {}, computedAt: '', runId: 'r1' } as const;
    world.deps.customers.seed(aCustomer({ value }));
  });

  it("opens one case per key, with the customer's tier, and starts its recovery once", async () => {
    const first = await openCaseFromApi(world.deps, body);
    const again = await openCaseFromApi(world.deps, body);

    expect(first.status).toBe('opened');
    expect(first.case).toMatchObject({ caseId: 'case-api-web-form-77', tier: 'A', status: 'open' });
    expect(again).toEqual({ status: 'exists', case: first.case });
    expect(world.deps.cases.items.size).toBe(1);
    expect([...world.deps.complaintWorkflow.started]).toEqual([
      ['case-api-web-form-77', { caseId: 'case-api-web-form-77' }],
    ]);
    const ana = await world.deps.customers.getCustomer('ana-garcia');
    expect(ana?.holds.openCases).toEqual(['case-api-web-form-77']);
  });

  it('refuses the same key for another complaint, before writing anything', async () => {
    await openCaseFromApi(world.deps, body);

    const error = await rejection(openCaseFromApi(world.deps, { ...body, severity: 'low' }));

    expect(error).toBeInstanceOf(ConflictError);
    expect(world.deps.cases.items.get('case-api-web-form-77')?.severity).toBe('high');
  });

  it('answers not found for an unknown customer and 400 issues for a bad body', async () => {
    await expect(openCaseFromApi(world.deps, { ...body, customerId: 'nobody' })).rejects.toThrow(
      NotFoundError,
    );
    const error = await rejection(openCaseFromApi(world.deps, { ...body, urgency: 'very' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['urgency'] }),
    ]);
    expect(world.deps.cases.items.size).toBe(0);
  });
});

describe('listing the open cases', () => {
  const { deps } = fakeDeps();
  deps.cases.put(aCase('fresh', 1, { severity: 'low', owner: 'qa-ines' }));
  deps.cases.put(aCase('late', 33, { status: 'at-risk' }));
  deps.cases.put(aCase('midway', 12));
  const done = aCase('done', 40);
  deps.cases.put(resolveCase(done, { note: 'Ok', firstContact: true, by: 'qa-tomas' }, NOW).case);

  it('lists the unresolved cases, nearest deadline first, with days left (negative once late)', async () => {
    const { cases } = await listCases(deps, {});

    expect(cases.map((c) => [c.caseId, c.ageDays, c.daysLeft])).toEqual([
      ['case-api-late', 33, -3],
      ['case-api-midway', 12, 18],
      ['case-api-fresh', 1, 29],
    ]);
  });

  it('filters by owner, severity and minimum age together', async () => {
    const ids = async (query: Record<string, string>) =>
      (await listCases(deps, query)).cases.map((c) => c.caseId);

    expect(await ids({ owner: 'qa-ines' })).toEqual(['case-api-fresh']);
    expect(await ids({ severity: 'high', minAgeDays: '12' })).toEqual([
      'case-api-late',
      'case-api-midway',
    ]);
    expect(await ids({ owner: 'qa-tomas', minAgeDays: '20' })).toEqual(['case-api-late']);
  });

  it('refuses a bad filter or an unknown parameter with the issues under query', async () => {
    const error = await rejection(
      listCases(deps, { severity: 'urgent', minAgeDays: 'ten', ownr: 'x' }),
    );

    expect((error as InvalidInputError).issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: ['query', 'severity'] }),
        expect.objectContaining({ path: ['query', 'minAgeDays'] }),
        expect.objectContaining({ path: ['query'], keys: ['ownr'] }),
      ]),
    );
  });
});

describe('resolving and reassigning a case', () => {
  let world: ReturnType<typeof fakeDeps>;
  beforeEach(() => {
    world = fakeDeps();
    world.deps.cases.put(aCase('c1', 3));
  });
  const resolution = { note: 'Replaced the sofa', firstContact: false, by: 'qa-tomas' };

  it('resolves once and resumes the workflow once; the second answers already-resolved', async () => {
    world.deps.workflows.wait('case-api-c1');

    const first = await resolve(world.deps, 'case-api-c1', resolution);
    const second = await resolve(world.deps, 'case-api-c1', { ...resolution, note: 'Again' });

    expect(first.status).toBe('resolved');
    expect(second).toEqual({ status: 'already-resolved', case: first.case });
    expect(second.case.resolution?.note).toBe('Replaced the sofa');
    expect([...world.deps.workflows.resumed.keys()]).toEqual(['case-api-c1']);
    await expect(resolve(world.deps, 'case-api-nope', resolution)).rejects.toThrow(NotFoundError);
  });

  it('records who moved the case from whom to whom, and why', async () => {
    const result = await reassign(world.deps, 'case-api-c1', {
      owner: 'qa-marta',
      by: 'qa-manager',
      reason: 'Tomás is on leave',
    });

    expect(result.status).toBe('reassigned');
    expect(result.case.owner).toBe('qa-marta');
    expect(result.case.history.at(-1)).toEqual({
      at: NOW.toISOString(),
      kind: 'reassigned',
      by: 'qa-manager',
      note: 'from qa-tomas to qa-marta: Tomás is on leave',
    });
    expect(world.deps.cases.items.get('case-api-c1')).toEqual(result.case);
  });

  it('tries again on the fresh case when a workflow step wrote first, keeping its entry', async () => {
    world.deps.cases.beforeNextUpdate = () => {
      const c = world.deps.cases.items.get('case-api-c1') as ComplaintCase;
      world.deps.cases.put({ ...c, history: [...c.history, { at: c.openedAt, kind: 'reminded' }] });
    };

    const result = await reassign(world.deps, 'case-api-c1', {
      owner: 'qa-ines',
      by: 'qa-manager',
    });

    expect(result.case.history.map((entry) => entry.kind)).toEqual([
      'opened',
      'reminded',
      'reassigned',
    ]);
    expect(result.case.history.at(-1)?.note).toBe('from qa-tomas to qa-ines');
  });

  it('names the known owners for an unknown one, and leaves the current owner as is', async () => {
    const error = await rejection(
      reassign(world.deps, 'case-api-c1', { owner: 'sales-bob', by: 'qa-manager' }),
    );
    expect((error as InvalidInputError).issues).toEqual([
      expect.objectContaining({
        path: ['owner'],
        message:
          "'sales-bob' is not in the complaint team; known owners: qa-ines, qa-tomas, qa-marta",
      }),
    ]);

    const same = await reassign(world.deps, 'case-api-c1', { owner: 'qa-tomas', by: 'qa-manager' });
    expect(same.status).toBe('unchanged');
    expect(same.case.history).toHaveLength(1);
  });

  it('refuses to reassign a resolved case (409) or an unknown one (404)', async () => {
    await resolve(world.deps, 'case-api-c1', resolution);
    const move = { owner: 'qa-ines', by: 'qa-manager' };

    await expect(reassign(world.deps, 'case-api-c1', move)).rejects.toThrow(ConflictError);
    await expect(reassign(world.deps, 'case-api-x', move)).rejects.toThrow(NotFoundError);
  });
});

describe('the case indicators', () => {
  it('reports the period’s cases and reads histories only for cases old enough to tell', async () => {
    const { deps, histories, reread } = fakeDeps();
    const settle = (c: ComplaintCase, at: Date) =>
      resolveCase(c, { note: 'Ok', firstContact: true, by: 'qa-tomas' }, at).case;
    deps.cases.put(settle(aCase('kept', 120, { customerId: 'ana' }), daysAgo(118)));
    deps.cases.put(settle(aCase('lost', 115, { customerId: 'bo' }), daysAgo(110)));
    deps.cases.put(settle(aCase('recent', 30, { customerId: 'cy' }), daysAgo(29)));
    deps.cases.put(settle(aCase('before', 400, { customerId: 'di' }), daysAgo(399)));
    histories.set('ana', {
      history: { customerId: 'ana', events: [{ at: +daysAgo(60), type: 'purchase', amount: 80 }] },
    });

    const report = await caseIndicators(deps, {
      from: daysAgo(200).toISOString(),
      to: NOW.toISOString(),
    });

    expect(report.cases).toBe(3);
    expect(report.shareAtFirstContact).toBe(1);
    expect(report.recoveryRate).toEqual({ windowDays: 90, eligible: 2, recovered: 1, rate: 0.5 });
    expect(reread.sort()).toEqual(['ana', 'bo']);
  });

  it('refuses a missing or reversed period', async () => {
    const { deps } = fakeDeps();
    const missing = await rejection(caseIndicators(deps, { from: '2026-11-01' }));
    expect((missing as InvalidInputError).issues).toEqual([
      expect.objectContaining({ path: ['query', 'to'] }),
    ]);
    await expect(caseIndicators(deps, { from: '2026-11-02', to: '2026-11-01' })).rejects.toThrow(
      "'to' must be after 'from'",
    );
  });
});
