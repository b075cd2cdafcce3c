import type { S3Client } from '@aws-sdk/client-s3';
import type { DrillReportLocations } from '../config/backupPolicyConfig.js';
import { assertPathSyntax } from '../validation/localPaths.js';
import { directoryDrillReports, s3DrillReports, type DrillReportSource } from './drillReportSources.js';

/**
 * The sources the configured locations name: the directory and the S3 bucket (read with `s3`), each when set.
 *
 * @example
 * const sources = drillReportSourcesOf(policy.drillReports, s3);
 */
export function drillReportSourcesOf(locations: DrillReportLocations, s3: S3Client): DrillReportSource[] {
  const sources: DrillReportSource[] = [];
  if (locations.directory !== undefined) {
    sources.push(directoryDrillReports(assertPathSyntax('drills.reports.directory', locations.directory)));
  }
  if (locations.s3Bucket !== undefined) {
    sources.push(s3DrillReports(s3, locations.s3Bucket, locations.s3Prefix ?? ''));
  }
  return sources;
}
