import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DrError } from '../errors.js';

/**
 * The JavaScript of Chart.js (its UMD build, which defines the global `Chart`), read from the installed package
 * so that a report can carry it inline and open with no network. The package exports only its modules, so the
 * build is found beside the CommonJS entry.
 *
 * @example
 * const js = await chartJsSource();
 */
export async function chartJsSource(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  const file = path.join(path.dirname(entry), 'chart.umd.min.js');
  const source = await readFile(file, 'utf8');
  // Inside a <script> element these would end it early or change how the HTML parser reads it.
  if (/<\/script|<!--/i.test(source)) {
    throw new DrError(`${file} cannot be inlined in a <script> element: it contains "</script" or "<!--".`, {
      hint: 'Report this with the installed chart.js version (npm ls chart.js).',
    });
  }
  return source;
}
