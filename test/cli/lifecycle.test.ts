import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.ts';
import { runCli } from '../../cli/main.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { REPO } from './run-cli.ts';

describe('the CLI against the local runtime', () => {
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), async ({ api }) => {
    expect((await api.post('/customers', anaInput())).status).toBe(201);
  });

  async function rapport(...args: string[]) {
    const { io, text, errors } = memoryIo({
      cwd: REPO,
      env: { RAPPORT_API_URL: local.runtime.apiUrl },
    });
    const code = await runCli(args, io);
    return { code, out: text(), err: errors() };
  }

  async function visit(id: string, occurredAt: string) {
    const response = await local.api.post('/interactions', { ...visitInput(), id, occurredAt });
    expect(response.status).toBe(201);
    await local.runtime.settle();
  }

  it('disables an automation with a schedule in flight: the action is skipped when due, and why says so', async () => {
    await visit('cli-visit-1', '2026-11-23T15:00:00-05:00');
    const before = await rapport('automations');
    expect(before.out).toMatch(/^next-day-follow-up\s+on\s+file\s/m);

    const off = await rapport(
      'disable',
      'next-day-follow-up',
      '--by',
      'ops@example.com',
      '--reason',
      'copy review',
    );
    expect(off.code).toBe(0);
    expect(off.out).toContain(
      'next-day-follow-up is now off (switch set by ops@example.com: copy review)',
    );
    expect((await rapport('automations')).out).toMatch(/^next-day-follow-up\s+off\s+switch\s/m);

    await local.runtime.advanceTo(new Date('2026-11-24T16:00:00Z'));
    const why = await rapport('why', 'ana-garcia', 'next-day-follow-up');
    expect(why.code).toBe(0);
    expect(why.out).toContain('times in America/Bogota\nNow: consent email granted');
    expect(why.out).toMatch(
      /Tue 24 Nov 2026 10:00 America\/Bogota \(15:00 UTC\)\s+skipped: the automation was switched off/,
    );
  });

  it('enables it again: the next visit is planned and sent, and the history records both changes', async () => {
    const on = await rapport('enable', 'next-day-follow-up', '--by', 'ops@example.com');
    expect(on.code).toBe(0);
    expect(on.out).toContain('next-day-follow-up is now on');

    await visit('cli-visit-2', '2026-11-24T12:00:00-05:00');
    await local.runtime.advanceTo(new Date('2026-11-25T16:00:00Z'));
    const why = await rapport('why', 'ana-garcia');
    expect(why.out).toMatch(/Wed 25 Nov 2026 10:00 America\/Bogota \(15:00 UTC\)\s+sent on email/);
    expect(why.out).toMatch(/In all: .*1 sent/);

    const detail = await rapport('automations', 'next-day-follow-up');
    expect(detail.out).toContain('next-day-follow-up: on (set by a switch)');
    expect(detail.out).toMatch(/on {2}by ops@example.com\n.*off by ops@example.com: copy review/);
  });

  it('previews an automation for a customer in the store, at the local clock', async () => {
    const preview = await rapport('preview', 'next-day-follow-up', '--customer', 'ana-garcia');
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('Would fire: yes');
    expect(preview.out).toContain('When:       Thu 26 Nov 2026 10:00 America/Bogota (15:00 UTC)');
    expect(preview.out).toContain('Channel: email to ana@example.com');
    expect(preview.out).toContain('Subject: Ana, ¿cómo le fue?');
  });

  it('says what to do when the API is not there, with exit 1', async () => {
    const { io, errors } = memoryIo({ cwd: REPO, env: { RAPPORT_API_URL: 'http://127.0.0.1:9' } });
    expect(await runCli(['automations'], io)).toBe(1);
    expect(errors()).toContain('is Rapport running? Start it with `npm start`');
  });

  it('refuses a switch change without --by, with exit 2', async () => {
    const run = await rapport('disable', 'next-day-follow-up');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--by <who> is required');
  });
});
