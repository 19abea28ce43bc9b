import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { deflateSync, inflateSync, strToU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import {
  decodeScenario,
  encodeScenario,
  inflateCapped,
  linkHash,
  scenarioFromLink,
  MAX_JSON_LENGTH,
  MAX_PAYLOAD_LENGTH,
} from '../../src/engine/scenario/codec';
import { MAX_JSON_DEPTH, parseGuardedJson, scanJson } from '../../src/engine/scenario/jsonGuard';
import { base64urlDecode, base64urlEncode } from '../../src/engine/scenario/base64url';
import { SCENARIO_PRESETS } from '../../src/engine/scenario/presets';
import { OPTIMIZER_PRESET_NAMES, optimizerFromPreset } from '../../src/engine/scenario/optimizerPresets';
import { formatFieldError, validateScenario } from '../../src/engine/scenario/validate';
import type { OptimizerSpec, Scenario, SolverSpec } from '../../src/engine/scenario/types';
import { Rng } from '../../src/engine/random';

/** A long but plausible deployment address: every preset's full link must stay ≤ 2000 characters. */
const HOST = 'https://an-organisation-name.github.io/natural-gradient-descent-with-momentum/';

function payloadOf(json: string): string {
  return `1.${base64urlEncode(deflateSync(strToU8(json)))}`;
}

function expectFailure(result: ReturnType<typeof decodeScenario>, pattern: RegExp | string): string[] {
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  if (typeof pattern === 'string') expect(result.errors).toContain(pattern);
  else
    expect(
      result.errors.some((e) => pattern.test(e)),
      result.errors.join(' | '),
    ).toBe(true);
  return result.errors;
}

describe('base64url', () => {
  it('agrees with Node Buffer on every length 0..64 and all byte values', () => {
    const rng = new Rng(7);
    for (let n = 0; n <= 64; n++) {
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = n === 64 ? i * 4 + (i % 4) : Math.floor(rng.next() * 256);
      const text = base64urlEncode(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      const back = base64urlDecode(text);
      expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
    }
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64urlEncode(all)).toBe(Buffer.from(all).toString('base64url'));
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(base64urlDecode('ab+c')).toEqual({ ok: false, error: 'invalid character "+" at position 2' });
    expect(base64urlDecode('abc=')).toEqual({ ok: false, error: 'invalid character "=" at position 3' });
    expect(base64urlDecode('abcde')).toEqual({ ok: false, error: 'impossible length 5' });
    expect(base64urlDecode('é')).toEqual({ ok: false, error: 'invalid character "é" at position 0' });
  });
});

describe('links of the presets', () => {
  it('decode to exactly the preset', () => {
    for (const p of SCENARIO_PRESETS) {
      const payload = encodeScenario(p.scenario);
      expect(payload).toMatch(/^2\.[A-Za-z0-9_-]+$/);
      const decoded = decodeScenario(payload);
      expect(decoded, p.key).toEqual({ ok: true, scenario: p.scenario });
      // The payload really is raw deflate of the JSON followed by its CRC-32 (the documented format 2).
      const raw = base64urlDecode(payload.slice(2));
      if (!raw.ok) throw new Error(raw.error);
      const deflated = raw.bytes.subarray(0, raw.bytes.length - 4);
      expect(new TextDecoder().decode(inflateSync(deflated))).toBe(JSON.stringify(p.scenario));
      expect(Buffer.from(raw.bytes.subarray(raw.bytes.length - 4)).readUInt32BE(0)).toBe(zlibCrc32(deflated));
    }
  });

  it('stay within 2000 characters as full URLs', () => {
    for (const p of SCENARIO_PRESETS) {
      const link = HOST + linkHash(p.scenario);
      expect(link.length, p.key).toBeLessThanOrEqual(2000);
    }
  });

  it('are read from a full URL, a hash, or a bare payload', () => {
    const s = SCENARIO_PRESETS[6].scenario;
    const hash = linkHash(s);
    expect(hash.startsWith('#s=2.')).toBe(true);
    const expected = { ok: true, scenario: s };
    expect(scenarioFromLink(HOST + hash)).toEqual(expected);
    expect(scenarioFromLink(`${HOST}?lang=en${hash}&view=loss`)).toEqual(expected);
    expect(scenarioFromLink(hash)).toEqual(expected);
    expect(scenarioFromLink(hash.slice(1))).toEqual(expected);
    expect(scenarioFromLink(hash.slice(3))).toEqual(expected);
    expect(scenarioFromLink(`  ${HOST}${hash}\n`)).toEqual(expected);
    expect(scenarioFromLink(HOST + hash.replace('.', '%2E'))).toEqual(expected);
    expectFailure(scenarioFromLink(HOST), /no scenario/);
    expectFailure(scenarioFromLink(`${HOST}#view=loss`), /no scenario/);
    expectFailure(scenarioFromLink(`${HOST}#s=1.%E0%A4%A`), /bad %-escape/);
  });
});

// ---- random valid scenarios ---------------------------------------------------------------------

const TITLE_PIECES = [
  'Natural',
  ' momentum',
  ' ∇L',
  ' é',
  ' 🚀',
  ' "quoted"',
  ' back\\slash',
  ' new\nline',
  ' tab\t',
  ' 中文',
  ' <b>',
];
const AWKWARD_NUMBERS = [1e-300, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 1 / 3, -2.5e-7, 123456789.123456789];

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(rng.next() * list.length)];
}

