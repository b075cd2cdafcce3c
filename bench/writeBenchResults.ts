// Where every benchmark writes its figures: bench/results/<name>.json, with the machine they were measured on and
// its load, so that a result file never reads as final when it was taken on a busy or small machine. The results
// are not committed: `npm run bench` writes them (docs/performance.md quotes a run and says where it was taken).
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The 1-minute load average when the benchmark's process started (this module loads with it). */
const loadAverageAtStart = loadavg()[0]!;

/** The machine a benchmark runs on, and how busy it was from the benchmark's start to now. */
export interface MachineUnderTest {
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
  /** 1-minute load averages; above the number of CPUs, other processes competed with the benchmark. */
  readonly loadAverageAtStart: number;
  readonly loadAverageAtEnd: number;
  readonly loaded: boolean;
}

export function machineUnderTest(): MachineUnderTest {
  const cores = cpus();
  const loadAverageAtEnd = loadavg()[0]!;
  return {
    cpuModel: cores[0]?.model ?? 'unknown',
    cpus: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart,
    loadAverageAtEnd,
    // A quiet machine runs little beside the benchmark (which itself keeps up to about two cores busy).
    loaded: Math.max(loadAverageAtStart, loadAverageAtEnd) > cores.length,
  };
}

/**
 * Writes `results` to bench/results/`name`.json, with the machine under test; returns the file's path.
 * `BENCH_RESULTS_DIR` (an existing directory, absolute) writes them there instead: a test's run of a benchmark
 * leaves the figures of a real run alone.
 */
export async function writeBenchResults(name: string, results: object): Promise<string> {
  const file = path.join(benchResultsDirectory(), `${name}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ machine: machineUnderTest(), ...results }, null, 2)}\n`);
  return file;
}

/** Where the results are read and written: bench/results, or `BENCH_RESULTS_DIR` (checked) when set. */
export function benchResultsDirectory(): string {
  const dir = process.env.BENCH_RESULTS_DIR;
  if (!resultsElsewhere() || dir === undefined) return path.join(here, 'results');
  if (!path.isAbsolute(dir) || !existsSync(dir)) {
    throw new Error(
      `BENCH_RESULTS_DIR must be an existing directory, given by an absolute path: ${JSON.stringify(dir)}`,
    );
  }
  return dir;
}

/** Whether `BENCH_RESULTS_DIR` sends the results away from bench/results (a side run's, not the figures to quote). */
export function resultsElsewhere(): boolean {
  return (process.env.BENCH_RESULTS_DIR ?? '') !== '';
}
