import { parseDrillReport, type DrillReport } from './drillReport.js';
import type { DrillReportSource } from './drillReportSources.js';

/** A report and where it was read from (`docs/ops/recovery-tests/2026-11-03-Prod-Orders.json`, `s3://…`). */
export interface LocatedDrillReport {
  readonly report: DrillReport;
  readonly location: string;
}

/** Every report the sources hold, and the files (or sources) that could not be read, each with why. */
export interface DrillReportsRead {
  readonly reports: readonly LocatedDrillReport[];
  readonly unreadable: readonly { readonly location: string; readonly problem: string }[];
}

/**
 * Reads every drill report of the sources. A file that is not a report of a known version, or a source that
 * cannot be listed (a missing bucket, no permission), is listed in `unreadable` rather than failing the
 * whole read: one bad file must not hide the other tables' drills.
 *
 * @example
 * const { reports } = await readDrillReports([directoryDrillReports('docs/ops/recovery-tests')]);
 */
export async function readDrillReports(sources: readonly DrillReportSource[]): Promise<DrillReportsRead> {
  const reports: LocatedDrillReport[] = [];
  const unreadable: { location: string; problem: string }[] = [];
  for (const source of sources) {
    let names: string[];
    try {
      names = await source.names();
    } catch (error) {
      unreadable.push({ location: source.location, problem: `cannot be listed: ${(error as Error).message}` });
      continue;
    }
    for (const name of names) {
      const location = joinLocation(source.location, name);
      try {
        const parsed = parseDrillReport(await source.read(name));
        if ('problem' in parsed) unreadable.push({ location, problem: parsed.problem });
        else reports.push({ report: parsed, location });
      } catch (error) {
        unreadable.push({ location, problem: `cannot be read: ${(error as Error).message}` });
      }
    }
  }
  return { reports, unreadable };
}

/**
 * The table's most recent drill that passed (by when it finished), or undefined when it has none.
 *
 * @example
 * const last = latestSuccessfulDrill(reports, 'Prod', 'Prod-Orders');
 * const ageDays = last && (Date.now() - Date.parse(last.report.finishedAt)) / 86_400_000;
 */
export function latestSuccessfulDrill(
  reports: readonly LocatedDrillReport[],
  environment: string,
  tableName: string,
): LocatedDrillReport | undefined {
  let latest: LocatedDrillReport | undefined;
  for (const located of reports) {
    const { report } = located;
    if (report.outcome !== 'passed' || report.environment !== environment || report.tableName !== tableName) continue;
    if (!latest || Date.parse(report.finishedAt) > Date.parse(latest.report.finishedAt)) latest = located;
  }
  return latest;
}

function joinLocation(location: string, name: string): string {
  return location.endsWith('/') ? `${location}${name}` : `${location}/${name}`;
}
