import { describe, expect, it } from 'vitest';
import { InvalidInputError, NotFoundError } from '../../../core/errors.ts';
import { updateConsent } from '../../../core/use-cases/customers.ts';
import { aCustomer } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { customerDeps } from './support.ts';

const NOW = '2026-11-23T20:00:00.000Z';
const WEB = { principal: 'arn:aws:iam::123456789012:role/web' };
/** Ana's decision in force (builders.ts): email granted on 2026-11-01, recorded by `pos`. */
const IN_FORCE = {
  status: 'granted',
  source: 'web-form',
  at: '2026-11-01T15:00:00.000Z',
  by: 'pos',
} as const;

function setup() {
  const world = fakeWorld(NOW);
  world.customers.seed(aCustomer());
  return { world, deps: customerDeps(world) };
}

const optOut = { status: 'denied', source: 'unsubscribe-link', at: '2026-11-20T10:00:00Z' };

describe('updateConsent', () => {
  it('puts a newer decision in force and answers the customer with it', async () => {
    const { world, deps } = setup();

    const result = await updateConsent(deps, 'ana-garcia', 'email', optOut, WEB);

    const denied = {
      status: 'denied',
      source: 'unsubscribe-link',
      at: '2026-11-20T10:00:00.000Z',
      by: WEB.principal,
    };
    expect(result.inForce).toBe(true);
    expect(result.customer.consent).toEqual({ email: denied });
    expect((await world.customers.getCustomer('ana-garcia'))?.consent).toEqual({ email: denied });
  });

  it('writes consent.changed with the decision, in the same write that puts it in force', async () => {
    const { world, deps } = setup();

    await updateConsent(deps, 'ana-garcia', 'email', optOut, WEB);

    expect(world.outbox.writes).toEqual([
      {
        operation: 'recordConsent',
        key: 'ana-garcia',
        events: [
          {
            id: 'consent.changed:ana-garcia:email:id-1',
            type: 'consent.changed',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              channel: 'email',
              status: 'denied',
              source: 'unsubscribe-link',
              by: WEB.principal,
            },
          },
        ],
      },
    ]);
  });

  it('keeps a decision older than the one in force in the history only, with no event', async () => {
    const { world, deps } = setup();
    const stale = { ...optOut, at: '2026-10-01T10:00:00Z' };

    const result = await updateConsent(deps, 'ana-garcia', 'email', stale, WEB);

    expect(result.inForce).toBe(false);
    expect(result.customer.consent).toEqual({ email: IN_FORCE });
    expect((await world.customers.getCustomer('ana-garcia'))?.consent).toEqual({ email: IN_FORCE });
    expect(await world.customers.consentHistory('ana-garcia', 10)).toEqual([
      expect.objectContaining({ status: 'denied', at: '2026-10-01T10:00:00.000Z' }),
    ]);
    expect(world.outbox.events).toEqual([]);
  });

  it('records the caller, the change id and when it was recorded with the decision', async () => {
    const { world, deps } = setup();

    await updateConsent(deps, 'ana-garcia', 'email', optOut, WEB);

    expect(await world.customers.consentHistory('ana-garcia', 10)).toEqual([
      {
        channel: 'email',
        status: 'denied',
        source: 'unsubscribe-link',
        at: '2026-11-20T10:00:00.000Z',
        by: WEB.principal,
        changeId: 'id-1',
        recordedAt: NOW,
      },
    ]);
  });

  it('dates a decision that brings no time now', async () => {
    const { deps } = setup();

    const result = await updateConsent(
      deps,
      'ana-garcia',
      'email',
      { status: 'denied', source: 'call' },
      WEB,
    );

    expect(result.inForce).toBe(true);
    expect(result.customer.consent.email).toMatchObject({ status: 'denied', at: NOW });
  });

  it('puts the first decision for a channel in force next to the others', async () => {
    const { deps } = setup();

    const result = await updateConsent(deps, 'ana-garcia', 'sms', optOut, WEB);

    expect(result.customer.consent).toEqual({
      email: IN_FORCE,
      sms: expect.objectContaining({ status: 'denied' }),
    });
  });

  it('refuses a decision dated in the future, writing nothing', async () => {
    const { world, deps } = setup();
    const future = { ...optOut, at: '2026-11-25T20:00:01Z' };

    const attempt = updateConsent(deps, 'ana-garcia', 'email', future, WEB);

    await expect(attempt).rejects.toMatchObject({
      name: 'InvalidInputError',
      issues: [expect.objectContaining({ path: ['at'] })],
    });
    expect(world.outbox.writes).toEqual([]);
    expect(await world.customers.consentHistory('ana-garcia', 10)).toEqual([]);
  });

  it('refuses a body that is not a decision, writing nothing', async () => {
    const { world, deps } = setup();

    const attempt = updateConsent(deps, 'ana-garcia', 'email', { status: 'maybe' }, WEB);

    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    expect(world.outbox.writes).toEqual([]);
  });

  it('answers NotFoundError for an unknown customer, writing nothing', async () => {
    const { world, deps } = setup();

    const attempt = updateConsent(deps, 'nobody', 'email', optOut, WEB);

    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    expect(world.outbox.writes).toEqual([]);
  });
});
