// The optimizers of the race: add one from the named presets, remove, edit every option, pick a colour;
// the update rule of each is rendered with KaTeX beside its options.

import { useMemo, useState } from 'react';
import type { OptimizerSpec, Preconditioner, ResolvedOptimizer } from '../../engine/scenario/types';
import { resolveOptimizer, hasOwnMemory } from '../../engine/scenario/defaults';
import { OPTIMIZER_PRESET_NAMES, type OptimizerPresetName } from '../../engine/scenario/optimizerPresets';
import { MAX_OPTIMIZERS } from '../../engine/scenario/limits';
import { optimizerDisplayColor } from '../../style/methodColors'; // classroom hook: one colour per method
import { useScenario, errorsUnder } from '../../state/scenario';
import { countRender } from '../renderCount';
import { FieldShell, NumberField, Section, SelectField, TextField } from './fields';
import { OptimizerFormula } from './Formula';
import { addOptimizer } from './scenarioEdits';

const PRESET_LABELS: Record<OptimizerPresetName, string> = {
  gd: 'GD',
  'heavy-ball': 'Heavy-Ball',
  nesterov: 'Nesterov',
  adam: 'Adam',
  lbfgs: 'L-BFGS',
  ngd: 'NGD',
  nhgd: 'NHGD',
  newton: 'Newton',
  'natural-heavy-ball': 'Natural Heavy-Ball',
  'natural-nesterov': 'Natural Nesterov',
};

const PRECONDITIONERS: { value: Preconditioner; label: string }[] = [
  { value: 'identity', label: 'identity (gradient)' },
  { value: 'gram', label: 'Gram G (NGD)' },
  { value: 'loss-hessian', label: 'loss Hessian Gᴴ (NHGD)' },
  { value: 'newton', label: 'Newton H' },
  { value: 'adam', label: 'Adam' },
  { value: 'lbfgs', label: 'L-BFGS' },
];

/** A hex colour for <input type="color"> (which only takes #rrggbb). */
function hexColor(color: string): string {
  return /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#000000';
}

