// Every reason the edited scenario is not running yet, in one visible list. Fields show their own errors
// inline too, but some errors belong to no single field (e.g. "model: 150001 parameters exceeds the
// limit…"), and a user must never be left wondering why the plots stopped following their edits.

import { formatFieldError } from '../engine/scenario/validate';
import { useScenario } from '../state/scenario';

export function DraftErrors() {
  const errors = useScenario((s) => s.errors);
  if (errors.length === 0) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="draft-errors">
      <p className="banner-title">
        Not applied yet: the plots keep showing the last valid scenario until{' '}
        {errors.length === 1 ? 'this is' : `these ${errors.length} are`} fixed.
      </p>
      <ul className="banner-list">
        {errors.map((error) => (
          <li key={`${error.path}:${error.message}`}>{formatFieldError(error)}</li>
        ))}
      </ul>
    </div>
  );
}
