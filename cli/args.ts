import { type ParseArgsConfig, parseArgs } from 'node:util';
import { type CliIo, EXIT } from './io.ts';

/**
 * node:util's parseArgs: it ships with Node, is strict about unknown options and types, and the
 * CLI's options are few and flat, so a parser dependency would add install weight and nothing else.
 */
export type Options = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Parses a command's arguments; `--help`/`-h` is added to every command. */
export function parse(argv: readonly string[], options: Options): Parsed {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    }) as Parsed;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs a command body, turning usage errors into exit 2 with the command's help. */
export async function withUsage(
  io: CliIo,
  help: string,
  body: () => Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n`);
      io.err(help);
      return EXIT.usage;
    }
    throw error;
  }
}

/** A whole number option within bounds, or a usage error naming the option. */
export function intOption(
  value: string | undefined,
  name: string,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got '${value}'`);
  }
  return number;
}

/** The local API's address: --api, else RAPPORT_API_URL, else the local runtime's default port. */
export function apiUrl(io: CliIo, given: string | undefined): string {
  return (given ?? io.env.RAPPORT_API_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, '');
}

export { EXIT };

/** A string option's value (parseArgs types them loosely once options are dynamic). */
export function str(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}
