// Source positions for messages about a parsed expression. mathjs nodes carry no positions, so the
// offending construct is located again in the text by a light scan that knows mathjs' lexical rules
// (numbers, identifiers, strings, comments) well enough not to confuse, say, the `e` of `1e3` with a symbol.

export interface SourceToken {
  kind: 'identifier' | 'number' | 'string' | 'punct';
  text: string;
  position: number; // 0-based
}

const NUMBER = /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*/u;
const MULTI_CHAR_PUNCT = ['==', '!=', '<=', '>=', '<<', '>>>', '>>', '.*', './', '.^', "'"];

export function scanSource(source: string): SourceToken[] {
  const tokens: SourceToken[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    const rest = source.slice(i);
    if (ch === '"' || ch === "'" || ch === '`') {
      if (ch === "'" && previousIsOperand(tokens)) {
        tokens.push({ kind: 'punct', text: "'", position: i }); // transpose
        i++;
        continue;
      }
      let j = i + 1;
      while (j < source.length && source[j] !== ch) j += source[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'string', text: source.slice(i, j + 1), position: i });
      i = j + 1;
      continue;
    }
    const numberMatch = NUMBER.exec(rest);
    if (numberMatch && /[\d.]/.test(ch)) {
      tokens.push({ kind: 'number', text: numberMatch[0], position: i });
      i += numberMatch[0].length;
      continue;
    }
    const identifierMatch = IDENTIFIER.exec(rest);
    if (identifierMatch) {
      tokens.push({ kind: 'identifier', text: identifierMatch[0], position: i });
      i += identifierMatch[0].length;
      continue;
    }
    const multi = MULTI_CHAR_PUNCT.find((op) => rest.startsWith(op));
    const text = multi ?? ch;
    tokens.push({ kind: 'punct', text, position: i });
    i += text.length;
  }
  return tokens;
}

function previousIsOperand(tokens: SourceToken[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return false;
  return last.kind === 'identifier' || last.kind === 'number' || last.text === ')' || last.text === ']';
}

/** The token right after index i, skipping nothing (whitespace is not tokenised). */
function nextText(tokens: SourceToken[], i: number): string | undefined {
  return tokens[i + 1]?.text;
}

/** Position of the first use of identifier `name`, preferring a call `name(` when `asCall` says so. */
export function identifierPosition(tokens: SourceToken[], name: string, asCall?: boolean): number | null {
  let fallback: number | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'identifier' || t.text !== name) continue;
    if (asCall === undefined || (nextText(tokens, i) === '(') === asCall) return t.position;
    fallback ??= t.position;
  }
  return fallback;
}

/** Position of the first punctuation token with this text, optionally only where `accept` holds. */
export function punctPosition(
  tokens: SourceToken[],
  text: string,
  accept: (previous: SourceToken | undefined) => boolean = () => true,
): number | null {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && t.text === text && accept(tokens[i - 1])) return t.position;
  }
  return null;
}

export function firstOfKind(tokens: SourceToken[], kind: SourceToken['kind']): number | null {
  return tokens.find((t) => t.kind === kind)?.position ?? null;
}

/** The ':' of a range: a colon that closes no pending '?' of a ternary. */
export function rangeColonPosition(tokens: SourceToken[]): number | null {
  let pendingTernaries = 0;
  for (const t of tokens) {
    if (t.kind !== 'punct') continue;
    if (t.text === '?') pendingTernaries++;
    else if (t.text === ':') {
      if (pendingTernaries > 0) pendingTernaries--;
      else return t.position;
    }
  }
  return null;
}

export function isOperandToken(t: SourceToken | undefined): boolean {
  return t !== undefined && (t.kind === 'identifier' || t.kind === 'number' || t.text === ')' || t.text === ']');
}
