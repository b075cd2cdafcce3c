// Startup of the built CLI as a user runs it (plain `node packages/cli/bin/dynamo-dr.js`, after a fresh build):
// wall time and peak RSS of `dynamo-dr --help` and `dynamo-dr --version` as ratios to `node -e 0`, the three
// measured in turn in one run, REPEATS times each, medians. Writes bench/results/startup.json.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchResults } from './writeBenchResults.js';

const REPEATS = 21;
/**
 * Targets as ratios, so that a loaded machine does not move them: `dynamo-dr --help` in at most 0.2 s where
 * `node -e 0` takes 0.05 s (it took 0.5 s = 10x when it loaded tsx and all of core), and peak RSS barely above
 * bare node (it was 120 MiB, 3x).
 */
const TARGET_TIME_RATIO = 4;
const TARGET_RSS_RATIO = 1.5;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const bin = path.join(root, 'packages', 'cli', 'bin', 'dynamo-dr.js');
// Each process prints its own peak RSS when it exits (process.resourceUsage().maxRSS, in kilobytes): a preload
// every measured command gets alike, so it cancels out of the ratios.
const reportRss = `--import=data:text/javascript,${encodeURIComponent(
  "process.on('exit', () => process.stderr.write(`\\nmaxRSS=${process.resourceUsage().maxRSS}\\n`));",
)}`;

const commands = {
  'node -e 0': ['-e', '0'],
  'dynamo-dr --help': [bin, '--help'],
  'dynamo-dr --version': [bin, '--version'],
} as const;
type Measured = keyof typeof commands;

function runOnce(args: readonly string[]): { ms: number; rssMb: number } {
  const started = performance.now();
  const child = spawnSync(process.execPath, [reportRss, ...args], { encoding: 'utf8' });
  const ms = performance.now() - started;
  const rss = /maxRSS=(\d+)/.exec(child.stderr)?.[1];
  if (child.status !== 0 || !rss) throw new Error(`node ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
  return { ms, rssMb: Number(rss) / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const names = Object.keys(commands) as Measured[];
const samples = names.map(() => ({ ms: [] as number[], rssMb: [] as number[] }));
for (let i = 0; i < REPEATS; i++) {
  names.forEach((name, n) => {
    const { ms, rssMb } = runOnce(commands[name]);
    samples[n]!.ms.push(ms);
    samples[n]!.rssMb.push(rssMb);
  });
}

const medians = Object.fromEntries(
  names.map((name, n) => [name, { ms: median(samples[n]!.ms), rssMb: median(samples[n]!.rssMb) }]),
) as Record<Measured, { ms: number; rssMb: number }>;
const baseline = medians['node -e 0'];
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
const rows: { measure: string; result: string; target: string }[] = [
  { measure: 'node -e 0', result: `${baseline.ms.toFixed(0)} ms, ${baseline.rssMb.toFixed(0)} MiB`, target: '' },
];
const ratios: Record<string, number> = {};
for (const name of ['dynamo-dr --help', 'dynamo-dr --version'] as const) {
  const { ms, rssMb } = medians[name];
  ratios[`${name} time`] = ms / baseline.ms;
  ratios[`${name} rss`] = rssMb / baseline.rssMb;
  rows.push(
    {
      measure: `${name}: time`,
      result: `${ms.toFixed(0)} ms = ${(ms / baseline.ms).toFixed(2)}x node -e 0`,
      target: `<= ${TARGET_TIME_RATIO}x: ${met(ms / baseline.ms <= TARGET_TIME_RATIO)}`,
    },
    {
      measure: `${name}: peak RSS`,
      result: `${rssMb.toFixed(0)} MiB = ${(rssMb / baseline.rssMb).toFixed(2)}x node -e 0`,
      target: `<= ${TARGET_RSS_RATIO}x: ${met(rssMb / baseline.rssMb <= TARGET_RSS_RATIO)}`,
    },
  );
}
console.log(`CLI startup, built CLI in plain node, median of ${REPEATS} runs each, interleaved`);
console.table(rows);
await writeBenchResults('startup', { startedAt: new Date().toISOString(), repeats: REPEATS, medians, ratios });