function OptimizerEditor({ index, spec }: { index: number; spec: OptimizerSpec }) {
  const update = useScenario((s) => s.update);
  const count = useScenario((s) => s.draft.optimizers.length);
  const hasErrors = useScenario((s) => errorsUnder(s.errors, `optimizers[${index}]`).length > 0);
  const resolved: ResolvedOptimizer = useMemo(() => resolveOptimizer(spec), [spec]);
  const color = optimizerDisplayColor(spec);
  const base = `optimizers[${index}]`;
  const fid = (name: string) => `opt:${spec.id}:${name}`;
  const edit = (change: (o: OptimizerSpec) => void) =>
    update((d) => {
      const o = d.optimizers[index];
      if (o) change(o);
    });
  const ownMemory = hasOwnMemory(resolved.preconditioner);
  const natural = resolved.preconditioner !== 'identity' && !ownMemory;
  const [open, setOpen] = useState(false);
  return (
    <li className={`optimizer${hasErrors ? ' optimizer-invalid' : ''}`} style={{ borderLeftColor: color }} data-testid={`optimizer-${spec.id}`}>
      <div className="optimizer-head">
        <input
          type="color"
          aria-label={`Colour of ${resolved.label}`}
          value={hexColor(color)}
          onChange={(event) => edit((o) => void (o.color = event.target.value))}
        />
        <TextField
          label="Name"
          value={spec.label ?? ''}
          placeholder={spec.id}
          path={`${base}.label`}
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
      <div className="field-row">
        <SelectField
          label="Preconditioner"
          value={resolved.preconditioner}
          options={PRECONDITIONERS}
          path={`${base}.preconditioner`}
          onChange={(preconditioner) =>
            edit((o) => {
              o.preconditioner = preconditioner;
              // Options that no longer apply would only raise validation errors.
              if (hasOwnMemory(preconditioner)) {
                delete o.momentum;
                delete o.transport;
                delete o.lookahead;
              } else if (o.transport !== undefined && o.transport !== 'parameter' && preconditioner === 'identity') {
                o.transport = 'parameter';
              }
            })
          }
        />
        <NumberField
          fieldId={fid('alpha')}
          label="step α"
          value={resolved.alpha}
          path={`${base}.alpha`}
          disabled={resolved.step.rule === 'armijo' && !ownMemory}
          testId={`alpha-${spec.id}`}
          onCommit={(alpha) => edit((o) => void (o.alpha = alpha))}
        />
      </div>
      {!ownMemory ? (
        <div className="field-row">
          <SelectField
            label="Momentum"
            value={resolved.momentum}
            options={[
              { value: 'none', label: 'none' },
              { value: 'heavy-ball', label: 'heavy-ball' },
              { value: 'nesterov', label: 'Nesterov' },
            ]}
            path={`${base}.momentum`}
            onChange={(momentum) => edit((o) => void (o.momentum = momentum))}
          />
          {resolved.momentum !== 'none' ? (
            <NumberField
              fieldId={fid('beta')}
              label="momentum β"
              value={resolved.beta}
              path={`${base}.beta`}
              onCommit={(beta) => edit((o) => void (o.beta = beta))}
            />
          ) : null}
        </div>
      ) : null}
      {!ownMemory && resolved.momentum !== 'none' ? (
        <div className="field-row">
          <SelectField
            label="Transport"
            value={resolved.transport}
            options={['parameter', 'projected-momentum', 'projected-difference'] as const}
            path={`${base}.transport`}
            onChange={(transport) => edit((o) => void (o.transport = transport))}
          />
          {resolved.momentum === 'nesterov' ? (
            <SelectField
              label="Look-ahead"
              value={resolved.lookahead}
              options={['tangent-k', 'tangent-y'] as const}
              path={`${base}.lookahead`}
              disabled={!natural}
              onChange={(lookahead) => edit((o) => void (o.lookahead = lookahead))}
            />
          ) : null}
          <SelectField
            label="Restart"
            value={resolved.restart}
            options={[
              { value: 'none', label: 'none' },
              { value: 'function', label: 'when L rises' },
            ]}
            path={`${base}.restart`}
            onChange={(restart) => edit((o) => void (o.restart = restart))}
          />
        </div>
      ) : null}
      <button
        type="button"
        className="link-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Fewer options' : 'More options (step rule, solver…)'}
      </button>
      {open ? (
        <div className="optimizer-more">
          {resolved.preconditioner === 'adam' ? (
            <div className="field-row">
              <NumberField fieldId={fid('beta1')} label="β₁" value={resolved.beta1} path={`${base}.beta1`} onCommit={(v) => edit((o) => void (o.beta1 = v))} />
              <NumberField fieldId={fid('beta2')} label="β₂" value={resolved.beta2} path={`${base}.beta2`} onCommit={(v) => edit((o) => void (o.beta2 = v))} />
              <NumberField fieldId={fid('adamEps')} label="ε" value={resolved.adamEps} path={`${base}.adamEps`} onCommit={(v) => edit((o) => void (o.adamEps = v))} />
            </div>
          ) : null}
          {resolved.preconditioner === 'lbfgs' ? (
            <div className="field-row">
              <NumberField fieldId={fid('history')} label="history" integer value={resolved.history} path={`${base}.history`} onCommit={(v) => edit((o) => void (o.history = v))} />
              <SelectField
                label="Line search"
                value={resolved.lineSearch}
                options={['strong-wolfe', 'armijo'] as const}
                path={`${base}.lineSearch`}
                onChange={(lineSearch) => edit((o) => void (o.lineSearch = lineSearch))}
              />
            </div>
          ) : null}
          {!ownMemory ? (
            <>
              <div className="field-row">
                <SelectField
                  label="Step rule"
                  value={resolved.step.rule}
                  options={[
                    { value: 'fixed', label: 'fixed α' },
                    { value: 'armijo', label: 'Armijo backtracking' },
                  ]}
                  path={`${base}.step`}
                  onChange={(rule) => edit((o) => void (o.step = rule === 'fixed' ? { rule: 'fixed' } : { rule: 'armijo' }))}
                />
              </div>
              {resolved.step.rule === 'armijo' ? (
                <div className="field-row">
                  {(['initial', 'shrink', 'c'] as const).map((name) => (
                    <NumberField
                      key={name}
                      fieldId={fid(`step.${name}`)}
                      label={name === 'initial' ? 'initial α' : name === 'shrink' ? 'shrink ρ' : 'Armijo c'}
                      value={resolved.step.rule === 'armijo' ? resolved.step[name] : undefined}
                      path={`${base}.step.${name}`}
                      onCommit={(v) =>
                        edit((o) => {
                          const step = o.step?.rule === 'armijo' ? o.step : { rule: 'armijo' as const };
                          o.step = { ...step, [name]: v };
                        })
                      }
                    />
                  ))}
                </div>
              ) : null}
              {resolved.preconditioner !== 'identity' ? (
                <div className="field-row">
                  <SelectField
                    label="Solver"
                    value={resolved.solver.kind}
                    options={[
                      { value: 'cholesky', label: 'Cholesky + Tikhonov ε' },
                      { value: 'pinv', label: 'pseudo-inverse (eigen)' },
                      { value: 'lstsq', label: 'least squares (QR)' },
                    ]}
                    path={`${base}.solver.kind`}
                    onChange={(kind) => edit((o) => void (o.solver = { kind }))}
                  />
                  {resolved.solver.kind === 'cholesky' ? (
                    <NumberField
                      fieldId={fid('solver.eps')}
                      label="Tikhonov ε"
                      value={resolved.solver.eps}
                      path={`${base}.solver.eps`}
                      onCommit={(eps) => edit((o) => void (o.solver = { kind: 'cholesky', eps }))}
                    />
                  ) : (
                    <NumberField
                      fieldId={fid('solver.rcond')}
                      label="rcond"
                      value={resolved.solver.rcond}
                      path={`${base}.solver.rcond`}
                      onCommit={(rcond) =>
                        edit((o) => void (o.solver = { kind: resolved.solver.kind === 'pinv' ? 'pinv' : 'lstsq', rcond }))
                      }
                    />
                  )}
                </div>
              ) : null}
            </>
          ) : null}
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
      {listError ? <div className="field-error" role="alert">{listError}</div> : null}
      <AddOptimizer />
    </Section>
  );
}