function randomOptimizers(rng: Rng, scenario: Scenario): OptimizerSpec[] {
  const count = 1 + Math.floor(rng.next() * 6);
  const pde = scenario.problem.loss.kind === 'pde';
  return Array.from({ length: count }, (_, i) => {
    const name = pick(rng, OPTIMIZER_PRESET_NAMES);
    const spec = optimizerFromPreset(name, `${name}-${i}`);
    if (rng.next() < 0.5)
      spec.alpha =
        rng.next() < 0.2
          ? pick(
              rng,
              AWKWARD_NUMBERS.filter((x) => x > 0),
            )
          : rng.uniform(1e-4, 2);
    if (rng.next() < 0.5) spec.beta = rng.uniform(0, 0.999);
    if (rng.next() < 0.3) spec.label = `${pick(rng, TITLE_PIECES)} ${i}`;
    if (rng.next() < 0.2) spec.color = pick(rng, ['#ff0000', 'rgb(1, 2, 3)', 'teal']);
    if (rng.next() < 0.4) {
      const kind = pick(rng, ['cholesky', 'pinv', 'lstsq'] as const);
      const lstsqAllowed = (spec.preconditioner === 'gram' && !pde) || spec.preconditioner === 'loss-hessian';
      const solver: SolverSpec =
        kind === 'cholesky'
          ? { kind, eps: rng.uniform(0, 1e-3) }
          : kind === 'lstsq' && lstsqAllowed
            ? { kind, rcond: rng.uniform(0, 0.1) }
            : { kind: 'pinv', rcond: rng.uniform(0, 0.1) };
      spec.solver = solver;
    }
    if (rng.next() < 0.3) {
      spec.step =
        rng.next() < 0.3
          ? { rule: 'fixed' }
          : { rule: 'armijo', initial: rng.uniform(0.1, 2), shrink: rng.uniform(0.1, 0.9), c: rng.uniform(1e-5, 0.5) };
    }
    if (rng.next() < 0.2) spec.restart = pick(rng, ['none', 'function'] as const);
    if (rng.next() < 0.2) spec.lookahead = pick(rng, ['tangent-k', 'tangent-y'] as const);
    if (rng.next() < 0.2)
      spec.transport = pick(rng, ['parameter', 'projected-momentum', 'projected-difference'] as const);
    return spec;
  });
}

/** A valid scenario: a preset with its title, start, optimizers and run changed at random. */
function randomScenario(rng: Rng): Scenario {
  const s = structuredClone(pick(rng, SCENARIO_PRESETS).scenario);
  if (rng.next() < 0.7) {
    let title = '';
    const pieces = Math.floor(rng.next() * 5);
    for (let i = 0; i < pieces; i++) title += pick(rng, TITLE_PIECES);
    s.title = title;
  } else delete s.title;
  if ('theta0' in s.init) {
    s.init = { theta0: s.init.theta0.map((x) => (rng.next() < 0.1 ? pick(rng, AWKWARD_NUMBERS) : x + rng.normal())) };
    s.run = { iterations: 1 + Math.floor(rng.next() * 100000) };
  } else {
    s.init =
      rng.next() < 0.5
        ? { seed: Math.floor(rng.uniform(-1e9, 1e9)) }
        : { seed: Math.floor(rng.next() * 100), scale: rng.uniform(0, 3) };
    s.run =
      rng.next() < 0.5
        ? { iterations: 1 + Math.floor(rng.next() * 1000) }
        : { iterations: 10, seeds: 1 + Math.floor(rng.next() * 16) };
  }
  if (s.problem.target?.kind === 'coefficients') s.problem.target.c = [rng.normal(), rng.normal()];
  if (s.problem.quadrature && rng.next() < 0.5) {
    s.problem.quadrature = {
      kind: 'monte-carlo',
      m: 2 + Math.floor(rng.next() * 5000),
      resample: rng.next() < 0.5,
      seed: Math.floor(rng.next() * 1e6),
    };
  }
  s.optimizers = randomOptimizers(rng, s);
  return s;
}

