// Scenario links (SCENARIO.md "In a URL"): '#s=' + payload, payload = '<format version>.' +
// base64url(deflate-raw(JSON)). Decoding never throws: a bad link answers with the reasons, each
// validation error formatted as "path: message".
//
// Format 1 carries no checksum (raw deflate has none): a link damaged in transit is caught when it no
// longer inflates, parses or validates — but a change that yields another valid scenario cannot be told
// apart from an intended one.

import { deflateSync, inflateSync, strToU8 } from 'fflate';
import type { Scenario } from './types';
import { base64urlDecode, base64urlEncode } from './base64url';
import { formatFieldError, validateScenario } from './validate';

export const LINK_FORMAT_VERSION = 1;
export const LINK_PREFIX = '#s=';
/** Longest payload accepted (a compressed scenario of any sensible size is far shorter). */
export const MAX_PAYLOAD_LENGTH = 200_000;
/** Longest JSON a payload may inflate to (guards against decompression bombs). */
export const MAX_JSON_LENGTH = 4_000_000;

export type DecodeResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

export function encodeScenario(s: Scenario): string {
  const json = JSON.stringify(s);
  return `${LINK_FORMAT_VERSION}.${base64urlEncode(deflateSync(strToU8(json), { level: 9 }))}`;
}

export function linkHash(s: Scenario): string {
  return LINK_PREFIX + encodeScenario(s);
}

function failure(...errors: string[]): DecodeResult {
  return { ok: false, errors };
}

export function decodeScenario(payload: string): DecodeResult {
  try {
    return decodePayload(payload);
  } catch (error) {
    return failure(`link could not be decoded (${error instanceof Error ? error.message : String(error)})`);
  }
}

function decodePayload(payload: string): DecodeResult {
  if (typeof payload !== 'string') return failure('link payload must be a string');
  const text = payload.trim();
  if (text.length === 0) return failure('link payload is empty');
  if (text.length > MAX_PAYLOAD_LENGTH) {
    return failure(`link payload is too long (${text.length} characters, at most ${MAX_PAYLOAD_LENGTH})`);
  }
  const dot = text.indexOf('.');
  if (dot < 0) return failure(`link payload has no format version prefix (expected '${LINK_FORMAT_VERSION}.')`);
  const version = text.slice(0, dot);
  if (version !== String(LINK_FORMAT_VERSION)) {
    const shown = version.length > 20 ? `${version.slice(0, 20)}…` : version;
    return failure(`unknown link format version '${shown}' (this app reads version ${LINK_FORMAT_VERSION})`);
  }
  const decoded = base64urlDecode(text.slice(dot + 1));
  if (!decoded.ok) return failure(`link payload is truncated or corrupt (not base64url: ${decoded.error})`);
  let bytes: Uint8Array;
  try {
    bytes = inflateSync(decoded.bytes);
  } catch {
    return failure('link payload is truncated or corrupt (inflate failed)');
  }
  if (bytes.length > MAX_JSON_LENGTH) return failure(`link payload inflates to more than ${MAX_JSON_LENGTH} bytes`);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure('link payload is truncated or corrupt (not UTF-8 text)');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure(`link payload is truncated or corrupt (not JSON: ${reason})`);
  }
  const validation = validateScenario(value);
  if (!validation.ok) return { ok: false, errors: validation.errors.map(formatFieldError) };
  return validation;
}

/** Accepts a full URL, '#s=…' (or 's=…'), or a bare payload. */
export function scenarioFromLink(linkOrHash: string): DecodeResult {
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
  return decodeScenario(unescaped);
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
