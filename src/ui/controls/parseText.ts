// Parsing of the texts the panel's list fields take ("1,20,1", "1.6, -0.5", "a, b, c"), each with a
// message for anything else; what the parsed values mean is checked by validation.

/** Parse "1,20,1" into layer widths; an error message for anything else. */
export function parseWidths(text: string): { ok: true; layers: number[] } | { ok: false; message: string } {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length < 2) return { ok: false, message: 'give at least an input and an output width, e.g. 1,20,1' };
  const layers: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const value = Number(parts[i]);
    if (parts[i] === '' || !Number.isInteger(value) || value < 1) {
      return { ok: false, message: `width ${i + 1} ('${parts[i]}') must be a positive whole number` };
    }
    layers.push(value);
  }
  return { ok: true, layers };
}

/** Parse "1.6, -0.5" into numbers; an error message for anything else. */
export function parseNumberList(text: string): { ok: true; values: number[] } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'enter at least one number' };
  const parts = trimmed.split(/[\s,;]+/).filter((part) => part !== '');
  const values: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const value = Number(parts[i]);
    if (!Number.isFinite(value)) return { ok: false, message: `entry ${i + 1} ('${parts[i]}') is not a number` };
    values.push(value);
  }
  return { ok: true, values };
}

/** Parse "a, b, c" into parameter names; a message when the list is empty. Names are checked by validation. */
export function parseParameterList(text: string): { ok: true; names: string[] } | { ok: false; message: string } {
  const names = text.split(/[\s,;]+/).filter((name) => name !== '');
  if (names.length === 0) return { ok: false, message: 'name at least one parameter, e.g. a, b, c' };
  return { ok: true, names };
}