describe('random valid scenarios', () => {
  // Sizes up to 5000 points × 16 seeds × 6 optimizers: within the command line's budget (--allow-large),
  // not always within the browser's, which is not what this test is about.
  it('200 scenarios survive encode → decode unchanged', () => {
    const rng = new Rng(1554);
    const large = { allowLarge: true };
    for (let i = 0; i < 200; i++) {
      const s = randomScenario(rng);
      const valid = validateScenario(s, large);
      expect(valid.ok, valid.ok ? '' : valid.errors.map(formatFieldError).join('; ')).toBe(true);
      const decoded = decodeScenario(encodeScenario(s), large);
      expect(decoded).toEqual({ ok: true, scenario: s });
      // Decoding yields the canonical key order; re-encoding it is a fixed point.
      if (decoded.ok && valid.ok) {
        expect(JSON.stringify(decoded.scenario)).toBe(JSON.stringify(valid.scenario));
        expect(encodeScenario(decoded.scenario)).toBe(encodeScenario(valid.scenario));
      }
    }
  });
});

// ---- corrupt links ------------------------------------------------------------------------------

describe('corrupt links answer with reasons, never a throw', () => {
  const scenario = SCENARIO_PRESETS.find((p) => p.key === 'reaction-diffusion')!.scenario;
  const payload = encodeScenario(scenario);
  const legacyPayload = payloadOf(JSON.stringify(scenario));

  it('every truncation is rejected', () => {
    for (let n = 0; n < payload.length; n++) {
      const result = decodeScenario(payload.slice(0, n));
      expect(result.ok, `truncated to ${n}`).toBe(false);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
    expectFailure(decodeScenario(payload.slice(0, payload.length - 10)), /^this link is damaged/);
    expectFailure(
      decodeScenario(legacyPayload.slice(0, legacyPayload.length - 10)),
      /^link payload is truncated or corrupt/,
    );
  });

  it('every single-bit flip of a format-2 link, in its bytes or its characters, is refused as damaged', () => {
    const raw = base64urlDecode(payload.slice(2));
    if (!raw.ok) throw new Error('payload does not decode');
    for (let byte = 0; byte < raw.bytes.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const bytes = raw.bytes.slice();
        bytes[byte] ^= 1 << bit;
        expectFailure(
          decodeScenario(`2.${base64urlEncode(bytes)}`),
          /^this link is damaged \(its checksum does not match/,
        );
      }
    }
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let at = 2; at < payload.length; at++) {
      const index = alphabet.indexOf(payload[at]);
      for (let bit = 0; bit < 6; bit++) {
        const flipped = `${payload.slice(0, at)}${alphabet[index ^ (1 << bit)]}${payload.slice(at + 1)}`;
        expectFailure(decodeScenario(flipped), /^this link is damaged/);
      }
    }
  });

  it('format 1 (no checksum): bit flips are rejected or decode to a valid scenario; a broken block header names inflate', () => {
    const raw = base64urlDecode(legacyPayload.slice(2));
    if (!raw.ok) throw new Error('payload does not decode');
    let rejected = 0;
    let total = 0;
    for (let byte = 0; byte < raw.bytes.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const bytes = raw.bytes.slice();
        bytes[byte] ^= 1 << bit;
        const result = decodeScenario(`1.${base64urlEncode(bytes)}`);
        total++;
        if (!result.ok) {
          rejected++;
          expect(result.errors.length).toBeGreaterThan(0);
        } else {
          expect(validateScenario(result.scenario).ok).toBe(true);
        }
      }
    }
    // Raw deflate has no checksum: a flip inside a literal can yield another valid scenario. Most do not.
    expect(rejected / total).toBeGreaterThan(0.8);
    // Block type 11 (reserved) in the first header cannot inflate.
    const broken = raw.bytes.slice();
    broken[0] |= 0b110;
    expect(decodeScenario(`1.${base64urlEncode(broken)}`)).toEqual({
      ok: false,
      errors: ['link payload is truncated or corrupt (inflate failed)'],
    });
  });

  it('names an unknown or missing format version', () => {
    expect(decodeScenario(`7.${payload.slice(2)}`)).toEqual({
      ok: false,
      errors: ["unknown link format version '7' (this app reads versions 1 and 2)"],
    });
    expectFailure(decodeScenario(payload.slice(2)), "link payload has no format version prefix (expected '2.')");
    expectFailure(decodeScenario(`x${'9'.repeat(40)}.abc`), /unknown link format version 'x9{19}…'/);
    expectFailure(decodeScenario(''), 'link payload is empty');
  });

  it('rejects characters outside base64url', () => {
    expectFailure(
      decodeScenario(`${payload.slice(0, 10)}+${payload.slice(11)}`),
      /^this link is damaged \(not base64url: invalid character "\+" at position 8/,
    );
    expectFailure(
      decodeScenario(`${legacyPayload.slice(0, 10)}+${legacyPayload.slice(11)}`),
      /not base64url: invalid character "\+" at position 8/,
    );
  });

  it('rejects a valid deflate of text that is not JSON, or not UTF-8', () => {
    expectFailure(
      decodeScenario(payloadOf('{"version": 1, oops')),
      /^link payload is truncated or corrupt \(not JSON: /,
    );
    const latin1 = `1.${base64urlEncode(deflateSync(Uint8Array.from([0x7b, 0xe9, 0x7d])))}`;
    expectFailure(decodeScenario(latin1), 'link payload is truncated or corrupt (not UTF-8 text)');
  });

  it('reports every validation error of decoded JSON of the wrong types', () => {
    const errors = expectFailure(
      decodeScenario(payloadOf('{"version":1,"problem":42,"model":"mlp","optimizers":{}}')),
      'problem: must be an object, got 42',
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'model: must be an object, got "mlp"',
        'optimizers: must be an array, got an object',
        'init: is required',
        'run: is required',
      ]),
    );
    expectFailure(decodeScenario(payloadOf('null')), 'scenario: must be an object, got null');
    expectFailure(decodeScenario(payloadOf('[1,2]')), 'scenario: must be an object, got an array of 2');
    expectFailure(decodeScenario(payloadOf('"x"')), 'scenario: must be an object, got "x"');
  });

  it('rejects numbers beyond the float range before JSON.parse turns them into Infinity', () => {
    const json = JSON.stringify(SCENARIO_PRESETS[6].scenario).replace('"alpha":0.5', '"alpha":-1e999');
    expectFailure(
      decodeScenario(payloadOf(json)),
      /^link payload is truncated or corrupt \(not JSON: the number -1e999 is beyond the float range \(at character \d+\)\)$/,
    );
    const iterations = JSON.stringify(SCENARIO_PRESETS[6].scenario).replace('"iterations":100', '"iterations":1e309');
    expectFailure(decodeScenario(payloadOf(iterations)), /the number 1e309 is beyond the float range/);
    // The largest double and the smallest subnormal still read; so do long mantissas without an exponent.
    const edge = JSON.stringify(SCENARIO_PRESETS[6].scenario).replace('"alpha":0.5', '"alpha":1.7976931348623157e308');
    expect(decodeScenario(payloadOf(edge)).ok).toBe(true);
  });

  it('refuses oversized payloads and decompression bombs', () => {
    expectFailure(decodeScenario(`1.${'A'.repeat(300_000)}`), /too long/);
    const bomb = `1.${base64urlEncode(deflateSync(new Uint8Array(MAX_JSON_LENGTH + 1).fill(32)))}`;
    expect(bomb.length).toBeLessThan(200_000);
    expectFailure(decodeScenario(bomb), /inflates to more than/);
  });

  it('never throws on arbitrary strings (seeded)', () => {
    const rng = new Rng(99);
    const alphabet = 'AZaz09-_.=+/%#s1 é';
    for (let i = 0; i < 500; i++) {
      let text = rng.next() < 0.5 ? '1.' : '';
      const n = Math.floor(rng.next() * 80);
      for (let k = 0; k < n; k++) text += alphabet[Math.floor(rng.next() * alphabet.length)];
      expect(() => scenarioFromLink(text)).not.toThrow();
      expect(scenarioFromLink(text).ok).toBe(false);
    }
    expect(decodeScenario(42 as unknown as string)).toEqual({ ok: false, errors: ['link payload must be a string'] });
  });
});

