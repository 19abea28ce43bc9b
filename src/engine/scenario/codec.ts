// Scenario links (docs/SCENARIO.md "In a URL"): '#s=' + payload. Decoding never throws: a bad link answers
// with the reasons, each validation error formatted as "path: message".
//
// Payload formats:
//   2  (written since issue 11)  '2.' + base64url(D ‖ C): D = deflate-raw(UTF-8 JSON of the scenario),
//      C = CRC-32 of D (crc32.ts: the CRC of zlib and PNG), 4 bytes big-endian. The CRC is checked before
//      anything is inflated: a damaged link (a changed, lost or added character) is refused as "damaged"
//      instead of opening as another scenario (CRC-32 misses 1 in 2³² random corruptions, none of ≤ 32 bits).
//   1  (read only)  '1.' + base64url(D), no checksum: the links written until then keep opening, with the
//      same scenario and therefore the same numbers.
// base64url is unpadded and canonical (unused bits of the last character zero, base64url.ts).
// Both formats then: inflate streamed with a hard output cap (it stops within one 1 KB input chunk of
// MAX_JSON_LENGTH — a decompression bomb costs at most that), strict UTF-8, a scan refusing nesting deeper
// than MAX_JSON_DEPTH and numbers beyond the float range (jsonGuard.ts), JSON.parse, validateScenario.

import { Inflate, deflateSync, strToU8 } from 'fflate';
import type { Scenario } from './types';
import { base64urlDecode, base64urlEncode } from './base64url';
import { crc32 } from './crc32';
import { parseGuardedJson } from './jsonGuard';
import { formatFieldError, validateScenario } from './validate';
import type { CostOptions } from './cost';

export const LINK_FORMAT_VERSION = 2;
/** Every version decodeScenario reads. */
export const READABLE_LINK_VERSIONS: readonly string[] = ['1', '2'];
export const LINK_PREFIX = '#s=';
/** Longest payload accepted (a compressed scenario of any sensible size is far shorter). */
export const MAX_PAYLOAD_LENGTH = 200_000;
/**
 * Longest JSON a payload may inflate to (guards against decompression bombs). The largest valid scenario
 * (2000 parameter names of 40 characters, 2000 initial values, 12 optimizers) is about 200 kB.
 */
export const MAX_JSON_LENGTH = 1_000_000;
/** Compressed bytes fed to the inflater at a time: the output can pass the cap by at most ~1 MB. */
const INFLATE_CHUNK = 1024;
const CHECKSUM_BYTES = 4;
export const DAMAGED_LINK = 'this link is damaged';

export type DecodeResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function encodeScenario(s: Scenario): string {
  const deflated = deflateSync(strToU8(JSON.stringify(s)), { level: 9 });
  const framed = new Uint8Array(deflated.length + CHECKSUM_BYTES);
  framed.set(deflated);
  new DataView(framed.buffer).setUint32(deflated.length, crc32(deflated));
  return `${LINK_FORMAT_VERSION}.${base64urlEncode(framed)}`;
}

export function linkHash(s: Scenario): string {
  return LINK_PREFIX + encodeScenario(s);
}

function failure(...errors: string[]): DecodeResult {
  return { ok: false, errors };
}

/** options.allowLarge: validate against the command line's budget (cost.ts) instead of the browser's. */
export function decodeScenario(payload: string, options?: CostOptions): DecodeResult {
  try {
    return decodePayload(payload, options);
  } catch (error) {
    return failure(`link could not be decoded (${error instanceof Error ? error.message : String(error)})`);
  }
}

