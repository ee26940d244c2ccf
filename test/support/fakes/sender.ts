import type { OutgoingMessage, Sender } from '../../../core/ports.ts';

/** What the provider does with one send: accept it, or throw (PermanentDeliveryError, ...). */
export type SendStep = 'succeed' | Error;

/**
 * A Sender, scripted per call: each send takes the next step of the script (succeed once it runs
 * out). Every call is kept in `attempts`, the accepted ones also in `delivered`.
 */
export class ScriptedSender implements Sender {
  readonly attempts: OutgoingMessage[] = [];
  readonly delivered: { readonly message: OutgoingMessage; readonly providerMessageId: string }[] =
    [];
  private readonly script: SendStep[];

  constructor(...steps: SendStep[]) {
    this.script = steps;
  }

  /** Adds steps for the next calls. */
  willRespond(...steps: SendStep[]): this {
    this.script.push(...steps);
    return this;
  }

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    this.attempts.push(structuredClone(message));
    const step = this.script.shift() ?? 'succeed';
    if (step instanceof Error) throw step;
    const providerMessageId = `provider-${this.delivered.length + 1}`;
    this.delivered.push({ message: structuredClone(message), providerMessageId });
    return { providerMessageId };
  }
}
