import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planDrill, type DrillRequest } from '../../src/drill/planDrill.js';
import { runDrill, type DrillContext } from '../../src/drill/runDrill.js';
import { parseDrillReport } from '../../src/drillReports/drillReport.js';
import { InputError } from '../../src/errors.js';
import { MemoryCheckpointStore } from '../../src/checkpoint/memoryCheckpointStore.js';
import { MemoryRunJournal } from '../../src/journal/memoryRunJournal.js';
import { drillRunOf } from '../../src/drill/drillRun.js';
import { digestTable } from '../../src/sync/digestTable.js';
import { createSampleTable, tableContents } from '../restore/restoreFixtures.js';
import { corruptNextRestore, expectCanaryFailure } from './drillFaults.js';

// Drills of restore-as on the sandbox: canaries around T, the live digest at T, the restore (in the same Region or
// another), the verification, cleanup, the report. The corrupt-restore fault makes a restore come back wrong.
const TABLE = 'staging-orders';
const OTHER_REGION = 'eu-west-1';
let sandbox: Sandbox;
let ddb: DynamoDBClient;
let reportsDirectory: string;

beforeAll(async () => {
  sandbox = await startSandbox({ restoreBaseMs: 20 });
  ddb = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(ddb, TABLE, 12);
  reportsDirectory = await mkdtemp(path.join(tmpdir(), 'drdrill-'));
});
afterAll(async () => {
  ddb.destroy();
  await sandbox.stop();
});

const request: DrillRequest = { tableName: TABLE, environment: 'staging' };
const journal = new MemoryRunJournal();

async function drill(target = ddb, targetRegion?: string, keepRestoredTable = false, at?: string) {
  const plan = await planDrill({ source: ddb, target, journal }, sandbox.region, {
    ...request,
    targetRegion,
    reportsDirectory,
    at,
  });
  const ctx: DrillContext = {
    source: ddb,
    target,
    aws: sandbox.clientConfig,
    journal,
    startedBy: 'test@drill',
    checkpoints: new MemoryCheckpointStore(),
  };
  const result = await runDrill(ctx, plan, { pollIntervalMs: 20, keepRestoredTable });
  return { plan, journal, ...result };
}

