import { describe, expect, it } from 'vitest';
import { linkMaker, signLink, verifyLink } from '../../../core/messaging/links.ts';

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);
const now = new Date('2026-11-23T12:00:00Z');
const inAnHour = Math.floor(now.getTime() / 1000) + 3600;

describe('signed customer links', () => {
  it('verifies a link signed with the same key, before it expires', () => {
    const token = signLink({ c: 'ana', p: 'unsubscribe', t: 'news', e: inAnHour }, key);

    expect(verifyLink(token, key, now)).toEqual({
      ok: true,
      payload: { c: 'ana', p: 'unsubscribe', t: 'news', e: inAnHour },
    });
  });

  it('refuses a link whose payload was changed, or that another key signed', () => {
    const token = signLink({ c: 'ana', p: 'preferences', e: inAnHour }, key);
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ c: 'bob', p: 'preferences', e: inAnHour })).toString('base64url')}.${signature}`;

    expect(verifyLink(forged, key, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(verifyLink(token, otherKey, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses an expired link, at the second it expires', () => {
    const token = signLink({ c: 'ana', p: 'preferences', e: inAnHour }, key);

    expect(verifyLink(token, key, new Date((inAnHour - 1) * 1000)).ok).toBe(true);
    expect(verifyLink(token, key, new Date(inAnHour * 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('calls anything that is not two dot-separated parts, or not our payload, malformed', () => {
    for (const token of ['', 'abc', 'a.b.c', `${Buffer.from('{"c":1}').toString('base64url')}.x`]) {
      const check = verifyLink(token, key, now);
      expect(check.ok ? 'ok' : check.reason).toMatch(/malformed|tampered/);
    }
    const body = Buffer.from(JSON.stringify({ c: 'ana', p: 'admin', e: inAnHour })).toString(
      'base64url',
    );
    const signedOddPayload = signLink({ c: 'ana', p: 'preferences', e: inAnHour }, key).replace(
      /^[^.]+/,
      body,
    );
    expect(verifyLink(signedOddPayload, key, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('builds preferences and unsubscribe links under the public URL, valid for the configured days', () => {
    const links = linkMaker({ baseUrl: 'https://api.example.com/', key, days: 30 }).linksFor(
      'ana',
      'news',
      now,
    );

    expect(links.preferences).toMatch(/^https:\/\/api\.example\.com\/preferences\/[^/]+$/);
    const token = links.unsubscribe.replace('https://api.example.com/unsubscribe/', '');
    const check = verifyLink(token, key, new Date(now.getTime() + 29 * 86_400_000));
    expect(check).toMatchObject({ ok: true, payload: { c: 'ana', p: 'unsubscribe', t: 'news' } });
    expect(verifyLink(token, key, new Date(now.getTime() + 30 * 86_400_000)).ok).toBe(false);
  });
});
