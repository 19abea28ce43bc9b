// One field set by its path (the panel's controls, a sweep's cell), with the scenario kept coherent: a
// change of the parameter count p (widths, basis size, rank) replaces an explicit θ₀ that no longer fits.

import type { Scenario } from '../types';
import { writePath, type PathResult } from '../paths';
import { adaptInit } from './models';

export function editField(s: Scenario, path: string, value: unknown): PathResult<Scenario> {
  const written = writePath(s, path, value);
  if (written.ok) adaptInit(s);
  return written;
}
