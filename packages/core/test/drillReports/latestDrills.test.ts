import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillReportFileName, type DrillReport } from '../../src/drillReports/drillReport.js';
import { directoryDrillReports, s3DrillReports } from '../../src/drillReports/drillReportSources.js';
import { latestSuccessfulDrill, readDrillReports } from '../../src/drillReports/latestDrills.js';
import { passedDrillReport } from './drillReportFixture.js';

// The same reports, in a directory and in an S3 bucket (the sandbox's S3, a real client): the latest passed
// drill per table is found in both, and files that are not reports of this version are skipped, each with why.
let sandbox: Sandbox;
let s3: S3Client;
let dir: string;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const reports: DrillReport[] = [
  passedDrillReport('Prod', 'Prod-Orders', daysAgo(100)),
  passedDrillReport('Prod', 'Prod-Orders', daysAgo(40)),
  // The newest drill of Prod-Orders failed: the latest successful one is still the one of 40 days ago.
  passedDrillReport('Prod', 'Prod-Orders', daysAgo(2), 'failed'),
  passedDrillReport('Staging', 'Prod-Orders', daysAgo(1)),
];
const broken = {
  '2026-10-01-Prod-Consent.json': '{"format": "dynamo-dr.drill-report", "version": 1}',
  '2026-10-02-Prod-Consent.json': JSON.stringify({ ...reports[0], version: 2 }),
};

beforeAll(async () => {
  sandbox = await startSandbox();
  s3 = new S3Client(sandbox.clientConfig);
  dir = await mkdtemp(path.join(tmpdir(), 'drills-'));
  await s3.send(new CreateBucketCommand({ Bucket: 'dr-reports' }));
  const files: Record<string, string> = { ...broken, 'README.md': '# not a report' };
  for (const report of reports) files[drillReportFileName(report)] = JSON.stringify(report);
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(dir, name), text);
    await s3.send(new PutObjectCommand({ Bucket: 'dr-reports', Key: `drills/${name}`, Body: text }));
  }
});
afterAll(() => sandbox.stop());

describe.each([
  ['a directory', () => directoryDrillReports(dir)],
  ['an S3 bucket and prefix', () => s3DrillReports(s3, 'dr-reports', 'drills/')],
])('drill reports in %s', (_, source) => {
  it("finds each table's latest successful drill and says why the others were skipped", async () => {
    const read = await readDrillReports([source()]);
    expect(read.reports).toHaveLength(reports.length);
    expect(latestSuccessfulDrill(read.reports, 'Prod', 'Prod-Orders')?.report).toEqual(reports[1]);
    expect(latestSuccessfulDrill(read.reports, 'Staging', 'Prod-Orders')?.report).toEqual(reports[3]);
    expect(latestSuccessfulDrill(read.reports, 'Prod', 'Prod-Consent')).toBeUndefined();
    expect(read.unreadable.map((u) => [path.basename(u.location), u.problem])).toEqual([
      ['2026-10-01-Prod-Consent.json', "is not a drill report: / must have required property 'drillId'"],
      ['2026-10-02-Prod-Consent.json', 'has version 2; this dynamo-dr reads version 1 (upgrade it)'],
    ]);
  });
});

it('lists a bucket that does not exist as unreadable instead of failing the read', async () => {
  const read = await readDrillReports([s3DrillReports(s3, 'no-such-bucket', ''), directoryDrillReports(dir)]);
  expect(read.unreadable[0]).toMatchObject({
    location: 's3://no-such-bucket/',
    problem: expect.stringMatching(/^cannot be listed: /),
  });
  expect(read.reports).toHaveLength(reports.length);
});
