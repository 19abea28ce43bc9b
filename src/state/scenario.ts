// The scenario store: the one scenario the user edits. `draft` is what the controls show (it may be
// invalid); `valid` is the last valid scenario (what the worker runs). Texts that do not parse yet (a
// half-typed number, "1,20,") are kept in `texts`, keyed by a field id, so nothing typed is lost while the
// page keeps running the last good scenario.

import { create } from 'zustand';
import type { Scenario } from '../engine/scenario/types';
import { validateScenario, type FieldError } from '../engine/scenario/validate';
import { editField } from '../engine/scenario/coherence/editField';
import { DEFAULT_SCENARIO, SCENARIO_PRESETS } from '../engine/scenario/presets';
import { needsParser } from './expressionParser';

export interface ScenarioState {
  draft: Scenario;
  valid: Scenario;
  /** Errors of the draft (empty when the draft is the valid scenario). */
  errors: FieldError[];
  /** Raw texts of fields whose current text does not parse, keyed by field id. */
  texts: Record<string, string>;
  /** The preset the scenario was loaded from (kept through edits, to mark it in the gallery). */
  presetKey: string | null;
  /** Why the link in the address bar could not be opened (every error), or null. */
  linkErrors: string[] | null;
  /** Increases with every load() (preset, link): the address keeps a history entry per load. */
  loads: number;
  /** Increases whenever `valid` changes (a new run starts). */
  revision: number;
}

export interface ScenarioActions {
  /** Edit the draft: `edit` receives a deep copy and may mutate it. */
  update(edit: (draft: Scenario) => void): void;
  /** Set one field of the draft by its path (docs/SCENARIO.md "Sweeps" syntax, e.g. 'optimizers.ngd.alpha'), coherently. */
  setField(path: string, value: unknown): void;
  /** Replace everything (preset, link). The scenario must be valid; invalid ones only set errors. */
  load(scenario: Scenario, presetKey?: string | null): void;
  /** Remember (or, with undefined, forget) the raw text of a field. */
  setText(id: string, text: string | undefined): void;
  setLinkErrors(errors: string[] | null): void;
}

export type ScenarioStore = ScenarioState & ScenarioActions;

export function createScenarioStore(initial: Scenario, initialPresetKey: string | null = null) {
  const checked = validateScenario(initial);
  if (!checked.ok)
    throw new Error(
      `the initial scenario is invalid: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    );
  return create<ScenarioStore>()((set, get) => ({
    draft: structuredClone(checked.scenario),
    valid: checked.scenario,
    errors: [],
    texts: {},
    presetKey: initialPresetKey,
    linkErrors: null,
    loads: 0,
    revision: 0,

    update(edit) {
      const draft = structuredClone(get().draft);
      edit(draft);
      const { value: result, pending } = needsParser(() => validateScenario(draft));
      if (pending) {
        // A formula, and the parser is still loading: validate again once it is there.
        set({ draft });
        void pending.then(
          () => {
            if (get().draft === draft) get().update(() => undefined);
          },
          () => set({ errors: result.ok ? [] : result.errors }),
        );
      } else if (result.ok) {
        set({ draft, valid: result.scenario, errors: [], revision: get().revision + 1 });
      } else {
        set({ draft, errors: result.errors });
      }
    },

    setField(path, value) {
      get().update((draft) => {
        const written = editField(draft, path, value);
        // The controls only offer fields the table locates; a miss is a bug worth seeing.
        if (!written.ok) throw new Error(written.error);
      });
    },

    load(scenario, presetKey = null) {
      const { value: result, pending } = needsParser(() => validateScenario(scenario));
      if (pending) {
        // A formula, and the parser is still loading: load once it is there (the current run goes on).
        void pending.then(
          () => get().load(scenario, presetKey),
          () => set({ draft: structuredClone(scenario), errors: result.ok ? [] : result.errors, texts: {}, presetKey }),
        );
      } else if (result.ok) {
        set({
          draft: structuredClone(result.scenario),
          valid: result.scenario,
          errors: [],
          texts: {},
          presetKey,
          loads: get().loads + 1,
          revision: get().revision + 1,
        });
      } else {
        set({ draft: structuredClone(scenario), errors: result.errors, texts: {}, presetKey });
      }
    },

    setText(id, text) {
      const texts = { ...get().texts };
      if (text === undefined) delete texts[id];
      else texts[id] = text;
      set({ texts });
    },

    setLinkErrors(linkErrors) {
      set({ linkErrors: linkErrors && linkErrors.length > 0 ? [...linkErrors] : null });
    },
  }));
}

/** Errors whose path is `path` or lies below it (`optimizers[1]` covers `optimizers[1].beta`). */
export function errorsUnder(errors: readonly FieldError[], path: string): FieldError[] {
  return errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`) || e.path.startsWith(`${path}[`));
}

/** The app's scenario store; opens on the paper's local-minimum toy (a link may replace it at start-up). */
export const useScenario = createScenarioStore(
  DEFAULT_SCENARIO,
  SCENARIO_PRESETS.find((p) => JSON.stringify(p.scenario) === JSON.stringify(DEFAULT_SCENARIO))?.key ?? null,
);
