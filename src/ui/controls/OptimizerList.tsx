// The optimizers of the race: add one from the named presets, remove, edit every option, pick a colour;
// the update rule of each is rendered with KaTeX beside its options. Options are controls addressed by
// path ('optimizers.<id>.beta'): the field table says their label, help, values and when they apply.

import { useMemo, useState } from 'react';
import type { OptimizerSpec, Preconditioner, ResolvedOptimizer } from '../../engine/scenario/types';
import { resolveOptimizer } from '../../engine/scenario/defaults';
import {
  OPTIMIZER_PRESET_NAMES,
  optimizerFromPreset,
  type OptimizerPresetName,
} from '../../engine/scenario/optimizerPresets';
import { MAX_OPTIMIZERS } from '../../engine/scenario/limits';
import { optimizerField } from '../../engine/scenario/table/optimizer';
import { addOptimizer, setPreconditioner } from '../../engine/scenario/coherence/optimizers';
import { optimizerColor } from '../../style/colors';
import { useScenario, errorsUnder } from '../../state/scenario';
import { countRender } from '../renderCount';
import { FieldShell, Section, TextField } from './fields';
import { OptimizerFormula } from './LazyFormula';
import { TableRow } from './TableFields';
import { TableSlider } from './SliderField';

/** Names of the presets in the menu: each preset's own label. */
const PRESET_LABELS = Object.fromEntries(
  OPTIMIZER_PRESET_NAMES.map((name) => [name, optimizerFromPreset(name).label ?? name]),
);

const LABEL = optimizerField('label')!;
const COLOR = optimizerField('color')!;

/** A hex colour for <input type="color"> (which only takes #rrggbb). */
function hexColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#000000';
}

function OptimizerEditor({ index, spec }: { index: number; spec: OptimizerSpec }) {
  const update = useScenario((s) => s.update);
  const count = useScenario((s) => s.draft.optimizers.length);
  const hasErrors = useScenario((s) => errorsUnder(s.errors, `optimizers[${index}]`).length > 0);
  const resolved: ResolvedOptimizer = useMemo(() => resolveOptimizer(spec), [spec]);
  const color = optimizerColor(spec);
  const at = (key: string) => `optimizers.${spec.id}.${key}`;
  const edit = (change: (o: OptimizerSpec) => void) =>
    update((d) => {
      const o = d.optimizers[index];
      if (o) change(o);
    });
  const [open, setOpen] = useState(false);
  return (
    <li
      className={`optimizer${hasErrors ? ' optimizer-invalid' : ''}`}
      style={{ borderLeftColor: color }}
      data-testid={`optimizer-${spec.id}`}
    >
      <div className="optimizer-head">
        <input
          type="color"
          aria-label={`Colour of ${resolved.label}`}
          title={COLOR.help}
          value={hexColor(color)}
          onChange={(event) => edit((o) => void (o.color = event.target.value))}
        />
        <TextField
          label={LABEL.label}
          value={spec.label ?? ''}
          placeholder={spec.id}
          path={`optimizers[${index}].label`}
          className="optimizer-label"
          onChange={(label) => edit((o) => void (o.label = label === '' ? undefined : label))}
        />
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove ${resolved.label}`}
          title="Remove"
          disabled={count <= 1}
          onClick={() => update((d) => void d.optimizers.splice(index, 1))}
        >
          ✕
        </button>
      </div>
      <OptimizerFormula optimizer={resolved} />
      <TableRow
        fields={[
          {
            path: at('preconditioner'),
            onChange: (p) => update((d) => setPreconditioner(d, spec.id, p as Preconditioner)),
          },
          { path: at('alpha'), inapplicable: 'disable', testId: `alpha-${spec.id}` },
        ]}
      />
      <TableSlider path={at('alpha')} testId={`alpha-slider-${spec.id}`} />
      <TableRow fields={[{ path: at('momentum') }, { path: at('beta') }]} />
      <TableSlider path={at('beta')} testId={`beta-slider-${spec.id}`} />
      <TableRow
        fields={[
          { path: at('transport') },
          // Look-ahead shows with Nesterov, disabled where it means nothing (no metric to evaluate).
          ...(resolved.momentum === 'nesterov' ? [{ path: at('lookahead'), inapplicable: 'disable' as const }] : []),
          { path: at('restart') },
        ]}
      />
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Fewer options' : 'More options (step rule, solver…)'}
      </button>
      {open ? (
        <div className="optimizer-more">
          <TableRow fields={[{ path: at('beta1') }, { path: at('beta2') }, { path: at('adamEps') }]} />
          <TableRow fields={[{ path: at('history') }, { path: at('lineSearch') }]} />
          <TableRow fields={[{ path: at('step.rule') }]} />
          <TableRow fields={[{ path: at('step.initial') }, { path: at('step.shrink') }, { path: at('step.c') }]} />
          <TableRow fields={[{ path: at('solver.kind') }, { path: at('solver.eps') }, { path: at('solver.rcond') }]} />
        </div>
      ) : null}
      <OptimizerErrors index={index} />
    </li>
  );
}

/** Errors of an optimizer that no visible field shows (e.g. a duplicate id). */
function OptimizerErrors({ index }: { index: number }) {
  const messages = useScenario((s) =>
    errorsUnder(s.errors, `optimizers[${index}]`)
      .map((e) => `${e.path.slice(`optimizers[${index}]`.length).replace(/^\./, '') || 'optimizer'}: ${e.message}`)
      .join('\n'),
  );
  if (!messages) return null;
  return (
    <div className="field-error" role="alert">
      {messages.split('\n').map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

function AddOptimizer() {
  const update = useScenario((s) => s.update);
  const count = useScenario((s) => s.draft.optimizers.length);
  const [choice, setChoice] = useState<OptimizerPresetName>('natural-nesterov');
  return (
    <div className="add-optimizer">
      <FieldShell id="add-optimizer-preset" label="Add an optimizer">
        <select
          id="add-optimizer-preset"
          value={choice}
          data-testid="add-optimizer-preset"
          onChange={(event) => setChoice(event.target.value as OptimizerPresetName)}
        >
          {OPTIMIZER_PRESET_NAMES.map((name) => (
            <option key={name} value={name}>
              {PRESET_LABELS[name]}
            </option>
          ))}
        </select>
      </FieldShell>
      <button
        type="button"
        data-testid="add-optimizer"
        disabled={count >= MAX_OPTIMIZERS}
        onClick={() => update((d) => addOptimizer(d, choice))}
      >
        Add
      </button>
    </div>
  );
}

export function OptimizerList() {
  countRender('OptimizerList');
  const optimizers = useScenario((s) => s.draft.optimizers);
  const listError = useScenario((s) => s.errors.find((e) => e.path === 'optimizers')?.message);
  return (
    <Section title="Optimizers" testId="optimizers-section">
      <ul className="optimizer-list">
        {optimizers.map((spec, index) => (
          <OptimizerEditor key={`${spec.id}-${index}`} index={index} spec={spec} />
        ))}
      </ul>
      {listError ? (
        <div className="field-error" role="alert">
          {listError}
        </div>
      ) : null}
      <AddOptimizer />
    </Section>
  );
}
