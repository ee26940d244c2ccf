/** What bad and good bodies share: the JSON object type, fresh ids and a deep setter. */

export type Json = Record<string, unknown>;

let counter = 0;
/** Ids and external ids must be new on every run: a reused one is (rightly) a 409. */
export const unique = (prefix: string) => `${prefix}-${(counter++).toString(36)}`;

export function setPath(base: Json, path: readonly string[], value: unknown): Json {
  const copy = structuredClone(base);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path.at(-1) ?? ''] = value;
  return copy;
}
