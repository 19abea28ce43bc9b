// JSON from links and files is scanned before JSON.parse: a nesting depth beyond any scenario's and number
// literals beyond the float range (which JSON.parse would silently turn into ±Infinity) are refused with
// their position, in one linear pass that allocates nothing.

/** A scenario nests 6 levels (model.params.Q is 3-D); anything much deeper is not a scenario. */
export const MAX_JSON_DEPTH = 32;

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isNumberChar(code: number): boolean {
  // digits, '+', '-', '.', 'e', 'E'
  return (
    (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e || code === 0x65 || code === 0x45
  );
}

/** The first problem of the text as a message, or null: depth and number range only (syntax is JSON.parse's). */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i++;
      while (i < n && text.charCodeAt(i) !== QUOTE) i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      i++;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth) return `nested deeper than ${maxDepth} levels (at character ${i})`;
      i++;
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
      i++;
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      const start = i;
      let exponent = false;
      while (i < n && isNumberChar(text.charCodeAt(i))) {
        const c = text.charCodeAt(i);
        if (c === 0x65 || c === 0x45) exponent = true;
        i++;
      }
      // Only an exponent or more than 308 digits can leave the floats: parse just those.
      if ((exponent || i - start > 308) && Math.abs(Number(text.slice(start, i))) === Infinity) {
        const literal = text.slice(start, Math.min(i, start + 24));
        return `the number ${literal}${i - start > 24 ? '…' : ''} is beyond the float range (at character ${start})`;
      }
    } else i++;
  }
  return null;
}

export function parseGuardedJson(text: string): JsonParse {
  const problem = scanJson(text);
  if (problem !== null) return { ok: false, error: problem };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
