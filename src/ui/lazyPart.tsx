// Parts of the page loaded on demand (KaTeX, the gallery, the sweep tools, export): a dynamic import()
// behind React.lazy, shown with a placeholder while the chunk loads and with a short message and a
// "Retry" button if it fails (offline with a stale cache, a deployment that replaced the chunk). Retry
// makes a fresh React.lazy and remounts every instance's error boundary, so the import is attempted
// again instead of replaying the cached failure.

import { Component, Suspense, lazy, useSyncExternalStore, type ComponentType, type ReactNode } from 'react';

export interface LazyPart<P extends object> {
  /** Start loading now (e.g. when the browser is idle), without rendering anything. */
  preload(): Promise<unknown>;
  /** The component, rendered with a placeholder while it loads and an error state if loading fails. */
  Component: ComponentType<P>;
}

interface BoundaryProps {
  /** What failed to load, in the error message ("the formulas", "the gallery"). */
  what: string;
  onRetry(): void;
  children: ReactNode;
}

class LoadBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <span className="lazy-error" role="alert" data-testid="lazy-error">
        Could not load {this.props.what} (offline?).{' '}
        <button type="button" className="small" onClick={this.props.onRetry}>
          Retry
        </button>
      </span>
    );
  }
}

/**
 * A component from a chunk loaded on first render (or earlier through preload()). `fallback` renders
 * while the chunk loads: something of the final size, so the page does not jump when it arrives.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  what: string,
  fallback: (props: P) => ReactNode,
): LazyPart<P> {
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const start = () => {
    pending ??= load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        pending = null; // the next attempt imports again
        throw error instanceof Error ? error : new Error(String(error));
      },
    );
    return pending;
  };
  let Loaded = lazy(start);
  // Every mounted instance of the part shows the same attempt: Retry in one of them retries them all.
  let attempt = 0;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const retry = () => {
    Loaded = lazy(start);
    attempt++;
    for (const listener of listeners) listener();
  };

  function LazyComponent(props: P) {
    const current = useSyncExternalStore(subscribe, () => attempt);
    return (
      <LoadBoundary key={current} what={what} onRetry={retry}>
        <Suspense fallback={fallback(props)}>
          <Loaded {...props} />
        </Suspense>
      </LoadBoundary>
    );
  }
  return { preload: () => start().catch(() => undefined), Component: LazyComponent };
}