describe('planDrill', () => {
  it('refuses every bad value with an InputError naming it and changes nothing', async () => {
    const before = {
      tables: (await ddb.send(new ListTablesCommand({}))).TableNames,
      items: await tableContents(ddb, TABLE),
    };
    const file = path.join(reportsDirectory, 'not-a-directory');
    await writeFile(file, '');
    const cases: [Partial<DrillRequest>, RegExp][] = [
      [
        { scenario: 'sideways' },
        /^scenario "sideways" is not a drill scenario\. Use one of: restore-as, in-place, items, export\.$/,
      ],
      [
        { scenario: 'export', targetRegion: OTHER_REGION },
        /^targetRegion "eu-west-1" cannot be combined with --scenario export\. A cross-Region drill restores to a new table/,
      ],
      [
        { scenario: 'in-place' },
        /^scenario "in-place" rolls staging-orders itself back, and staging-orders is not a table of a staging environment/,
      ],
      [{ targetRegion: 'eu west' }, /^targetRegion "eu west" is not a valid region name/],
      [{ targetRegion: sandbox.region }, /^targetRegion "us-east-1" is the table's own Region/],
      [{ tableName: 'x' }, /^tableName "x" is not a valid table name: table names have at least 3 characters/],
      [{ tableName: 'no-such-table' }, /^tableName "no-such-table" does not exist/],
      [{ environment: 'staging/../../etc' }, /^environment "staging\/..\/..\/etc" is not a valid environment name/],
      [
        { reportsDirectory: file },
        /^reportsDirectory ".*not-a-directory" is an existing file, not a directory\. Give a directory for drill reports/,
      ],
      [{ at: 'an hour ago' }, /^at "an hour ago" is not an ISO 8601 date-time/],
    ];
    for (const [change, message] of cases) {
      const planned = planDrill({ source: ddb, target: ddb, journal }, sandbox.region, {
        ...request,
        reportsDirectory,
        ...change,
      });
      await expect(planned, JSON.stringify(change)).rejects.toThrow(message);
      await expect(planned).rejects.toBeInstanceOf(InputError);
    }
    expect({
      tables: (await ddb.send(new ListTablesCommand({}))).TableNames,
      items: await tableContents(ddb, TABLE),
    }).toEqual(before);
    expect(await journal.listRuns()).toEqual([]);
  });
});

describe('a restore-as drill', () => {
  it('passes: every canary as at T, the digest recorded at T, the index answers; it leaves the table as it was', async () => {
    const before = await tableContents(ddb, TABLE);
    const { report, written, journal, plan } = await drill();

    expect(report.failures).toEqual([]);
    expect(report.outcome).toBe('passed');
    expect(report.verification.canaries).toEqual({ expected: 4, matched: 4, mismatches: [] });
    expect(report.verification.digest?.actual).toBe(report.verification.digest?.expected);
    expect(report.verification.indexesQueryable).toBe(true);
    expect(report.measurements.rtoSeconds.phases).toEqual({ restore: expect.any(Number), verify: expect.any(Number) });
    expect(report.measurements.rpoSeconds.granularity).toBe(1);
    expect(report.targets).toEqual({ rtoMinutes: 30, rpoMinutes: 5 });
    // The JSON is a valid report; the Markdown beside it has the lessons learned to fill in.
    expect(parseDrillReport(await readFile(written.json, 'utf8'))).toEqual(report);
    expect(path.basename(written.json)).toBe(`${report.startedAt.slice(0, 10)}-staging-${TABLE}.json`);
    expect(await readFile(written.markdown, 'utf8')).toContain('## Lessons learned');
    // Cleanup: no drill table, no canary.
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
    expect(await tableContents(ddb, TABLE)).toEqual(before);
    // Journaled as a drill run with the digest at T and the report.
    const run = drillRunOf((await journal.getRun(plan.drillId))!);
    expect(run).toMatchObject({ kind: 'drill', result: 'succeeded', restoreTime: report.pointInTime });
    expect(run?.tables[TABLE]?.drill).toMatchObject({ report: written.json, failures: [] });
    // A second drill the same day writes a second report beside the first.
    const second = await drill();
    expect(path.basename(second.written.json)).toBe(`${report.startedAt.slice(0, 10)}-staging-${TABLE}-2.json`);
    expect((await readdir(reportsDirectory)).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  });

  it.each([
    ['drop', 'canary#1', 'missing'],
    ['alter', 'canary#2', 'attribute dynamoDrDrillBody altered'],
  ] as const)(
    'fails when the restore comes back wrong (%s): the report names %s and how',
    async (action, label, how) => {
      // The fault is armed for the next restore of the table, on the canary the drill is about to write.
      const planned = await planDrill({ source: ddb, target: ddb, journal }, sandbox.region, {
        ...request,
        reportsDirectory,
      });
      await corruptNextRestore(sandbox, ddb, TABLE, planned.drillId, label, action);
      const { report } = await runDrill(
        {
          source: ddb,
          target: ddb,
          aws: sandbox.clientConfig,
          journal,
          startedBy: 'test@drill',
          checkpoints: new MemoryCheckpointStore(),
        },
        planned,
        { pollIntervalMs: 20 },
      );
      sandbox.setFaults(TABLE, undefined);

      expectCanaryFailure(report, planned.drillId, label, how);
      expect(report.verification.canaries.matched).toBe(3);
      expect(drillRunOf((await journal.getRun(planned.drillId))!)?.result).toBe('failed');
      expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
    },
  );

  it("recovers to an earlier drill's point in time (--at): that drill's canaries as they were, its digest", async () => {
    const earlier = await drill();
    const { report, plan } = await drill(ddb, undefined, false, earlier.report.pointInTime);
    expect(report.failures).toEqual([]);
    expect(report.pointInTime).toBe(earlier.report.pointInTime);
    expect(plan.reference?.drillId).toBe(earlier.plan.drillId);
    // The earlier drill's four canaries as at its T, and this drill's four, all written after it.
    expect(report.verification.canaries).toEqual({ expected: 8, matched: 8, mismatches: [] });
    expect(report.verification.digest?.expected).toBe(earlier.report.verification.digest?.expected);
    // A time no drill recorded is refused before anything changes.
    const tablesBefore = (await ddb.send(new ListTablesCommand({}))).TableNames;
    await expect(drill(ddb, undefined, false, '2020-01-01T00:00:00Z')).rejects.toThrow(
      /^at "2020-01-01T00:00:00Z" is no point in time an earlier drill of staging-orders recorded a digest at/,
    );
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual(tablesBefore);
  });

  it('restores into another Region with the source ARN, exactly', async () => {
    const target = new DynamoDBClient({ ...sandbox.clientConfig, region: OTHER_REGION });
    const { report, plan } = await drill(target, OTHER_REGION, true);
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ region: sandbox.region, targetRegion: OTHER_REGION });
    // A plain client signed for the other Region finds the restored table there, restored from the source's ARN,
    // holding exactly what the table held at T; the source's Region has no such table.
    const plain = new DynamoDBClient({ ...sandbox.clientConfig, region: OTHER_REGION });
    const restored = (await plain.send(new DescribeTableCommand({ TableName: plan.restoredTableName }))).Table!;
    expect(restored.TableArn).toContain(`:dynamodb:${OTHER_REGION}:`);
    expect(restored.RestoreSummary?.SourceTableArn).toBe(plan.tableArn);
    expect(plan.tableArn).toContain(`:dynamodb:${sandbox.region}:`);
    expect((await digestTable({ client: plain, tableName: plan.restoredTableName })).digest).toBe(
      report.verification.digest?.expected,
    );
    expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual([TABLE]);
    await plain.send(new DeleteTableCommand({ TableName: plan.restoredTableName }));
    plain.destroy();
    target.destroy();
  });
});
