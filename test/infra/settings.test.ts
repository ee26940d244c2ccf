import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build-app.ts';
import { resolveSettings } from '../../infra/settings.ts';
import { removeOutdirs, SYNTH_TIMEOUT_MS, tempOutdir } from './support/synth.ts';

const build = (context: Record<string, unknown>) =>
  buildApp({
    outdir: tempOutdir(),
    context: { 'aws:cdk:bundling-stacks': [], ...context },
  });

// Some tests synthesize the stack: seconds alone, far more on a machine busy with other work.
describe('the stack settings', { timeout: SYNTH_TIMEOUT_MS }, () => {
  afterAll(removeOutdirs);

  it('defaults to UTC, exact-time schedules, 30-day logs, the sender domain as identity, 14 sends per second over 2 dispatchers, tiers weekly on Mondays at 03:00 UTC', () => {
    expect(resolveSettings({ senderAddress: 'hello@mail.shop.example' })).toEqual({
      senderAddress: 'hello@mail.shop.example',
      senderName: 'Rapport',
      sesIdentity: 'mail.shop.example',
      defaultTimeZone: 'UTC',
      flexibleWindowMinutes: 0,
      logRetentionDays: 30,
      sesSendRatePerSecond: 14,
      dispatchConcurrency: 2,
      tierSchedule: 'cron(0 3 ? * MON *)',
      tierTimeZone: 'UTC',
    });
  });

  it('accepts a parent domain or the exact address as the SES identity', () => {
    const sender = 'hello@mail.shop.example';
    expect(resolveSettings({ senderAddress: sender, sesIdentity: 'shop.example' })).toMatchObject({
      sesIdentity: 'shop.example',
    });
    expect(resolveSettings({ senderAddress: sender, sesIdentity: sender })).toMatchObject({
      sesIdentity: sender,
    });
  });

  it.each([
    [{ senderAddress: 'not-an-address' }, 'rapport:senderAddress'],
    [{ senderAddress: 'a@shop.example', sesIdentity: 'other.example' }, 'rapport:sesIdentity'],
    [{ defaultTimeZone: 'Mars/Olympus' }, 'rapport:defaultTimeZone'],
    [{ defaultTimeZone: '-05:00' }, 'rapport:defaultTimeZone'],
    [{ flexibleWindowMinutes: 1441 }, 'rapport:flexibleWindowMinutes'],
    [{ logRetentionDays: 31 }, 'rapport:logRetentionDays'],
    [{ alarmEmail: 'ops' }, 'rapport:alarmEmail'],
    [{ sesSendRatePerSecond: 0 }, 'rapport:sesSendRatePerSecond'],
    [{ sesSendRatePerSecond: 5000 }, 'rapport:sesSendRatePerSecond'],
    [{ dispatchConcurrency: 1 }, 'rapport:dispatchConcurrency'],
    [{ dispatchConcurrency: 2.5 }, 'rapport:dispatchConcurrency'],
    [{ dispatchConcurrency: 1001 }, 'rapport:dispatchConcurrency'],
    [{ tierSchedule: 'every monday' }, 'rapport:tierSchedule'],
    [{ tierTimeZone: 'Mars/Olympus' }, 'rapport:tierTimeZone'],
    [{ sesConfigurationSet: 'has spaces' }, 'rapport:sesConfigurationSet'],
  ])('refuses %o, naming %s', (settings, key) => {
    expect(() => resolveSettings(settings)).toThrow(key);
  });

  it('reads numbers given as text on the command line', () => {
    const { stack } = build({
      'rapport:senderAddress': 'hello@shop.example',
      'rapport:flexibleWindowMinutes': '10',
      'rapport:logRetentionDays': '90',
      'rapport:sesSendRatePerSecond': '50',
      'rapport:dispatchConcurrency': '5',
    });
    expect(stack.settings).toMatchObject({
      flexibleWindowMinutes: 10,
      logRetentionDays: 90,
      sesSendRatePerSecond: 50,
      dispatchConcurrency: 5,
    });
  });

  it('stops the synth with the context key when a value is not a number', () => {
    expect(() => build({ 'rapport:flexibleWindowMinutes': 'soon' })).toThrow(
      /rapport:flexibleWindowMinutes/,
    );
  });

  it('warns when messages would go out from the placeholder sender', () => {
    const { stack } = build({ 'rapport:senderAddress': '' });
    Annotations.fromStack(stack).hasWarning(
      '/Rapport',
      Match.stringLikeRegexp('placeholder no-reply@example.com'),
    );
  });

  it('does not warn once a sender is configured', () => {
    const { stack } = build({ 'rapport:senderAddress': 'hello@shop.example' });
    Annotations.fromStack(stack).hasNoWarning('/Rapport', Match.anyValue());
  });
});
