import cliProgress from 'cli-progress';
import type { RunProgress } from '@dynamo-dr/core';

/**
 * A live display on a terminal: one bar per table showing the phase, items
 * per second and the ETA (from DynamoDB's item count estimate, when known).
 *
 * @example
 * const progress = progressBars(plan.tables); // then pass progress.onProgress to the run; progress.stop() at the end
 */
export function progressBars(tables: readonly { readonly tableName: string; readonly estimatedItems: number }[]): {
  onProgress: (p: RunProgress) => void;
  stop: () => void;
} {
  const bars = new cliProgress.MultiBar(
    {
      format: '{table} | {phase} | {bar} | {value}/{total} items | {speed} items/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const state = new Map(
    tables.map((t) => {
      const total = Math.max(1, t.estimatedItems);
      const bar = bars.create(total, 0, { table: t.tableName, phase: 'backup + restore', speed: 0 });
      return [t.tableName, { bar, phase: '', done: 0, since: Date.now(), total }];
    }),
  );
  return {
    onProgress(p) {
      const s = state.get(p.tableName);
      if (!s) return;
      if (s.phase !== p.phase) Object.assign(s, { phase: p.phase, done: 0, since: Date.now() });
      s.done += p.newItems;
      const speed = Math.round(s.done / Math.max(0.001, (Date.now() - s.since) / 1000));
      s.bar.setTotal(Math.max(s.total, s.done));
      s.bar.update(s.done, { phase: p.phase, speed });
    },
    stop: () => bars.stop(),
  };
}
