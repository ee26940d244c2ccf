import { Liquid, type Template } from 'liquidjs';
import { z } from 'zod';

/** One locale of a message template: `workflows/templates/<template>/<locale>.yaml`. */
export const MessageTemplateSource = z
  .object({
    subject: z.string().min(1),
    text: z.string().min(1),
    html: z.string().min(1).optional(),
  })
  .strict();
export type MessageTemplateSource = z.infer<typeof MessageTemplateSource>;

export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

interface ParsedTemplate {
  readonly subject: Template[];
  readonly text: Template[];
  readonly html?: Template[];
}

// LiquidJS: logic-less enough for marketing ops to edit, no code execution, and strict mode turns
// a missing variable into an error instead of a blank in a customer's inbox.
const plain = new Liquid({ strictVariables: true, strictFilters: true });
const escaped = new Liquid({ strictVariables: true, strictFilters: true, outputEscape: 'escape' });

/** A template parsed once at load time, rendered many times. Throws on syntax errors. */
export class CompiledTemplate {
  private readonly parsed: ParsedTemplate;

  constructor(
    readonly templateId: string,
    readonly locale: string,
    source: MessageTemplateSource,
  ) {
    this.parsed = {
      subject: plain.parse(source.subject),
      text: plain.parse(source.text),
      html: source.html === undefined ? undefined : escaped.parse(source.html),
    };
  }

  /**
   * Every variable path the template reads, in every branch (static analysis, not a render):
   * `[['customer', 'firstName'], ['trigger', 'interaction', 'localDate'], ...]`.
   */
  variablePaths(): string[][] {
    const parts = [this.parsed.subject, this.parsed.text, this.parsed.html ?? []];
    const seen = new Map<string, string[]>();
    for (const part of parts) {
      for (const segments of plain.globalVariableSegmentsSync(part)) {
        const path = segments.map(String);
        seen.set(path.join('.'), path);
      }
    }
    return [...seen.values()];
  }

  /** Throws (a liquidjs RenderError) when the context lacks a variable the template uses. */
  render(context: Record<string, unknown>): RenderedMessage {
    const subject = plain.renderSync(this.parsed.subject, context).trim();
    const text = plain.renderSync(this.parsed.text, context);
    const html = this.parsed.html && escaped.renderSync(this.parsed.html, context);
    return html === undefined ? { subject, text } : { subject, text, html };
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
