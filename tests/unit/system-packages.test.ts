// tests/e2e/system-packages.ts decides whether npm test installs Chromium and python3-pandas or fails
// naming the command: never a silent skip.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHROMIUM, plan, type Machine } from '../e2e/system-packages';

function machine(overrides: Partial<Machine> & { hasChromium?: boolean }): Machine {
  const { hasChromium = true, ...rest } = overrides;
  return {
    chromiumPath: DEFAULT_CHROMIUM,
    executable: () => hasChromium,
    pandas: () => true,
    root: true,
    aptGet: true,
    ...rest,
  };
}

describe('system packages of the end-to-end tests', () => {
  it('installs nothing when both are there', () => {
    expect(plan(machine({}))).toEqual({ install: [] });
  });

  it('installs what is missing as root with apt-get', () => {
    expect(plan(machine({ hasChromium: false }))).toEqual({ install: ['chromium'] });
    expect(plan(machine({ pandas: () => false }))).toEqual({ install: ['python3-pandas'] });
    expect(plan(machine({ hasChromium: false, pandas: () => false }))).toEqual({
      install: ['chromium', 'python3-pandas'],
    });
  });

  it('fails naming the exact command when it cannot install', () => {
    expect(plan(machine({ hasChromium: false, pandas: () => false, aptGet: false }))).toEqual({
      fail:
        'The end-to-end tests need chromium and python3-pandas (not installed). Install: ' +
        'apt-get update && apt-get install -y chromium python3-pandas',
    });
    expect(plan(machine({ pandas: () => false, root: false }))).toEqual({
      fail:
        'The end-to-end tests need python3-pandas (not installed). Install: ' +
        "sudo sh -c 'apt-get update && apt-get install -y python3-pandas'",
    });
  });

  it('does not install over a CHROMIUM_PATH that points elsewhere', () => {
    const result = plan(machine({ chromiumPath: '/opt/chrome/chrome', hasChromium: false }));
    expect(result).toEqual({
      fail: 'Chromium not found at CHROMIUM_PATH=/opt/chrome/chrome: fix the path or unset it.',
    });
  });
});
