import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../core/customer/customer.ts';
import { ConflictError } from '../../../core/errors.ts';
import {
  aConsentChange,
  aNewProfile,
  consentChanged,
  describeStoreContract,
  registered,
  T1,
  T2,
  T3,
  unique,
  updated,
} from './support.ts';

describeStoreContract((stores) => {
  describe('customers', () => {
    it('creates a customer with its external ids, consent in force and history, and its events', async () => {
      const profile = aNewProfile();
      const grant = aConsentChange();
      const events = [registered(profile.id), consentChanged(profile.id, grant)];

      await stores.customers.createCustomer(profile, [grant], events);

      expect(await stores.customers.getCustomer(profile.id)).toEqual({
        ...profile,
        consent: { email: { status: 'granted', source: 'web-form', at: T1, by: 'pos' } },
        reachability: {},
        holds: { openCases: [] },
      });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', profile.externalIds.pos ?? ''),
      ).toBe(profile.id);
      expect(await stores.customers.consentHistory(profile.id, 10)).toEqual([grant]);
      expect(await stores.storedEvent(events[0]?.id ?? '')).toEqual(events[0]);
      expect(await stores.storedEvent(events[1]?.id ?? '')).toEqual(events[1]);
    });

    it('refuses a second customer with the same id, writing none of it and none of its events', async () => {
      const first = aNewProfile();
      await stores.customers.createCustomer(first, [], [registered(first.id)]);
      const second = aNewProfile({ id: first.id, name: { given: 'Other' } });
      const event = registered(first.id, unique('second-registration'));

      const attempt = stores.customers.createCustomer(second, [], [event]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(first.id)).toMatchObject({ name: first.name });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', second.externalIds.pos ?? ''),
      ).toBeUndefined();
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses a customer whose external id belongs to another, writing nothing', async () => {
      const owner = aNewProfile();
      await stores.customers.createCustomer(owner, [], []);
      const intruder = aNewProfile({ externalIds: owner.externalIds });
      const grant = aConsentChange();

      const attempt = stores.customers.createCustomer(intruder, [grant], [registered(intruder.id)]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(intruder.id)).toBeUndefined();
      expect(await stores.customers.consentHistory(intruder.id, 10)).toEqual([]);
      expect(await stores.storedEvent(`customer.registered:${intruder.id}`)).toBeUndefined();
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', owner.externalIds.pos ?? ''),
      ).toBe(owner.id);
    });

    it('replaces a profile read at its current version, moving external ids and keeping consent and system state', async () => {
      const before = aNewProfile();
      const grant = aConsentChange();
      await stores.customers.createCustomer(before, [grant], []);
      await stores.putHolds(before.id, { openCases: ['case-1'] });
      const next: CustomerProfile = {
        ...before,
        name: { given: 'Ana María' },
        externalIds: { web: unique('W') },
        updatedAt: T2,
      };
      const event = updated(before.id);

      await stores.customers.replaceProfile(next, before, [event]);

      expect(await stores.customers.getCustomer(before.id)).toEqual({
        ...next,
        consent: { email: { status: 'granted', source: 'web-form', at: T1, by: 'pos' } },
        reachability: {},
        holds: { openCases: ['case-1'] },
      });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', before.externalIds.pos ?? ''),
      ).toBeUndefined();
      expect(
        await stores.customers.findCustomerIdByExternalId('web', next.externalIds.web ?? ''),
      ).toBe(before.id);
      expect(await stores.storedEvent(event.id)).toEqual(event);
    });

    it('refuses a replace from a stale read, leaving the profile as it is and writing no event', async () => {
      const v1 = aNewProfile();
      await stores.customers.createCustomer(v1, [], []);
      const v2 = { ...v1, name: { given: 'Second' }, updatedAt: T2 };
      await stores.customers.replaceProfile(v2, v1, []);
      const stale = { ...v1, name: { given: 'Stale' }, updatedAt: T3 };
      const event = updated(v1.id);

      const attempt = stores.customers.replaceProfile(stale, v1, [event]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(v1.id)).toMatchObject({
        name: { given: 'Second' },
        updatedAt: T2,
      });
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses a replace that takes an external id of another customer, writing nothing', async () => {
      const owner = aNewProfile();
      const before = aNewProfile();
      await stores.customers.createCustomer(owner, [], []);
      await stores.customers.createCustomer(before, [], []);
      const next = { ...before, externalIds: owner.externalIds, updatedAt: T2 };
      const event = updated(before.id);

      const attempt = stores.customers.replaceProfile(next, before, [event]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(before.id)).toMatchObject({
        updatedAt: before.updatedAt,
      });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', before.externalIds.pos ?? ''),
      ).toBe(before.id);
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', owner.externalIds.pos ?? ''),
      ).toBe(owner.id);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });
  });
});
