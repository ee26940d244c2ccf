import type * as z from 'zod';
import { didYouMean, type Finding } from './finding.ts';
import { type ParsedYaml, positionOf } from './positions.ts';

type Issue = z.core.$ZodIssue;

/** Fix hints for fields whose format is easy to get wrong, by the field's last path segment. */
const FORMAT_HINTS: Record<string, string> = {
  duration: 'ISO 8601 durations: PT2H (two hours), P3D (three days), P1W (a week), P1M (a month)',
  time: 'a 24-hour wall-clock time in quotes, e.g. "10:00" or "18:30"',
  start: 'a 24-hour wall-clock time in quotes, e.g. "09:00"',
  end: 'a 24-hour wall-clock time in quotes, e.g. "18:00"',
  id: 'lowercase words joined by dashes, 3 to 32 characters, e.g. warranty-reminder',
  fact: 'a dotted path: interaction.type, customer.value.tier, customer.attributes.<declared name>',
  template: 'the folder name under workflows/templates/, e.g. next-day-follow-up',
};

/** One finding per zod issue, at the node the issue's path names, with a hint to fix it. */
export function schemaFindings(
  parsed: ParsedYaml,
  error: z.ZodError,
  knownKeys: (path: readonly PropertyKey[]) => readonly string[],
): Finding[] {
  // One finding per node: a bad value can fail several checks of one field (format, then range).
  const seen = new Set<string>();
  const first = error.issues.filter((issue) => {
    const key =
      issue.code === 'unrecognized_keys' ? `${issue.path.join('.')}+keys` : issue.path.join('.');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return first.flatMap((issue) => findingsOf(parsed, issue, knownKeys));
}

interface Site {
  readonly parsed: ParsedYaml;
  readonly path: readonly PropertyKey[];
  readonly where: string;
  readonly last: string;
  readonly value: unknown;
  readonly knownKeys: (path: readonly PropertyKey[]) => readonly string[];
}

function findingsOf(
  parsed: ParsedYaml,
  issue: Issue,
  knownKeys: (path: readonly PropertyKey[]) => readonly string[],
): Finding[] {
  const path = issue.path;
  const site: Site = {
    parsed,
    path,
    where: path.length > 0 ? path.join('.') : '(file)',
    last: String(path[path.length - 1] ?? ''),
    value: valueAt(parsed.data, path),
    knownKeys,
  };
  const one = (message: string, hint?: string): Finding[] => [
    { file: parsed.file, at: positionOf(parsed, path), message, ...(hint ? { hint } : {}) },
  ];
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(site, issue.keys);
    case 'invalid_union':
      return one(...unionMessage(site, issue));
    case 'invalid_value': {
      const options = issue.values.map(String);
      return one(
        `${site.where}: '${String(site.value)}' is not allowed`,
        `${didYouMean(String(site.value), options)}use one of: ${options.join(', ')}`,
      );
    }
    case 'invalid_type':
      return one(...typeMessage(site, issue.expected));
    case 'too_small':
      return Array.isArray(site.value) && site.value.length === 0
        ? one(
            `${site.where}: an empty list can never match`,
            'list the values it should match, or remove the condition',
          )
        : one(`${site.where}: ${issue.message}`, FORMAT_HINTS[site.last]);
    default: {
      const got = site.value === undefined ? '' : ` (got ${describe(site.value)})`;
      return one(`${site.where}: ${issue.message}${got}`, FORMAT_HINTS[site.last]);
    }
  }
}

function unknownKeys(site: Site, keys: readonly string[]): Finding[] {
  const known = site.knownKeys(site.path);
  const listed = known.length > 0 ? `fields here: ${known.join(', ')}` : 'remove it';
  return keys.map((key) => ({
    file: site.parsed.file,
    at: positionOf(site.parsed, site.path, { keyOf: key }),
    message: `unknown field '${key}'${site.path.length > 0 ? ` in ${site.where}` : ''}`,
    hint: `${didYouMean(key, known)}${listed}`,
  }));
}

function unionMessage(site: Site, issue: Issue): [string, string] {
  const discriminator = 'discriminator' in issue ? String(issue.discriminator ?? '') : '';
  const options = 'options' in issue ? (issue.options as unknown[]).map(String) : [];
  if (!discriminator || options.length === 0)
    return [`${site.where}: ${issue.message}`, 'see docs/automations.md'];
  const value = String(site.value);
  return [
    `${site.where}: '${value}' is not a known ${discriminator}`,
    `${didYouMean(value, options)}use one of: ${options.join(', ')}`,
  ];
}

function typeMessage(site: Site, expected: string): [string, string] {
  if (site.value === undefined) {
    return [
      `${site.where} is missing`,
      `add '${site.last}:' (${expected}) here; see docs/automations.md`,
    ];
  }
  const hint =
    expected === 'number' && typeof site.value === 'string'
      ? `write the number without quotes: ${site.value}`
      : `write a ${expected} here`;
  return [`${site.where}: expected ${expected}, got ${describe(site.value)}`, hint];
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} ${String(value)}`;
}
