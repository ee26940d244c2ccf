import { describe, expect, it } from 'vitest';
import { smsLength } from '../../../core/messaging/sms.ts';

describe('SMS length as carriers count it', () => {
  it('fits 160 GSM-7 characters in one segment, and splits 161 into two of 153', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161)).segments).toBe(2);
    expect(smsLength('a'.repeat(306)).segments).toBe(2);
    expect(smsLength('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the GSM-7 extension characters twice', () => {
    expect(smsLength('€'.repeat(80))).toMatchObject({ units: 160, segments: 1 });
    expect(smsLength(`${'€'.repeat(80)}a`).segments).toBe(2);
  });

  it('keeps Spanish é, ñ and ü in GSM-7, but one á makes the whole text UCS-2', () => {
    expect(smsLength('Señor Müller, qué tal').encoding).toBe('GSM-7');
    const accented = smsLength(`Hola, ¿cómo está? ${'x'.repeat(60)}`);
    expect(accented).toMatchObject({ encoding: 'UCS-2', firstNonGsm: 'ó', segments: 2 });
    expect(smsLength('á'.repeat(70)).segments).toBe(1);
    expect(smsLength('á'.repeat(71)).segments).toBe(2);
  });

  it('counts an emoji as two UCS-2 units', () => {
    expect(smsLength('🙂').units).toBe(2);
  });
});
