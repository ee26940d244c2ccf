import type * as z from 'zod';
import { InvalidInputError } from '../errors.ts';
import { futureProblem } from '../time-zone.ts';

/** Validates data where it enters; the zod issues travel with the error to the 400 response. */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new InvalidInputError('the request body is not valid', result.error.issues);
  }
  return result.data;
}

/** Instants after now (plus a day of clock skew) are refused: a touchpoint cannot report the future. */
export function rejectFuture(instant: string, now: Date, path: readonly (string | number)[]): void {
  const problem = futureProblem(instant, now);
  if (problem) {
    throw new InvalidInputError('the request body is not valid', [
      { code: 'custom', path, message: problem },
    ]);
  }
}
