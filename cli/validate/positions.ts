import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';

export interface Position {
  readonly line: number;
  readonly col: number;
}

export interface ParsedYaml {
  readonly file: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
  /** The first syntax error, with its position; the data is not trusted then. */
  readonly syntaxError?: { readonly message: string; readonly at: Position };
  readonly data: unknown;
}

/** Parses with a LineCounter, so any node's offset can be turned into a line and a column. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [first] = document.errors;
  if (first) {
    const at = lines.linePos(first.pos[0]);
    // The message's first line is the reason; the rest is yaml's own excerpt of the source.
    const message = first.message.split('\n')[0] ?? first.message;
    return { file, text, document, lines, syntaxError: { message, at }, data: undefined };
  }
  return { file, text, document, lines, data: document.toJS() };
}

/**
 * Where a zod issue path points in the file: the value when it exists, else the closest existing
 * ancestor (a missing key is reported where it should be added). `keyOf` points at a key instead
 * (for keys that should not be there).
 */
export function positionOf(
  parsed: ParsedYaml,
  path: readonly PropertyKey[],
  options: { readonly keyOf?: string } = {},
): Position {
  let node: unknown = parsed.document.contents;
  for (const segment of path) {
    const next = child(node, segment);
    if (next === undefined) break;
    node = next;
  }
  if (options.keyOf !== undefined && isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === options.keyOf);
    if (pair && isScalar(pair.key) && pair.key.range)
      return parsed.lines.linePos(pair.key.range[0]);
  }
  const range = (node as Node | null | undefined)?.range;
  return range ? parsed.lines.linePos(range[0]) : { line: 1, col: 1 };
}

function child(node: unknown, segment: PropertyKey): unknown {
  if (isMap(node)) {
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
    );
    return pair?.value ?? undefined;
  }
  if (isSeq(node) && typeof segment === 'number') return node.items[segment];
  return undefined;
}

/**
 * The longest prefix of a dotted path from a message (`action.topic`, `conditions.0.fact`) that
 * names a node: where a missing field would be added. Undefined when not even the first does.
 */
export function pathIn(parsed: ParsedYaml, dotted: string): PropertyKey[] | undefined {
  const path = dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const found: PropertyKey[] = [];
  let node: unknown = parsed.document.contents;
  for (const segment of path) {
    node = child(node, segment);
    if (node === undefined) break;
    found.push(segment);
  }
  return found.length > 0 ? found : undefined;
}

/** The first place `needle` occurs in the text (a template variable), as a position. */
export function positionOfText(parsed: ParsedYaml, needle: string): Position {
  const index = parsed.text.indexOf(needle);
  return index < 0 ? { line: 1, col: 1 } : parsed.lines.linePos(index);
}
