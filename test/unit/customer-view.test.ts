import { describe, expect, it } from 'vitest';
import { profileOf } from '../../core/customer/customer-view.ts';
import { SYSTEM_PARTS } from '../../core/customer/system-state.ts';
import { aCustomer, aProfile } from '../support/builders.ts';

describe('the profile of a composed customer', () => {
  it('keeps only what touchpoints own: no consent and no system part, preferences included', () => {
    const customer = aCustomer({
      preferences: {
        channels: ['sms'],
        topics: { news: false },
        updatedAt: '2026-11-23T10:00:00Z',
      },
      holds: { openCases: ['case-1'] },
    });

    const profile = profileOf(customer) as Record<string, unknown>;

    expect(Object.keys(profile)).not.toContain('consent');
    for (const part of SYSTEM_PARTS) expect(Object.keys(profile)).not.toContain(part);
    expect(profile).toEqual(aProfile());
  });
});
