import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';

/**
 * Complaint recovery end to end on the local runtime, as the README walks it: a complaint posted
 * as an interaction over HTTP, the clock moved over HTTP, every message read from the local SES
 * outbox (the customer's acknowledgement, the owner's reminder, the thank-you, the follow-up),
 * and the resolution sent through the case API.
 */
describe('a complaint recovered on the local runtime', () => {
  const local = useTestRuntime(new Date('2026-11-23T09:00:05-05:00'));
  const sesUrl = inject('sesUrl');
  const email = uniqueAddress('complaint-ana');
  const interactionId = `complaint-${randomUUID().slice(0, 8)}`;
  const caseId = `case-interaction-${interactionId}`;
  const about = async (to: string | undefined, subject: string) =>
    (await sentEmails(sesUrl, to)).filter(
      (mail) => mail.subject.includes(subject) && (mail.body.text ?? '').includes(caseId),
    );

  it('acknowledges at once, reminds the owner on day 2, thanks, follows up, and reopens on an unhappy answer', async () => {
    const { api } = local;
    // Prepare: a customer in Bogota complains at the store on Monday morning
    const customer = { ...anaInput(), locale: 'en', contact: { email } };
    expect((await api.post('/customers', customer)).status).toBe(201);
    const complaint = {
      ...visitInput(),
      id: interactionId,
      type: 'complaint',
      occurredAt: '2026-11-23T09:00:00-05:00',
      metadata: { severity: 'medium', category: 'product', description: 'The blender broke.' },
    };
    expect((await api.post('/interactions', complaint)).status).toBe(201);

    // Act 1: a minute later the case is open, owned by QA, and the customer has heard from them
    await api.post('/_local/clock', { advance: '1m' });
    const opened = await api.get(`/cases/${caseId}`);
    expect(opened.status).toBe(200);
    const owner = opened.body.owner as string;
    expect(owner).toMatch(/^qa-/);
    const acknowledgements = await about(email, 'we have your complaint');
    expect(acknowledgements).toHaveLength(1);
    expect(acknowledgements[0]?.body.text).toContain('I will\nlook after your complaint');

    // Act 2: two days on, unresolved, the owner is reminded
    await api.post('/_local/clock', { to: '2026-11-25T09:30:00-05:00' });
    const reminders = await about(undefined, `Reminder: complaint ${caseId}`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.destination.to).toEqual([expect.stringMatching(/@rapport\.example$/)]);

    // Act 3: the owner resolves it through the case API; the workflow thanks the customer
    const resolution = { note: 'We replaced the blender.', firstContact: false, by: owner };
    const resolved = await api.post(`/cases/${caseId}/resolution`, resolution);
    expect(resolved.status).toBe(200);
    await api.post('/_local/clock', { advance: '1m' });
    expect(await about(email, 'your complaint is resolved')).toHaveLength(1);

    // Act 4: three days later the follow-up check goes out, a CSAT survey about the case
    await api.post('/_local/clock', { to: '2026-11-28T12:00:00-05:00' });
    const followUps = await about(email, 'is everything right now');
    expect(followUps).toHaveLength(1);
    const resolvedCase = await api.get(`/cases/${caseId}`);
    expect(resolvedCase.body).toMatchObject({ status: 'resolved', owner });
    const history = (resolvedCase.body.history as { kind: string }[]).map((entry) => entry.kind);
    expect(history).toEqual(
      expect.arrayContaining(['opened', 'assigned', 'acknowledged', 'reminded', 'resolved']),
    );
    expect(history.filter((kind) => kind === 'thanked')).toHaveLength(1);
    expect(history.filter((kind) => kind === 'follow-up')).toHaveLength(1);
    expect((await api.get('/customers/ana-garcia')).body.customer).toMatchObject({
      holds: { openCases: [] },
    });

    // Act 5: the customer is still unhappy and clicks 1 in the email
    const one = (followUps[0]?.body.text ?? '').match(/^1: (\S+)$/m)?.[1];
    if (!one) throw new Error(`no link for a 1 in the follow-up:\n${followUps[0]?.body.text}`);
    expect((await fetch(one)).status).toBe(200);
    await api.post('/_local/clock', { advance: '1m' });

    // Assess: the case is open again with its owner, marketing held, the customer hears from them
    const reopened = await api.get(`/cases/${caseId}`);
    expect(reopened.body).toMatchObject({ status: 'reopened', owner });
    expect((await api.get('/customers/ana-garcia')).body.customer).toMatchObject({
      holds: { openCases: [caseId] },
    });
    expect(await about(email, 'we have your complaint')).toHaveLength(2);
  });
});
