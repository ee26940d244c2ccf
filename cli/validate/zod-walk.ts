import type * as z from 'zod';

/** The parts of zod 4's schema definitions this walker reads (`schema._zod.def`). */
interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly in?: z.ZodType;
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault']);

/** The schema with optional/default/pipe wrappers taken off. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else break;
  }
  return current;
}

/**
 * The schema of the value at `path`, following the data where a union needs it (a discriminated
 * union picks the option its discriminator value names; a plain union the first option that has
 * the next key). Undefined when the path leaves what the schema describes.
 */
export function schemaAt(
  schema: z.ZodType,
  path: readonly PropertyKey[],
  data?: unknown,
): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  let value = data;
  for (const segment of path) {
    current = current && pickOption(current, value, segment);
    const next = current && childSchema(defOf(current), segment);
    if (!next) return undefined;
    current = unwrap(next);
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<PropertyKey, unknown>)[segment]
        : undefined;
  }
  return current && pickOption(current, value, undefined);
}

function childSchema(def: Def, segment: PropertyKey): z.ZodType | undefined {
  if (def.type === 'object') return def.shape?.[String(segment)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}

function pickOption(
  schema: z.ZodType,
  value: unknown,
  nextKey: PropertyKey | undefined,
): z.ZodType | undefined {
  const def = defOf(schema);
  if (def.type !== 'union' || !def.options) return schema;
  const options = def.options.map(unwrap);
  if (def.discriminator && value !== null && typeof value === 'object') {
    const wanted = (value as Record<string, unknown>)[def.discriminator];
    const match = options.find((option) =>
      literalValues(defOf(option).shape?.[def.discriminator ?? ''])?.includes(wanted),
    );
    if (match) return match;
  }
  if (nextKey !== undefined) {
    return options.find((option) => defOf(option).shape?.[String(nextKey)] !== undefined);
  }
  return schema;
}

/** The keys an object schema at `path` accepts (empty when it is not an object). */
export function objectKeys(schema: z.ZodType, path: readonly PropertyKey[], data?: unknown) {
  const at = schemaAt(schema, path, data);
  const def = at ? defOf(at) : undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** The values an enum or literal schema allows; undefined for anything else. */
export function literalValues(schema: z.ZodType | undefined): unknown[] | undefined {
  if (!schema) return undefined;
  const def = defOf(unwrap(schema));
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'literal' && def.values) return [...def.values];
  if (def.type === 'boolean') return [true, false];
  return undefined;
}

/** The JSON type a schema accepts, when it is a single one. */
export function valueType(
  schema: z.ZodType | undefined,
): 'string' | 'number' | 'boolean' | undefined {
  if (!schema) return undefined;
  const type = defOf(unwrap(schema)).type;
  if (type === 'string' || type === 'enum') return 'string';
  if (type === 'number' || type === 'int') return 'number';
  if (type === 'boolean') return 'boolean';
  return undefined;
}
