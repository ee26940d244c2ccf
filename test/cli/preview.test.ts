import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.ts';
import { runCli } from '../../cli/main.ts';
import { REPO } from './run-cli.ts';

const ANA = 'test/fixtures/customers/ana.json';

async function preview(...args: string[]) {
  const { io, text, errors } = memoryIo({ cwd: REPO });
  const code = await runCli(['preview', ...args], io);
  return { code, out: text(), err: errors() };
}

function tempJson(name: string, value: unknown): string {
  const path = join(tmpdir(), `rapport-preview-${process.pid}-${name}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('rapport preview', () => {
  it("says when the follow-up fires in the customer's time and UTC, on which channel, with the message", async () => {
    const run = await preview(
      'next-day-follow-up',
      '--customer-file',
      ANA,
      '--at',
      '2026-11-23T19:30:00-05:00',
    );
    expect(run.code).toBe(0);
    expect(run.out).toContain(
      'ok   interaction.type in ["purchase","visit","call","chat","support"]  (is "visit")',
    );
    expect(run.out).toContain('Would fire: yes');
    expect(run.out).toContain('When:       Tue 24 Nov 2026 10:00 America/Bogota (15:00 UTC)');
    expect(run.out).toContain('Channel: email to ana@example.com');
    expect(run.out).toContain('Subject: Ana, ¿cómo le fue?');
    expect(run.out).toContain('Gracias por su visita del 23 de noviembre de 2026.');
  });

  it('explains why it would not fire when a condition fails (an event from a file)', async () => {
    const event = tempJson('complaint', {
      customerId: 'ana-garcia',
      interaction: {
        id: 'c-1',
        customerId: 'ana-garcia',
        type: 'complaint',
        touchpoint: 'call-centre',
        occurredAt: '2026-11-23T20:00:00.000Z',
        metadata: {},
        recordedAt: '2026-11-23T20:00:01.000Z',
      },
    });
    const run = await preview(
      'next-day-follow-up',
      '--customer-file',
      ANA,
      '--event-file',
      event,
      '--at',
      '2026-11-23T20:00:05Z',
    );
    expect(run.out).toContain('FAIL interaction.type in');
    expect(run.out).toContain('(is "complaint")');
    expect(run.out).toContain('Would fire: no (conditions-not-met)');
  });

  it('shows the channel decision: no consent for email means nothing is sent', async () => {
    const customer = tempJson('no-consent', {
      id: 'luis',
      name: { given: 'Luis' },
      timeZone: 'Europe/Madrid',
      contact: { email: 'l@example.com' },
    });
    const run = await preview(
      'next-day-follow-up',
      '--customer-file',
      customer,
      '--at',
      '2026-11-23T12:00:00Z',
    );
    expect(run.out).toContain('Would fire: yes');
    expect(run.out).toContain('When:       Tue 24 Nov 2026 10:00 Europe/Madrid (09:00 UTC)');
    expect(run.out).toContain('Not sent: no consent recorded for the channel');
  });

  it('names the automations when the one asked for does not exist, exit 1', async () => {
    const run = await preview('next-day-folow-up', '--customer-file', ANA);
    expect(run.code).toBe(1);
    expect(run.err).toContain("did you mean 'next-day-follow-up'?");
  });

  it('needs exactly one customer source, exit 2', async () => {
    const run = await preview('next-day-follow-up');
    expect(run.code).toBe(2);
    expect(run.err).toContain('give exactly one of --customer-file <f.json> or --customer <id>');
  });
});
