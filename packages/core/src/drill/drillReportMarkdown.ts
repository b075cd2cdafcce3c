import type { DrillReport } from '../drillReports/drillReport.js';

/**
 * The report as the team reads and amends it in `docs/ops/recovery-tests/`: what was done, the measurements
 * against the targets, pass/fail with each failure, and the "lessons learned" section to fill in.
 *
 * @example
 * await writeFile('2026-12-01-staging-Orders.md', drillReportMarkdown(report));
 */
export function drillReportMarkdown(report: DrillReport): string {
  const { rtoSeconds, rpoSeconds } = report.measurements;
  const { canaries, digest, indexesQueryable } = report.verification;
  const where = report.targetRegion ? `from ${report.region} into ${report.targetRegion}` : `in ${report.region}`;
  const lines = [
    `# Recovery drill: ${report.tableName} (${report.environment}), ${report.startedAt.slice(0, 10)}`,
    '',
    `**Outcome: ${report.outcome.toUpperCase()}**`,
    '',
    '## What was done',
    '',
    `- Drill \`${report.drillId}\`, scenario **${report.scenario}**, ${where}, from ${report.startedAt} to ${report.finishedAt}.`,
    `- Canary items with known content were written at known times around the point in time T = ${report.pointInTime}, and the table's digest recorded at T (by this drill, or by the earlier drill whose T it is).`,
    `- The table was recovered to T, then every canary, the digest and each index were checked, and the drill's tables and canaries were removed.`,
    '',
    '## Measurements',
    '',
    '| Measure | Value | Target |',
    '| --- | --- | --- |',
    `| RTO, total | ${rtoSeconds.total} s | ${report.targets.rtoMinutes * 60} s |`,
    ...Object.entries(rtoSeconds.phases).map(([phase, s]) => `| RTO, ${phase} | ${s} s | |`),
    `| RPO, latest restorable time's lag | ${rpoSeconds.latestRestorableLag} s | ${report.targets.rpoMinutes * 60} s |`,
    `| RPO, restore granularity | ${rpoSeconds.granularity} s | |`,
    '',
    '## Verification',
    '',
    `- Canaries: ${canaries.matched} of ${canaries.expected} as at T.`,
    ...canaries.mismatches.map((m) => `  - ${m.key}: ${m.problem}`),
    ...(digest
      ? [
          `- Digest: ${digest.actual === digest.expected ? 'equal' : 'DIFFERENT'} (at T ${digest.expected}, recovered ${digest.actual}).`,
        ]
      : []),
    ...(indexesQueryable === undefined ? [] : [`- Indexes queryable: ${indexesQueryable ? 'yes' : 'NO'}.`]),
    '',
    '## Failures',
    '',
    ...(report.failures.length ? report.failures.map((f) => `- ${f}`) : ['None.']),
    '',
    '## Lessons learned',
    '',
    report.lessonsLearned || '_To be filled in by the team after the drill._',
    '',
  ];
  return lines.join('\n');
}
