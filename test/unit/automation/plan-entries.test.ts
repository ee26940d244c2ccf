import { describe, expect, it } from 'vitest';
import type { Enrollment } from '../../../core/automation/enrollment.ts';
import { groupOf } from '../../../core/automation/holdout.ts';
import type {
  AutomationCounts,
  EnrollmentStore,
  EntryRecord,
} from '../../../core/automation/ports.ts';
import { planFromEvent } from '../../../core/use-cases/plan-from-event.ts';
import { aCustomer, interactionRecorded } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { followUpCatalog, planDeps } from '../use-cases/support.ts';

/** Enrollments in a map, counts as the DynamoDB adapter keeps them. */
class MemoryEnrollments implements EnrollmentStore {
  readonly items = new Map<string, Enrollment>();
  readonly entered = { treatment: 0, holdout: 0 };
  async enrollments(customerId: string) {
    return new Map(
      [...this.items.values()]
        .filter((item) => item.customerId === customerId)
        .map((item) => [item.automationId, item]),
    );
  }
  async recordEntry({ enrollment }: EntryRecord) {
    this.items.set(`${enrollment.customerId}/${enrollment.automationId}`, enrollment);
    this.entered[enrollment.group] += 1;
    return 'recorded' as const;
  }
  async recordConversion() {
    return true;
  }
  async clearPending() {}
  async counts(): Promise<AutomationCounts> {
    return { entered: { ...this.entered }, converted: { treatment: 0, holdout: 0 } };
  }
}

/** A customer id in the holdout of `test-follow-up` at a share of 0.5. */
const heldOutId = Array.from({ length: 100 }, (_, index) => `c-${index}`).find(
  (id) => groupOf('test-follow-up', id, 0.5) === 'holdout',
) as string;

describe('the engine with entry rules and a holdout', () => {
  it('records a held-out decision and the entry, and arms nothing', async () => {
    const world = fakeWorld('2026-11-23T20:00:01.000Z');
    world.customers.seed(aCustomer({ id: heldOutId }));
    const enrollments = new MemoryEnrollments();
    const catalog = followUpCatalog({
      holdout: 0.5,
      goal: { event: 'interaction.recorded', within: 'P60D' },
    });
    const event = interactionRecorded();
    const deps = { ...planDeps(world, catalog), enrollments };

    const outcome = await planFromEvent(deps, {
      ...event,
      data: { ...event.data, customerId: heldOutId },
    } as typeof event);

    expect(outcome.planned).toEqual([]);
    expect(outcome.decisions).toEqual([
      expect.objectContaining({ outcome: 'held-out', reason: 'held-out: 50% control group' }),
    ]);
    expect(world.scheduler.requests).toEqual([]);
    expect(world.queue.sent).toEqual([]);
    expect(await world.schedules.decisions(heldOutId, 10)).toEqual([
      expect.objectContaining({ outcome: 'held-out', automationId: 'test-follow-up' }),
    ]);
    expect(enrollments.entered).toEqual({ treatment: 0, holdout: 1 });
    expect([...enrollments.items.values()][0]).toMatchObject({
      group: 'holdout',
      entries: 1,
      goalUntil: '2027-01-22T20:00:01.000Z',
    });
  });
});
