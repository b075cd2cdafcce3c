import type { DrillReport } from '../drillReports/drillReport.js';
import type { DrillTargets } from './drillPlan.js';

/** What a drill measured and found, before it is judged. */
export interface DrillFindings {
  readonly measurements: DrillReport['measurements'];
  readonly verification: DrillReport['verification'];
  /** Indexes whose Query did not find the canaries they hold: `name: found N of M`. */
  readonly indexProblems: readonly string[];
  /** What went wrong outside the verification (a failed restore, a cleanup left undone). */
  readonly errors: readonly string[];
}

/**
 * Why the drill failed, one sentence each (none: it passed): every canary that came back wrong and how, a digest
 * that differs from the one recorded at T, an index that does not answer, a target missed.
 *
 * @example
 * const failures = drillFailures(findings, { rtoMinutes: 30, rpoMinutes: 5 });
 */
export function drillFailures(findings: DrillFindings, targets: DrillTargets): string[] {
  const { canaries, digest } = findings.verification;
  const failures = [...findings.errors];
  for (const m of canaries.mismatches) failures.push(`Canary ${m.key} came back wrong: ${m.problem}.`);
  if (digest && digest.actual !== digest.expected) {
    failures.push(
      `The recovered table's digest ${digest.actual} differs from the digest recorded at T, ${digest.expected}.`,
    );
  }
  for (const problem of findings.indexProblems) failures.push(`Index ${problem}.`);
  const { rtoSeconds, rpoSeconds } = findings.measurements;
  if (rtoSeconds.total > targets.rtoMinutes * 60) {
    failures.push(
      `The recovery took ${minutes(rtoSeconds.total)}, more than the RTO target of ${targets.rtoMinutes} min.`,
    );
  }
  const rpo = Math.max(rpoSeconds.latestRestorableLag, rpoSeconds.granularity);
  if (rpo > targets.rpoMinutes * 60) {
    failures.push(
      `The latest restorable time trailed by ${minutes(rpoSeconds.latestRestorableLag)} (granularity ${rpoSeconds.granularity} s), more than the RPO target of ${targets.rpoMinutes} min.`,
    );
  }
  return failures;
}

function minutes(seconds: number): string {
  return `${(seconds / 60).toFixed(1)} min`;
}
