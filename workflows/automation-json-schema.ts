import * as z from 'zod';
import { Automation } from '../core/automation/automation.ts';

/**
 * The JSON Schema editors use for autocompletion and inline errors in automation files (the
 * `yaml-language-server` comment at the top of each file points to it). Generated from the zod
 * schema so the two cannot disagree; a test fails when the committed file is stale.
 */
export function automationJsonSchema(): string {
  const schema = z.toJSONSchema(Automation, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Rapport automation', $id: 'https://rapport.dev/schemas/automation.json' }, null, 2)}\n`;
}