// ---- format 1 links of before format 2, checksums, guards before work --------------------------

describe('links of format 1 written before format 2', () => {
  const fixture = JSON.parse(readFileSync(new URL('../fixtures/links-v1.json', import.meta.url), 'utf8')) as {
    links: { key: string; link: string; scenario: Scenario }[];
  };

  it('every preset link of format 1 still opens as the same scenario (hence the same records)', () => {
    // Every preset that existed when format 2 came (the later ones never had a format-1 link).
    const later = new Set(['twisted-loss', 'rom-kdv-20', 'rom-kdv-samples']);
    expect(fixture.links.length).toBeGreaterThanOrEqual(SCENARIO_PRESETS.filter((p) => !later.has(p.key)).length);
    for (const { key, link, scenario } of fixture.links) {
      expect(link.startsWith('1.'), key).toBe(true);
      expect(decodeScenario(link), key).toEqual({ ok: true, scenario });
      // Re-encoded, it is written in format 2 and decodes to the same scenario.
      const again = encodeScenario(scenario);
      expect(again.startsWith('2.')).toBe(true);
      expect(decodeScenario(again)).toEqual({ ok: true, scenario });
    }
  });
});

describe('the checksum of format 2', () => {
  it('refuses at least 99.99 % of 20,000 random corruptions (changed, inserted, deleted characters; truncations)', () => {
    const rng = new Rng(2011);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const links = SCENARIO_PRESETS.map((p) => encodeScenario(p.scenario));
    let accepted = 0;
    const trials = 20_000;
    for (let t = 0; t < trials; t++) {
      const link = pick(rng, links);
      const chars = link.slice(2).split('');
      const edits = 1 + Math.floor(rng.next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rng.next() * chars.length);
        const kind = rng.next();
        if (kind < 0.6)
          chars[at] = pick(
            rng,
            alphabet.split('').filter((c) => c !== chars[at]),
          );
        else if (kind < 0.8) chars.splice(at, 0, pick(rng, alphabet.split('')));
        else if (kind < 0.95) chars.splice(at, 1);
        else chars.length = at;
      }
      const corrupted = `2.${chars.join('')}`;
      if (corrupted === link) continue;
      const result = decodeScenario(corrupted);
      if (result.ok) accepted++;
      else expect(result.errors[0]).toMatch(/^this link is damaged/);
    }
    expect(accepted / trials).toBeLessThanOrEqual(1e-4);
  });
});

