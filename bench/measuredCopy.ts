// Child process of the scale benchmark: copies one table into another with copyTable and prints, as one JSON
// line, what the copy took: wall time (whole call, and until verification), this process's CPU during the copy,
// its peak RSS, where its memory went, and its heap after a full collection. A fresh process per measurement, so that
// each peak RSS starts from a fresh heap; the sandbox runs in another process, so none of its CPU is counted here. Argument: JSON { endpoint, source, destination }.
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import { copyTable, type SyncProgress } from '@dynamo-dr/core';
import { benchClient } from './benchTables.js';

const { endpoint, source, destination } = JSON.parse(process.argv[2]!) as Record<string, string>;
const client = benchClient(endpoint!);
let verifyAt = 0;
// Where the peak RSS goes: the largest V8 heap (reserved and used) and off-heap memory (Buffers, sockets) seen
// during the copy, sampled every 20 ms (process.memoryUsage: https://nodejs.org/api/process.html#processmemoryusage).
const peak = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  for (const key of Object.keys(peak) as (keyof typeof peak)[]) peak[key] = Math.max(peak[key], m[key]);
}, 20);
// The live heap while copying: the old generation right after each full (mark-sweep) collection during the copy (the
// young generation is left out: it is emptied by every scavenge, and its fill when the observer runs is noise). The
// heap after the final collection cannot see a buffer that grows during the copy and is let go at its end; this can.
const liveHeaps: number[] = [];
const collections = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      liveHeaps.push(oldGenerationBytes());
    }
  }
});
collections.observe({ entryTypes: ['gc'] });
const cpu = process.cpuUsage();

const started = performance.now();
const result = await copyTable(
  { client, tableName: source! },
  { client, tableName: destination! },
  {
    onProgress: (p: SyncProgress) => {
      if (p.phase === 'verify' && !verifyAt) verifyAt = performance.now();
    },
  },
);
const ended = performance.now();
const used = process.cpuUsage(cpu);
clearInterval(sampler);
collections.disconnect();
// What the copy still holds once garbage is collected (the parent starts this process with --expose-gc): if it
// does not grow with the table, any growth of the peak RSS is the collector's laziness, not memory kept.
(globalThis as { gc?: () => void }).gc?.();
console.log(
  JSON.stringify({
    count: result.destination.count,
    seconds: (ended - started) / 1000,
    syncSeconds: ((verifyAt || ended) - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    // maxRSS is in kilobytes (https://nodejs.org/api/process.html#processresourceusage).
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapAfterGcMb: process.memoryUsage().heapUsed / 2 ** 20,
    fullCollections: liveHeaps.length,
    // The median of what each full collection left (the peak of them grows with their number, not with the table).
    liveHeapMb: (liveHeaps.sort((a, b) => a - b)[Math.floor(liveHeaps.length / 2)] ?? 0) / 2 ** 20,
    peakLiveHeapMb: (liveHeaps.at(-1) ?? 0) / 2 ** 20,
    peakHeapTotalMb: peak.heapTotal / 2 ** 20,
    peakHeapUsedMb: peak.heapUsed / 2 ** 20,
    peakExternalMb: peak.external / 2 ** 20,
    peakArrayBuffersMb: peak.arrayBuffers / 2 ** 20,
  }),
);

/**
 * Bytes used in V8's old generation: its old space and its large objects
 * (https://nodejs.org/api/v8.html#v8getheapspacestatistics).
 */
function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((s) => s.space_name === 'old_space' || s.space_name === 'large_object_space')
    .reduce((sum, s) => sum + s.space_used_size, 0);
}
