// A Chromium trace of the page's main thread (the DevTools protocol's Tracing domain): every task it ran,
// with its wall time and its CPU time (thread time). CPU time is what our code costs: neither DevTools'
// CPU throttling (it suspends the thread) nor other processes on a loaded machine inflate it, whereas
// the Long Tasks API reports wall time, which a busy 2-core runner stretches now and then. Used by the
// long-task tests and by bench/app.ts.

import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTask {
  /** Start, ms since the trace's first task. */
  startMs: number;
  wallMs: number;
  cpuMs: number;
}

export interface MainThreadTrace {
  tasks: MainThreadTask[];
  /** CPU time of all tasks. */
  threadMs: number;
  /** From the first task's start to the last one's end. */
  wallMs: number;
}

/** Start tracing the page's main thread; stop() returns its tasks. */
export async function traceMainThread(page: Page): Promise<{ stop(): Promise<MainThreadTrace> }> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => {
    events.push(...(message.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', {
    categories: 'toplevel,disabled-by-default-devtools.timeline,__metadata',
    transferMode: 'ReportEvents',
  });
  return {
    async stop(): Promise<MainThreadTrace> {
      const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach();
      // The renderer main thread with the most task time is the page's.
      const mains = new Set(
        events.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
      );
      const byThread = new Map<string, TraceEvent[]>();
      for (const e of events) {
        const thread = `${e.pid}:${e.tid}`;
        if (e.ph !== 'X' || e.name !== 'RunTask' || !mains.has(thread)) continue;
        const list = byThread.get(thread) ?? [];
        list.push(e);
        byThread.set(thread, list);
      }
      let best: TraceEvent[] = [];
      let bestMs = -1;
      for (const list of byThread.values()) {
        const ms = list.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
        if (ms > bestMs) ((best = list), (bestMs = ms));
      }
      if (best.length === 0) return { tasks: [], threadMs: 0, wallMs: 0 };
      const first = Math.min(...best.map((e) => e.ts));
      const last = Math.max(...best.map((e) => e.ts + (e.dur ?? 0)));
      return {
        tasks: best.map((e) => ({
          startMs: (e.ts - first) / 1000,
          wallMs: (e.dur ?? 0) / 1000,
          cpuMs: (e.tdur ?? 0) / 1000,
        })),
        threadMs: bestMs,
        wallMs: (last - first) / 1000,
      };
    },
  };
}

/** Tasks that took more than `ms` of the main thread's CPU time. */
export function longCpuTasks(trace: MainThreadTrace, ms = 50): MainThreadTask[] {
  return trace.tasks.filter((task) => task.cpuMs > ms);
}

/** "3 tasks: 61 ms (CPU 12 ms) at 1200 ms, …" for a test's log. */
export function describeTasks(tasks: readonly MainThreadTask[]): string {
  if (tasks.length === 0) return 'none';
  return tasks
    .map((t) => `${t.wallMs.toFixed(0)} ms (CPU ${t.cpuMs.toFixed(0)} ms) at ${t.startMs.toFixed(0)} ms`)
    .join(', ');
}
