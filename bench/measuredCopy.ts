// Child process of the scale benchmark: copies one table into another with copyTable and prints, as one JSON
// line, what the copy took: wall time (whole call, and until verification), this process's CPU during the copy,
// its peak RSS and its heap after a full collection. A fresh process per measurement, so that each peak RSS starts from a fresh heap; the sandbox
// runs in another process, so none of its CPU is counted here. Argument: JSON { endpoint, source, destination }.
import { copyTable, type SyncProgress } from '@dynamo-dr/core';
import { benchClient } from './benchTables.js';

const { endpoint, source, destination } = JSON.parse(process.argv[2]!) as Record<string, string>;
const client = benchClient(endpoint!);
let verifyAt = 0;
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
  }),
);
