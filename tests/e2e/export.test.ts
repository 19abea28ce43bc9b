// End-to-end tests of the exports through the UI's own buttons: run CSV (read by pandas unchanged) and
// JSON (the CLI's format, scenario embedded), and a chart as standalone SVG (parsed as XML, namespaces,
// inline styles, white background) and PNG (signature, size, visible content).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { linkHash } from '../../src/engine/scenario/codec';
import { findPreset } from '../../src/engine/scenario/presets';
import type { ResultJson } from '../../src/engine/export';
import { downloadFrom, launchBrowser, openPage, runToDone, waitForRunner, type AppServer, startApp } from './helpers';

const PYTHON = '/usr/bin/python3';
const run = promisify(execFile);

let app: AppServer;
let browser: Browser;
let scratch: string;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp();
  scratch = mkdtempSync(join(tmpdir(), 'natural-momentum-export-'));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** pandas must be there: a missing package fails the test, it never skips it. */
async function assertPandas(): Promise<void> {
  try {
    await run(PYTHON, ['-c', 'import pandas']);
  } catch {
    throw new Error('python3-pandas missing: apt-get install -y python3-pandas');
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('exports in Chromium', () => {
  it('CSV and JSON of a finished run: pandas reads the CSV unchanged and it holds the JSON numbers', async () => {
    await assertPandas();
    const preset = findPreset('ngd-one-step')!;
    const { page, problems } = await openPage(browser, app.url + linkHash(preset.scenario));
    await waitForRunner(page);
    await runToDone(page);

    const json = await downloadFrom(page, () => page.getByTestId('export-json').click());
    expect(json.name).toMatch(/\.json$/);
    expect(json.bytes.length).toBeGreaterThan(0);
    const result = JSON.parse(json.bytes.toString('utf8')) as ResultJson;
    expect(result.format).toBe('natural-momentum-result');
    expect(result.version).toBe(1);
    expect(result.scenario.title).toBe(preset.scenario.title);
    expect(result.scenario.optimizers.map((o) => o.id)).toEqual(preset.scenario.optimizers.map((o) => o.id));
    const iterations = preset.scenario.run.iterations;
    for (const entry of Object.values(result.optimizers)) {
      expect((entry.k as number[]).length).toBe(iterations + 1);
      expect((entry.theta as number[]).length).toBe(2);
    }

    const csv = await downloadFrom(page, () => page.getByTestId('export-csv').click());
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.bytes.length).toBeGreaterThan(0);
    const csvPath = join(scratch, 'run.csv');
    writeFileSync(csvPath, csv.bytes);
    // read_csv with no options must work; the exact loss values are then read with round-trip parsing.
    const script = [
      'import json, sys, pandas',
      'df = pandas.read_csv(sys.argv[1])',
      "exact = pandas.read_csv(sys.argv[1], float_precision='round_trip')",
      'print(json.dumps({"rows": len(df), "columns": list(df.columns), "loss_dtype": str(df["loss"].dtype),',
      '  "tracks": sorted(set(df["track"])), "loss": {t: [float(v) for v in exact[exact["track"] == t]["loss"]] for t in set(exact["track"])},',
      '  "k": {t: [int(v) for v in df[df["track"] == t]["k"]] for t in set(df["track"])}}))',
    ].join('\n');
    const { stdout } = await run(PYTHON, ['-c', script, csvPath]);
    const table = JSON.parse(stdout) as {
      rows: number;
      columns: string[];
      loss_dtype: string;
      tracks: string[];
      loss: Record<string, number[]>;
      k: Record<string, number[]>;
    };
    const keys = Object.keys(result.optimizers);
    expect(table.rows).toBe(keys.length * (iterations + 1));
    expect(table.tracks).toEqual([...keys].sort());
    expect(table.loss_dtype).toBe('float64');
    for (const column of [
      'track',
      'optimizer',
      'seed',
      'k',
      'loss',
      'alpha',
      'dir_norm',
      'cond',
      'cosine',
      'newton_fallback',
      'armijo_failed',
      'restarted',
      'time_ms',
      'theta_0',
      'theta_1',
    ]) {
      expect(table.columns).toContain(column);
    }
    for (const key of keys) {
      expect(table.k[key]).toEqual(result.optimizers[key].k);
      // The CSV's numbers are the JSON's, to the bit.
      expect(table.loss[key]).toEqual(result.optimizers[key].loss);
    }
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });

  it('a chart exports a standalone SVG and a non-empty PNG with the same picture', async () => {
    const preset = findPreset('curved-manifold')!;
    const { page, problems } = await openPage(browser, app.url + linkHash(preset.scenario));
    await waitForRunner(page);
    await runToDone(page);
    const plot = page.getByTestId('plot-loss');
    await expect.poll(async () => plot.locator('svg path').count()).toBeGreaterThan(3);
    const size = await plot
      .locator('svg')
      .first()
      .evaluate((svg) => {
        const box = svg.getBoundingClientRect();
        return { width: Math.round(box.width), height: Math.round(box.height) };
      });

    const svgFile = await downloadFrom(page, () => plot.getByRole('button', { name: /as SVG/ }).click());
    expect(svgFile.name).toBe('loss.svg');
    const text = svgFile.bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    // Parsed as XML in a blank page (no stylesheet of the app): well-formed, SVG namespace, white
    // background first, styles and fonts inline on the elements, no interaction overlays.
    const blank = await browser.newPage();
    const parsed = await blank.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
      const root = doc.documentElement;
      const first = root.firstElementChild;
      const texts = Array.from(root.querySelectorAll('text'));
      return {
        parserError: doc.getElementsByTagName('parsererror').length,
        namespace: root.namespaceURI,
        name: root.localName,
        xmlns: root.getAttribute('xmlns'),
        width: root.getAttribute('width'),
        height: root.getAttribute('height'),
        viewBox: root.getAttribute('viewBox'),
        background: first
          ? { name: first.localName, fill: first.getAttribute('fill'), width: first.getAttribute('width') }
          : null,
        paths: root.querySelectorAll('path').length,
        texts: texts.length,
        textsWithFont: texts.filter(
          (t) => /font-family:/.test(t.getAttribute('style') ?? '') && /font-size:/.test(t.getAttribute('style') ?? ''),
        ).length,
        pathsWithStroke: Array.from(root.querySelectorAll('path')).filter((p) =>
          /stroke:/.test(p.getAttribute('style') ?? ''),
        ).length,
        skipped: root.querySelectorAll('[data-export="skip"]').length,
      };
    }, text);
    expect(parsed.parserError).toBe(0);
    expect(parsed.namespace).toBe('http://www.w3.org/2000/svg');
    expect(parsed.name).toBe('svg');
    expect(parsed.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(Number(parsed.width)).toBe(size.width);
    expect(Number(parsed.height)).toBe(size.height);
    expect(parsed.viewBox).toBe(`0 0 ${size.width} ${size.height}`);
    expect(parsed.background).toEqual({ name: 'rect', fill: 'white', width: '100%' });
    expect(parsed.paths).toBeGreaterThan(3);
    expect(parsed.texts).toBeGreaterThan(3);
    expect(parsed.textsWithFont).toBe(parsed.texts);
    expect(parsed.pathsWithStroke).toBe(parsed.paths);
    expect(parsed.skipped).toBe(0);

    const pngFile = await downloadFrom(page, () => plot.getByRole('button', { name: /as PNG/ }).click());
    expect(pngFile.name).toBe('loss.png');
    expect(Array.from(pngFile.bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    // IHDR: width and height at bytes 16–23, twice the CSS size (scale 2).
    expect(pngFile.bytes.readUInt32BE(16)).toBe(2 * size.width);
    expect(pngFile.bytes.readUInt32BE(20)).toBe(2 * size.height);
    // Decoded, it shows the chart: a white page with a good share of drawn (non-white) pixels, and the
    // standalone SVG rendered outside the app draws the same picture.
    const compare = await blank.evaluate(
      async ({ png, svg, width, height }) => {
        const toImage = (blob: Blob) => createImageBitmap(blob);
        const pngImage = await toImage(
          new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], { type: 'image/png' }),
        );
        const svgImage = await new Promise<HTMLImageElement>((resolve, reject) => {
          const image = new Image();
          image.onload = () => resolve(image);
          image.onerror = () => reject(new Error('the SVG does not render on its own'));
          image.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        });
        const pixels = (draw: (context: CanvasRenderingContext2D) => void) => {
          const canvas = document.createElement('canvas');
          canvas.width = width * 2;
          canvas.height = height * 2;
          const context = canvas.getContext('2d')!;
          draw(context);
          return context.getImageData(0, 0, canvas.width, canvas.height).data;
        };
        const fromPng = pixels((c) => c.drawImage(pngImage, 0, 0));
        const fromSvg = pixels((c) => {
          c.fillStyle = 'white';
          c.fillRect(0, 0, width * 2, height * 2);
          c.drawImage(svgImage, 0, 0, width * 2, height * 2);
        });
        let drawn = 0;
        let different = 0;
        let opaque = 0;
        for (let i = 0; i < fromPng.length; i += 4) {
          if (fromPng[i + 3] === 255) opaque++;
          if (fromPng[i] < 250 || fromPng[i + 1] < 250 || fromPng[i + 2] < 250) drawn++;
          const delta =
            Math.abs(fromPng[i] - fromSvg[i]) +
            Math.abs(fromPng[i + 1] - fromSvg[i + 1]) +
            Math.abs(fromPng[i + 2] - fromSvg[i + 2]);
          if (delta > 24) different++;
        }
        const total = fromPng.length / 4;
        return { drawn: drawn / total, different: different / total, opaque: opaque / total };
      },
      { png: pngFile.bytes.toString('base64'), svg: text, width: size.width, height: size.height },
    );
    expect(compare.opaque).toBe(1); // white background, no transparency
    expect(compare.drawn).toBeGreaterThan(0.005);
    expect(compare.drawn).toBeLessThan(0.6);
    expect(compare.different).toBeLessThan(0.01);
    console.log(
      `[e2e] loss.svg ${svgFile.bytes.length} B, loss.png ${pngFile.bytes.length} B (${(compare.drawn * 100).toFixed(1)} % drawn pixels)`,
    );
    await blank.close();
    expect(problems.page).toEqual([]);
    expect(problems.console).toEqual([]);
    await page.context().close();
  });
});
