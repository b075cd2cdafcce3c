import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { drillReportFileName, type DrillReport } from '../drillReports/drillReport.js';
import { drillReportMarkdown } from './drillReportMarkdown.js';

/** Where a drill's report was written. */
export interface WrittenDrillReport {
  readonly json: string;
  readonly markdown: string;
}

/**
 * Writes the report as `YYYY-MM-DD-<environment>-<table>.json` and `.md` in `directory` (created when missing).
 * A second drill of the table on the same day never replaces the first's: it gets `-2`, `-3`, … before the
 * extension (readers take every `YYYY-MM-DD-*.json`).
 *
 * @example
 * const { json } = await writeDrillReport('docs/ops/recovery-tests', report);
 */
export async function writeDrillReport(directory: string, report: DrillReport): Promise<WrittenDrillReport> {
  await mkdir(directory, { recursive: true });
  const base = drillReportFileName(report).replace(/\.json$/, '');
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    const json = path.join(directory, `${name}.json`);
    try {
      // `wx`: the name is taken atomically, so two drills finishing together never share a file.
      await writeFile(json, `${JSON.stringify(report, null, 2)}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    const markdown = path.join(directory, `${name}.md`);
    await writeFile(markdown, drillReportMarkdown(report));
    return { json, markdown };
  }
}
