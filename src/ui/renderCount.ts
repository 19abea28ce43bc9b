// A render counter per component name, readable from end-to-end tests (window.__renderCounts): it shows
// that streaming records re-render the plots and status line but not the control panels.

declare global {
  interface Window {
    __renderCounts?: Record<string, number>;
  }
}

export function countRender(name: string): void {
  if (typeof window === 'undefined') return;
  const counts = (window.__renderCounts ??= {});
  counts[name] = (counts[name] ?? 0) + 1;
}
