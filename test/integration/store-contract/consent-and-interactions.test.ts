import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../core/errors.ts';
import type { Interaction } from '../../../core/interaction/interaction.ts';
import { anInteraction, interactionRecorded } from '../../support/builders.ts';
import {
  aConsentChange,
  aNewProfile,
  consentChanged,
  describeStoreContract,
  T1,
  T2,
  T3,
  unique,
} from './support.ts';

describeStoreContract((stores) => {
  describe('consent', () => {
    it('puts a newer decision in force and writes its event with it', async () => {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [aConsentChange({ at: T1 })], []);
      const optOut = aConsentChange({
        status: 'denied',
        at: T2,
        recordedAt: T2,
        by: 'call-centre',
      });
      const event = consentChanged(profile.id, optOut);

      const result = await stores.customers.recordConsent(profile.id, optOut, [event]);

      expect(result).toBe('in-force');
      expect((await stores.customers.getCustomer(profile.id))?.consent).toEqual({
        email: { status: 'denied', source: 'web-form', at: T2, by: 'call-centre' },
      });
      expect(await stores.storedEvent(event.id)).toEqual(event);
    });

    it('puts a decision as recent as the one in force in force (not older is enough)', async () => {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [aConsentChange({ at: T2 })], []);
      const sameTime = aConsentChange({ status: 'denied', at: T2, recordedAt: T3 });

      const result = await stores.customers.recordConsent(profile.id, sameTime, []);

      expect(result).toBe('in-force');
      expect((await stores.customers.getCustomer(profile.id))?.consent.email?.status).toBe(
        'denied',
      );
    });

    it('puts the first decision of a channel in force', async () => {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [aConsentChange({ channel: 'email' })], []);
      const sms = aConsentChange({ channel: 'sms', at: T1, recordedAt: T2 });

      const result = await stores.customers.recordConsent(profile.id, sms, []);

      expect(result).toBe('in-force');
      expect((await stores.customers.getCustomer(profile.id))?.consent).toEqual({
        email: { status: 'granted', source: 'web-form', at: T1, by: 'pos' },
        sms: { status: 'granted', source: 'web-form', at: T1, by: 'pos' },
      });
    });

    it('keeps an older decision in the history only, without its event', async () => {
      const profile = aNewProfile();
      const current = aConsentChange({ at: T2, recordedAt: T2 });
      await stores.customers.createCustomer(profile, [current], []);
      const late = aConsentChange({ status: 'denied', at: T1, recordedAt: T3 });
      const event = consentChanged(profile.id, late);

      const result = await stores.customers.recordConsent(profile.id, late, [event]);

      expect(result).toBe('history-only');
      expect((await stores.customers.getCustomer(profile.id))?.consent).toEqual({
        email: { status: 'granted', source: 'web-form', at: T2, by: 'pos' },
      });
      expect(await stores.customers.consentHistory(profile.id, 10)).toEqual([late, current]);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses a decision for an unknown customer, writing no history and no event', async () => {
      const customerId = unique('nobody');
      const change = aConsentChange();
      const event = consentChanged(customerId, change);

      const attempt = stores.customers.recordConsent(customerId, change, [event]);

      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
      expect(await stores.customers.consentHistory(customerId, 10)).toEqual([]);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('answers the consent history newest first by when it was recorded, up to the limit', async () => {
      const profile = aNewProfile();
      const first = aConsentChange({ recordedAt: T1 });
      await stores.customers.createCustomer(profile, [first], []);
      const second = aConsentChange({ status: 'denied', at: T2, recordedAt: T2 });
      const third = aConsentChange({ at: T1, recordedAt: T3 });
      await stores.customers.recordConsent(profile.id, second, []);
      await stores.customers.recordConsent(profile.id, third, []);

      expect(await stores.customers.consentHistory(profile.id, 2)).toEqual([third, second]);
    });
  });

  describe('interactions', () => {
    async function aStoredCustomer(): Promise<string> {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [], []);
      return profile.id;
    }

    it('records an interaction with its event, on a timeline read newest first', async () => {
      const customerId = await aStoredCustomer();
      const earlier = anInteraction({ id: unique('visit'), customerId });
      const later = anInteraction({
        id: unique('visit'),
        customerId,
        occurredAt: '2026-11-23T21:00:00.000Z',
      });

      const first = await stores.interactions.recordInteraction(earlier, 'hash-1', [
        interactionRecorded(earlier),
      ]);
      await stores.interactions.recordInteraction(later, 'hash-2', [interactionRecorded(later)]);

      expect(first).toEqual({ outcome: 'recorded' });
      expect(await stores.interactions.timeline(customerId, 10)).toEqual({
        interactions: [later, earlier],
        messages: [],
      });
      expect(await stores.storedEvent(`interaction.recorded:${earlier.id}`)).toEqual(
        interactionRecorded(earlier),
      );
    });

    it('answers a duplicate id with the stored interaction and request hash, writing nothing', async () => {
      const customerId = await aStoredCustomer();
      const original = anInteraction({ id: unique('visit'), customerId });
      await stores.interactions.recordInteraction(original, 'hash-original', [
        interactionRecorded(original),
      ]);
      const other: Interaction = { ...original, type: 'purchase', recordedAt: T3 };
      const event = { ...interactionRecorded(other), id: unique('second-recording') };

      const result = await stores.interactions.recordInteraction(other, 'hash-other', [event]);

      expect(result).toEqual({
        outcome: 'duplicate',
        existing: { interaction: original, requestHash: 'hash-original' },
      });
      expect((await stores.interactions.timeline(customerId, 10)).interactions).toEqual([original]);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses an interaction for an unknown customer without taking its id', async () => {
      const id = unique('visit');
      const orphan = anInteraction({ id, customerId: unique('nobody') });

      const attempt = stores.interactions.recordInteraction(orphan, 'hash', [
        interactionRecorded(orphan),
      ]);

      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
      expect(await stores.storedEvent(`interaction.recorded:${id}`)).toBeUndefined();
      const customerId = await aStoredCustomer();
      expect(
        await stores.interactions.recordInteraction(anInteraction({ id, customerId }), 'hash', []),
      ).toEqual({ outcome: 'recorded' });
    });
  });
});
