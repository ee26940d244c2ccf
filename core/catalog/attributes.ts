import * as z from 'zod';
import { AttributeName } from '../customer/customer.ts';

/**
 * The customer attributes automations may read (`customer.attributes.<name>` in templates and
 * conditions), declared in `workflows/attributes.yaml` with their type and an example, so that a
 * template naming an undeclared attribute fails validation instead of a send.
 */
export const AttributeDeclaration = z.strictObject({
  type: z.enum(['string', 'number', 'boolean', 'date']),
  description: z.string().min(1),
  /** Used to render templates at validation; of the declared type (dates as YYYY-MM-DD). */
  example: z.union([z.string(), z.number(), z.boolean()]),
});
export type AttributeDeclaration = z.infer<typeof AttributeDeclaration>;

export const AttributesFile = z
  .strictObject({ attributes: z.record(AttributeName, AttributeDeclaration).default({}) })
  .superRefine((file, context) => {
    for (const [name, declaration] of Object.entries(file.attributes)) {
      if (!exampleMatches(declaration)) {
        context.addIssue({
          code: 'custom',
          path: ['attributes', name, 'example'],
          message: `must be a ${declaration.type}${declaration.type === 'date' ? ' written YYYY-MM-DD' : ''}`,
        });
      }
    }
  });
export type AttributesFile = z.infer<typeof AttributesFile>;
export type AttributeDeclarations = AttributesFile['attributes'];

function exampleMatches({ type, example }: AttributeDeclaration): boolean {
  switch (type) {
    case 'date':
      return typeof example === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(example);
    case 'string':
      return typeof example === 'string';
    case 'number':
      return typeof example === 'number';
    case 'boolean':
      return typeof example === 'boolean';
  }
}
