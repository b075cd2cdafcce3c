import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { drillReportFileName, type DrillReport } from '../drillReports/drillReport.js';

/**
 * Puts a drill's JSON report in S3 as `<prefix>YYYY-MM-DD-<environment>-<table>-<drill id>.json` (a name the
 * report readers take, never that of another drill), and returns its `s3://` address.
 */
export async function putDrillReport(
  s3: S3Client,
  reports: { readonly s3Bucket: string; readonly s3Prefix: string },
  report: DrillReport,
): Promise<string> {
  const key = `${reports.s3Prefix}${drillReportFileName(report).replace(/\.json$/, '')}-${report.drillId}.json`;
  await s3.send(
    new PutObjectCommand({
      Bucket: reports.s3Bucket,
      Key: key,
      Body: `${JSON.stringify(report, null, 2)}\n`,
      ContentType: 'application/json',
    }),
  );
  return `s3://${reports.s3Bucket}/${key}`;
}
