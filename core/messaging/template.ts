import { Liquid, type Template } from 'liquidjs';
import * as z from 'zod';

/**
 * One locale of a message template: `workflows/templates/<template>/<locale>.yaml`. Each channel
 * renders its own part: email its `subject`, `text` and optional `html`; SMS its `sms`; a call or a
 * visit its `task` (what the owner should do or say). A template has the parts of the channels its
 * automations may use.
 */
export const MessageTemplateSource = z
  .strictObject({
    subject: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    html: z.string().min(1).optional(),
    sms: z.string().min(1).optional(),
    task: z.string().min(1).optional(),
  })
  .superRefine((source, context) => {
    if ((source.subject === undefined) !== (source.text === undefined)) {
      context.addIssue({ code: 'custom', message: 'an email needs both subject and text' });
    }
    if (source.html !== undefined && source.text === undefined) {
      context.addIssue({ code: 'custom', path: ['html'], message: 'html needs subject and text' });
    }
    if (source.text === undefined && source.sms === undefined && source.task === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'give at least one part: subject+text, sms or task',
      });
    }
  });
export type MessageTemplateSource = z.infer<typeof MessageTemplateSource>;

export type TemplatePart = 'email' | 'sms' | 'task';

export type RenderedPart =
  | {
      readonly part: 'email';
      readonly subject: string;
      readonly text: string;
      readonly html?: string;
    }
  | { readonly part: 'sms' | 'task'; readonly text: string };

// LiquidJS: logic-less enough for marketing ops to edit, no code execution, and strict mode turns
// a missing variable into an error instead of a blank in a customer's inbox.
const plain = new Liquid({ strictVariables: true, strictFilters: true });
const escaped = new Liquid({ strictVariables: true, strictFilters: true, outputEscape: 'escape' });

interface Parsed {
  readonly subject?: Template[];
  readonly text?: Template[];
  readonly html?: Template[];
  readonly sms?: Template[];
  readonly task?: Template[];
}

/** A template parsed once at load time, rendered many times. Throws on syntax errors. */
export class CompiledTemplate {
  private readonly parsed: Parsed;
  readonly parts: ReadonlySet<TemplatePart>;

  constructor(
    readonly templateId: string,
    readonly locale: string,
    source: MessageTemplateSource,
  ) {
    const parse = (text: string | undefined, engine = plain) =>
      text === undefined ? undefined : engine.parse(text);
    this.parsed = {
      subject: parse(source.subject),
      text: parse(source.text),
      html: parse(source.html, escaped),
      sms: parse(source.sms),
      task: parse(source.task),
    };
    this.parts = new Set<TemplatePart>([
      ...(source.text ? (['email'] as const) : []),
      ...(source.sms ? (['sms'] as const) : []),
      ...(source.task ? (['task'] as const) : []),
    ]);
  }

  /**
   * Every variable path the template reads, in every part and every branch (static analysis, not
   * a render): `[['customer', 'firstName'], ['trigger', 'interaction', 'localDate'], ...]`.
   */
  variablePaths(): string[][] {
    const seen = new Map<string, string[]>();
    for (const part of Object.values(this.parsed)) {
      if (!part) continue;
      for (const segments of plain.globalVariableSegmentsSync(part)) {
        const path = segments.map(String);
        seen.set(path.join('.'), path);
      }
    }
    return [...seen.values()];
  }

  /** Whether a variable path appears in the given part (e.g. the preferences link in an email). */
  partReads(part: TemplatePart, path: string): boolean {
    const templates =
      part === 'email'
        ? [this.parsed.subject, this.parsed.text, this.parsed.html]
        : [this.parsed[part]];
    return templates.some(
      (template) =>
        template !== undefined &&
        plain.globalVariableSegmentsSync(template).some((segments) => segments.join('.') === path),
    );
  }

  /** Throws (a liquidjs RenderError) when the context lacks a variable the part uses. */
  render(part: TemplatePart, context: Record<string, unknown>): RenderedPart {
    const { parsed } = this;
    switch (part) {
      case 'email': {
        if (!parsed.subject || !parsed.text)
          throw new Error(`${this.templateId} has no email part`);
        // A subject is one line: whatever a variable brought in, it cannot break the header.
        const subject = plain.renderSync(parsed.subject, context).replace(/\s+/g, ' ').trim();
        const text = plain.renderSync(parsed.text, context);
        const html = parsed.html && escaped.renderSync(parsed.html, context);
        return html === undefined ? { part, subject, text } : { part, subject, text, html };
      }
      case 'sms':
      case 'task': {
        const template = parsed[part];
        if (!template) throw new Error(`${this.templateId} has no ${part} part`);
        return { part, text: plain.renderSync(template, context).trim() };
      }
    }
  }
}

/**
 * The best locale a template offers for a customer: exact tag, then its language, then the
 * fallback (`es-CO` -> `es-CO`, `es`, `en`).
 */
export function pickLocale(
  available: readonly string[],
  wanted: string,
  fallback: string,
): string | undefined {
  const language = wanted.split('-')[0] ?? wanted;
  return [wanted, language, fallback].find((candidate) => available.includes(candidate));
}
