// `npm run bench`: runs every bench/*.bench.ts in its own child process, one after the other (so that no
// benchmark competes with another for the two cores), and prints what each prints (its tables); then the RTO
// model (writeRtoModel.ts) from the results they wrote. `npm run bench -- sync scale` runs the benchmarks whose
// names hold one of the words; `npm run bench -- model` only the model. Benchmarks run from source, like the
// tests; one that measures the build (startup.bench.ts) builds it first.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCE_NODE_ARGS } from '../scripts/sourceRun.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of [...files, 'writeRtoModel.ts']) {
  console.log(`\n=== ${file} ===`);
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [...SOURCE_NODE_ARGS, path.join(here, file)], {
      stdio: 'inherit',
      // The AWS SDK's warning about Node 20 would repeat in every child process, between the tables.
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    child.once('exit', (c) => resolve(c));
  });
  if (code !== 0) {
    failed += 1;
    console.error(`${file} failed with exit code ${code}`);
  }
}
process.exitCode = failed ? 1 : 0;
