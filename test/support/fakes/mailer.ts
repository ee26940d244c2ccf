import type { Mailer, OutgoingEmail } from '../../../core/ports.ts';

/** What the provider does with one send: accept it, or throw (PermanentDeliveryError, ...). */
export type MailerStep = 'succeed' | Error;

/**
 * The Mailer port, scripted per call: each send takes the next step of the script (succeed once it
 * runs out). Every call is kept in `attempts`, the accepted ones also in `delivered`.
 */
export class ScriptedMailer implements Mailer {
  readonly attempts: OutgoingEmail[] = [];
  readonly delivered: { readonly email: OutgoingEmail; readonly providerMessageId: string }[] = [];
  private readonly script: MailerStep[];

  constructor(...steps: MailerStep[]) {
    this.script = steps;
  }

  /** Adds steps for the next calls. */
  willRespond(...steps: MailerStep[]): this {
    this.script.push(...steps);
    return this;
  }

  async send(email: OutgoingEmail): Promise<{ providerMessageId: string }> {
    this.attempts.push(structuredClone(email));
    const step = this.script.shift() ?? 'succeed';
    if (step instanceof Error) throw step;
    const providerMessageId = `provider-${this.delivered.length + 1}`;
    this.delivered.push({ email: structuredClone(email), providerMessageId });
    return { providerMessageId };
  }
}
