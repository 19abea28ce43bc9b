// Export the records of the current run as CSV or JSON — the same files the command-line runner writes.

import { resultToCsv, resultToJson, type TrackResult } from '../../engine/export';
import { useRuns } from '../../state/runs';
import { useScenario } from '../../state/scenario';

function currentTracks(): TrackResult[] {
  const state = useRuns.getState();
  return state.keys.map((key) => {
    const t = state.tracks[key];
    const records = t.records.slice(0, t.count);
    const last = records[records.length - 1];
    const result: TrackResult = {
      key: t.key,
      optimizerId: t.optimizerId,
      seedIndex: t.seedIndex,
      label: t.label,
      records,
      theta: last?.theta ?? new Float64Array(0),
    };
    if (t.stopReason !== undefined) result.stopReason = t.stopReason;
    return result;
  });
}

export function download(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportButtons() {
  return (
    <div className="button-row" role="group" aria-label="Export the run">
      <button
        type="button"
        className="small"
        data-testid="export-csv"
        onClick={() => download(resultToCsv(currentTracks()), 'run.csv', 'text/csv')}
      >
        Export CSV
      </button>
      <button
        type="button"
        className="small"
        data-testid="export-json"
        onClick={() =>
          download(
            JSON.stringify(resultToJson(useScenario.getState().valid, currentTracks()), null, 1),
            'run.json',
            'application/json',
          )
        }
      >
        Export JSON
      </button>
    </div>
  );
}