describe('decoding is guarded before work', () => {
  it('a decompression bomb stops inflating at the cap, not at its end', () => {
    const bomb = deflateSync(new Uint8Array(100_000_000).fill(32), { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_PAYLOAD_LENGTH);
    const started = performance.now();
    expect(inflateCapped(bomb, MAX_JSON_LENGTH)).toBe('too long');
    const elapsed = performance.now() - started;
    // Inflating all 100 MB takes seconds; stopping at the 1 MB cap a few ms (generous bound for a loaded machine).
    expect(elapsed).toBeLessThan(1500);
    const link = encodeWithoutValidation(bomb);
    expectFailure(decodeScenario(link), `link payload inflates to more than ${MAX_JSON_LENGTH} bytes`);
    // Just under the cap still inflates, to the byte.
    const under = inflateCapped(deflateSync(new Uint8Array(MAX_JSON_LENGTH).fill(32)), MAX_JSON_LENGTH);
    expect(under instanceof Uint8Array && under.length).toBe(MAX_JSON_LENGTH);
  });

  it('deep nesting is refused by a scan before JSON.parse', () => {
    const deep = `${'['.repeat(499_000)}${']'.repeat(499_000)}`;
    const started = performance.now();
    expectFailure(
      decodeScenario(payloadOf(deep)),
      `link payload is truncated or corrupt (not JSON: nested deeper than ${MAX_JSON_DEPTH} levels (at character ${MAX_JSON_DEPTH}))`,
    );
    expect(performance.now() - started).toBeLessThan(1500);
    expect(scanJson(`{"a":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`)).toBeNull();
    // Brackets inside strings are text, not nesting.
    expect(scanJson(`{"title":"${'['.repeat(100)}"}`)).toBeNull();
    expect(scanJson('{"t":"\\\\"}')).toBeNull();
  });

  it('numbers beyond the float range are refused where they are written', () => {
    expect(scanJson('{"a":[1,2,-1e309]}')).toBe('the number -1e309 is beyond the float range (at character 10)');
    expect(scanJson(`[${'9'.repeat(400)}]`)).toMatch(
      /^the number 9{24}… is beyond the float range \(at character 1\)$/,
    );
    expect(scanJson('[1e308, 5e-324, 1e-400, "1e999"]')).toBeNull(); // underflow is 0, a string is text
    expect(parseGuardedJson('[1e-400]')).toEqual({ ok: true, value: [0] });
  });
});

/** A format-2 link around given deflated bytes (what a hand-made hostile link would be). */
function encodeWithoutValidation(deflated: Uint8Array): string {
  const framed = new Uint8Array(deflated.length + 4);
  framed.set(deflated);
  new DataView(framed.buffer).setUint32(deflated.length, zlibCrc32(deflated));
  return `2.${base64urlEncode(framed)}`;
}