function decodePayload(payload: string, options?: CostOptions): DecodeResult {
  if (typeof payload !== 'string') return failure('link payload must be a string');
  const text = payload.trim();
  if (text.length === 0) return failure('link payload is empty');
  if (text.length > MAX_PAYLOAD_LENGTH) {
    return failure(`link payload is too long (${text.length} characters, at most ${MAX_PAYLOAD_LENGTH})`);
  }
  const dot = text.indexOf('.');
  if (dot < 0) return failure(`link payload has no format version prefix (expected '${LINK_FORMAT_VERSION}.')`);
  const version = text.slice(0, dot);
  if (!READABLE_LINK_VERSIONS.includes(version)) {
    const shown = version.length > 20 ? `${version.slice(0, 20)}…` : version;
    return failure(
      `unknown link format version '${shown}' (this app reads versions ${READABLE_LINK_VERSIONS.join(' and ')})`,
    );
  }
  const decoded = base64urlDecode(text.slice(dot + 1));
  if (version === '1') {
    if (!decoded.ok) return failure(`link payload is truncated or corrupt (not base64url: ${decoded.error})`);
    return decodeDeflated(decoded.bytes, options);
  }
  if (!decoded.ok) return failure(`${DAMAGED_LINK} (not base64url: ${decoded.error})`);
  const deflated = verifiedPayload(decoded.bytes);
  if (deflated === null)
    return failure(`${DAMAGED_LINK} (its checksum does not match: a character was changed, lost or added)`);
  return decodeDeflated(deflated, options);
}

/** The deflated bytes when the trailing CRC-32 matches them, else null. */
function verifiedPayload(bytes: Uint8Array): Uint8Array | null {
  if (bytes.length <= CHECKSUM_BYTES) return null;
  const end = bytes.length - CHECKSUM_BYTES;
  const expected = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(end);
  const deflated = bytes.subarray(0, end);
  return crc32(deflated) === expected ? deflated : null;
}

function decodeDeflated(deflated: Uint8Array, options?: CostOptions): DecodeResult {
  const inflated = inflateCapped(deflated, MAX_JSON_LENGTH);
  if (inflated === 'too long') return failure(`link payload inflates to more than ${MAX_JSON_LENGTH} bytes`);
  if (inflated === 'corrupt') return failure('link payload is truncated or corrupt (inflate failed)');
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return failure('link payload is truncated or corrupt (not UTF-8 text)');
  }
  const parsed = parseGuardedJson(json);
  if (!parsed.ok) return failure(`link payload is truncated or corrupt (not JSON: ${parsed.error})`);
  const validation = validateScenario(parsed.value, options);
  if (!validation.ok) return { ok: false, errors: validation.errors.map(formatFieldError) };
  return validation;
}

/** Raw inflate, stopped as soon as the output passes `limit` bytes (never inflating a bomb to its end). */
export function inflateCapped(deflated: Uint8Array, limit: number): Uint8Array | 'too long' | 'corrupt' {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const inflater = new Inflate((chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  try {
    for (let at = 0; at < deflated.length; at += INFLATE_CHUNK) {
      const end = Math.min(at + INFLATE_CHUNK, deflated.length);
      inflater.push(deflated.subarray(at, end), end === deflated.length);
      if (length > limit) return 'too long';
    }
    if (deflated.length === 0) inflater.push(deflated, true);
  } catch {
    return 'corrupt';
  }
  if (length > limit) return 'too long';
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Accepts a full URL, '#s=…' (or 's=…'), or a bare payload. */
export function scenarioFromLink(linkOrHash: string, options?: CostOptions): DecodeResult {
  if (typeof linkOrHash !== 'string') return failure('link must be a string');
  const text = linkOrHash.trim();
  const payload = extractPayload(text);
  if (payload === null) return failure("link has no scenario: expected '#s=<payload>' after the address");
  let unescaped = payload;
  if (payload.includes('%')) {
    try {
      unescaped = decodeURIComponent(payload);
    } catch {
      return failure('link payload is truncated or corrupt (bad %-escape)');
    }
  }
  return decodeScenario(unescaped, options);
}

function extractPayload(text: string): string | null {
  const hashAt = text.indexOf(LINK_PREFIX);
  if (hashAt >= 0) return untilSeparator(text.slice(hashAt + LINK_PREFIX.length));
  if (text.startsWith('s=')) return untilSeparator(text.slice(2));
  // A URL without '#s=' carries no scenario; anything else is taken as a bare payload.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('#')) return null;
  return text;
}

/** The payload ends at the next hash parameter ('&…') if any. */
function untilSeparator(rest: string): string {
  const amp = rest.indexOf('&');
  return amp < 0 ? rest : rest.slice(0, amp);
}
