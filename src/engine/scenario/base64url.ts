// base64url (RFC 4648 §5) without padding, strict on decode, identical in browsers and Node. Strict means
// canonical too: the unused low bits of the last character must be zero (RFC 4648 §3.5), so no two texts
// decode to the same bytes and a changed last character is never silently ignored.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

export type Base64Result = { ok: true; bytes: Uint8Array } | { ok: false; error: string };

/** Decodes unpadded base64url; reports the first invalid character and impossible lengths. */
export function base64urlDecode(text: string): Base64Result {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || VALUE[code] < 0) {
      return { ok: false, error: `invalid character ${JSON.stringify(text[i])} at position ${i}` };
    }
  }
  if (text.length % 4 === 1) return { ok: false, error: `impossible length ${text.length}` };
  const unusedBits = text.length % 4 === 2 ? 15 : text.length % 4 === 3 ? 3 : 0;
  if (unusedBits !== 0 && (VALUE[text.charCodeAt(text.length - 1)] & unusedBits) !== 0) {
    return { ok: false, error: `non-canonical last character ${JSON.stringify(text[text.length - 1])}` };
  }
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let b = 0;
  let i = 0;
  for (; i + 3 < text.length; i += 4) {
    const n =
      (VALUE[text.charCodeAt(i)] << 18) |
      (VALUE[text.charCodeAt(i + 1)] << 12) |
      (VALUE[text.charCodeAt(i + 2)] << 6) |
      VALUE[text.charCodeAt(i + 3)];
    bytes[b++] = n >> 16;
    bytes[b++] = (n >> 8) & 255;
    bytes[b++] = n & 255;
  }
  const rest = text.length - i;
  if (rest >= 2) {
    const n =
      (VALUE[text.charCodeAt(i)] << 18) |
      (VALUE[text.charCodeAt(i + 1)] << 12) |
      (rest === 3 ? VALUE[text.charCodeAt(i + 2)] << 6 : 0);
    bytes[b++] = n >> 16;
    if (rest === 3) bytes[b++] = (n >> 8) & 255;
  }
  return { ok: true, bytes };
}
