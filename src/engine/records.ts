// What a run records per iteration (docs/ALGORITHMS.md §6), declared once. Each field's entry here is
// all the code needs: the record type, the worker's columnar batches, the runs store, and the CSV/JSON
// exports are derived from this table, so adding a record field means one entry plus the code that
// computes it.

interface RecordFieldSpec {
  /** Property of IterationRecord. */
  key: string;
  /** number: a Float64 column (NaN when unknown); flag: one bit of the flags column. */
  kind: 'number' | 'flag';
  /** Column name in the CSV export. */
  csv: string;
  /** step: reported by the optimizer's step (StepReport); run: set by the run loop. */
  source: 'step' | 'run';
  /** JSON export leaves the field out when no record of a track knows it (e.g. no exact solution). */
  jsonOnlyWhenKnown?: boolean;
  /** For plot labels, legends and tooltips. */
  label: string;
  help: string;
}

export const RECORD_FIELDS = [
  { key: 'k', kind: 'number', csv: 'k', source: 'run', label: 'k', help: 'Iteration index.' },
  { key: 'loss', kind: 'number', csv: 'loss', source: 'run', label: 'L(θ_k)', help: 'Loss at θ_k.' },
  {
    key: 'alpha',
    kind: 'number',
    csv: 'alpha',
    source: 'step',
    label: 'α_k',
    help: 'Step size used to go from θ_k to θ_{k+1} (NaN on the last record).',
  },
  {
    key: 'dirNorm',
    kind: 'number',
    csv: 'dir_norm',
    source: 'step',
    label: '‖d_k‖',
    help: 'Norm of the direction applied at θ_k (NaN on the last record).',
  },
  {
    key: 'cond',
    kind: 'number',
    csv: 'cond',
    source: 'step',
    jsonOnlyWhenKnown: true,
    label: 'cond(S_k)',
    help: 'Condition number of the unregularised metric S_k; NaN when not computed (identity, lstsq, Adam, L-BFGS).',
  },
  {
    key: 'cosine',
    kind: 'number',
    csv: 'cosine',
    source: 'step',
    label: 'cos(−∇L, Δθ)',
    help: 'Cosine between −∇L(θ_k) and θ_{k+1} − θ_k; NaN on the last record.',
  },
  {
    key: 'newtonFallback',
    kind: 'flag',
    csv: 'newton_fallback',
    source: 'step',
    label: 'Newton fallback',
    help: 'Newton fell back to G^H at this iteration.',
  },
  {
    key: 'armijoFailed',
    kind: 'flag',
    csv: 'armijo_failed',
    source: 'step',
    label: 'Armijo failed',
    help: 'Armijo found no acceptable step at this iteration.',
  },
  {
    key: 'restarted',
    kind: 'flag',
    csv: 'restarted',
    source: 'step',
    label: 'restart',
    help: 'Momentum restarted at this iteration (restart = function).',
  },
  {
    key: 'error',
    kind: 'number',
    csv: 'error',
    source: 'run',
    jsonOnlyWhenKnown: true,
    label: '‖v_θ − v*‖',
    help: 'V-norm distance to the exact solution or best approximation; NaN when unknown.',
  },
  {
    key: 'relError',
    kind: 'number',
    csv: 'rel_error',
    source: 'run',
    jsonOnlyWhenKnown: true,
    label: '‖v_θ − v*‖ / ‖v*‖',
    help: 'Relative error; NaN when unknown.',
  },
  {
    key: 'evalLoss',
    kind: 'number',
    csv: 'eval_loss',
    source: 'run',
    jsonOnlyWhenKnown: true,
    label: 'L on the fixed grid',
    help: 'Loss on the fixed evaluation grid when quadrature resamples; NaN otherwise.',
  },
  {
    key: 'time',
    kind: 'number',
    csv: 'time_ms',
    source: 'run',
    label: 'time (ms)',
    help: 'Wall time in ms since this optimizer started.',
  },
] as const satisfies readonly RecordFieldSpec[];

type Field = (typeof RECORD_FIELDS)[number];
export type RecordFieldKey = Field['key'];
export type NumberField = Extract<Field, { kind: 'number' }>['key'];
export type FlagField = Extract<Field, { kind: 'flag' }>['key'];
export type StepNumberField = Extract<Field, { kind: 'number'; source: 'step' }>['key'];

export type IterationRecord = Record<NumberField, number> &
  Record<FlagField, boolean> & {
    /** θ_k (omitted when p > 1000 or the run's θ history is full). */
    theta?: Float64Array;
  };

/** What one optimizer step reports about iteration k (the run turns it into an IterationRecord). */
export type StepReport = Pick<IterationRecord, 'loss' | StepNumberField | FlagField>;

export const NUMBER_FIELDS: readonly NumberField[] = RECORD_FIELDS.filter((f) => f.kind === 'number').map(
  (f) => f.key as NumberField,
);
export const FLAG_FIELDS: readonly FlagField[] = RECORD_FIELDS.filter((f) => f.kind === 'flag').map(
  (f) => f.key as FlagField,
);
const STEP_NUMBER_FIELDS: readonly StepNumberField[] = RECORD_FIELDS.filter(
  (f) => f.kind === 'number' && f.source === 'step',
).map((f) => f.key as StepNumberField);

export function recordField(key: RecordFieldKey): Field {
  return RECORD_FIELDS.find((f) => f.key === key)!;
}

/** A record with every step field unknown (NaN, false): the final record, or one to fill from a step. */
export function blankRecord(k: number, loss: number): IterationRecord {
  const record = {} as IterationRecord;
  for (const key of NUMBER_FIELDS) record[key] = NaN;
  for (const key of FLAG_FIELDS) record[key] = false;
  record.k = k;
  record.loss = loss;
  return record;
}

export function copyStepReport(record: IterationRecord, report: StepReport): void {
  for (const key of STEP_NUMBER_FIELDS) record[key] = report[key];
  for (const key of FLAG_FIELDS) record[key] = report[key];
}

/** The flags of a record packed into one byte: bit i is FLAG_FIELDS[i]. */
export function packFlags(record: IterationRecord): number {
  let bits = 0;
  for (let i = 0; i < FLAG_FIELDS.length; i++) if (record[FLAG_FIELDS[i]]) bits |= 1 << i;
  return bits;
}

export function unpackFlags(record: IterationRecord, bits: number): void {
  for (let i = 0; i < FLAG_FIELDS.length; i++) record[FLAG_FIELDS[i]] = (bits & (1 << i)) !== 0;
}
