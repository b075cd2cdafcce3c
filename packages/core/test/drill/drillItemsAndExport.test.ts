import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteItemCommand, DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARY_BODY } from '../../src/drill/canaries.js';
import { planDrill } from '../../src/drill/planDrill.js';
import { runDrill } from '../../src/drill/runDrill.js';
import type { DrillScenario } from '../../src/drillReports/drillReport.js';
import { MemoryCheckpointStore } from '../../src/checkpoint/memoryCheckpointStore.js';
import { MemoryRunJournal } from '../../src/journal/memoryRunJournal.js';
import { drillRunOf } from '../../src/drill/drillRun.js';
import { createSampleTable, tableContents } from '../restore/restoreFixtures.js';
import { corruptNextRestore, expectCanaryFailure } from './drillFaults.js';

// The items scenario (a selective restore of the canaries from T into the table itself) and the export scenario
// (an export of the table at T to a file) on the sandbox; the corrupt-restore fault makes either come back wrong.
const TABLE = 'staging-events';
let sandbox: Sandbox;
let ddb: DynamoDBClient;
let reportsDirectory: string;
const journal = new MemoryRunJournal();

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

const plan = (scenario: DrillScenario, at?: string) =>
  planDrill({ source: ddb, target: ddb, journal }, sandbox.region, {
    tableName: TABLE,
    environment: 'staging',
    scenario,
    reportsDirectory,
    at,
  });

const run = (planned: Awaited<ReturnType<typeof plan>>) =>
  runDrill(
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

const tables = async () => (await ddb.send(new ListTablesCommand({}))).TableNames;

describe.each([
  ['items', 'restore-items', '', { restore: expect.any(Number), sync: expect.any(Number), verify: expect.any(Number) }],
  ['export', 'export', 'export-', { export: expect.any(Number), verify: expect.any(Number) }],
] as const)('an %s drill', (scenario, kind, keyPrefix, phases) => {
  it('passes: every canary as at T and the digest recorded at T; the table ends as it was, nothing left behind', async () => {
    const before = await tableContents(ddb, TABLE);
    const planned = await plan(scenario);
    const { report } = await run(planned);

    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ outcome: 'passed', scenario });
    expect(report.verification.canaries).toEqual({ expected: 4, matched: 4, mismatches: [] });
    expect(report.verification.digest?.actual).toBe(report.verification.digest?.expected);
    expect(report.measurements.rtoSeconds.phases).toEqual(phases);
    expect(await tableContents(ddb, TABLE)).toEqual(before);
    expect(await tables()).toEqual([TABLE]);
    expect((await readdir(tmpdir())).filter((f) => f.includes(planned.drillId))).toEqual([]);
    expect(drillRunOf((await journal.getRun(planned.drillId))!)?.result).toBe('succeeded');
    // The scenario's own run is journaled beside the drill's, under the drill's id.
    expect(await journal.getRun(`${keyPrefix}${planned.drillId}-${scenario}`)).toMatchObject({
      kind,
      result: 'succeeded',
    });
  });

  it.each([
    ['drop', 'canary#1', 'missing'],
    ['alter', 'canary#2', 'attribute dynamoDrDrillBody altered'],
  ] as const)(
    'fails when the restore comes back wrong (%s): the report names %s and how',
    async (action, label, how) => {
      const planned = await plan(scenario);
      await corruptNextRestore(sandbox, ddb, TABLE, planned.drillId, label, action);
      const { report } = await run(planned);
      sandbox.setFaults(TABLE, undefined);

      expectCanaryFailure(report, planned.drillId, label, how);
      expect(drillRunOf((await journal.getRun(planned.drillId))!)?.result).toBe('failed');
      expect(await tables()).toEqual([TABLE]);
    },
  );
});

describe('an items drill', () => {
  it("recovers the canaries of an earlier drill's point in time (--at) too, and removes them again", async () => {
    const before = await tableContents(ddb, TABLE);
    const earlier = await run(await plan('items'));
    const { report } = await run(await plan('items', earlier.report.pointInTime));
    expect(report.failures).toEqual([]);
    expect(report.pointInTime).toBe(earlier.report.pointInTime);
    // The earlier drill's four canaries as at its T (restored into the table, then removed), and this drill's four,
    // all written after it (deleted by the selective restore).
    expect(report.verification.canaries).toEqual({ expected: 8, matched: 8, mismatches: [] });
    expect(report.verification.digest?.expected).toBe(earlier.report.verification.digest?.expected);
    expect(await tableContents(ddb, TABLE)).toEqual(before);
  });

  it('fails when its selective restore touches an item that is no canary', async () => {
    const planned = await plan('items');
    // An application item whose body happens to name the drill: the selection takes it too.
    const stray = {
      pk: { S: 'app#1' },
      sk: { N: '1' },
      [CANARY_BODY]: { S: `not a canary of drill ${planned.drillId}, but alike` },
    };
    await ddb.send(new PutItemCommand({ TableName: TABLE, Item: stray }));
    const { report } = await run(planned);
    await ddb.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: stray.pk, sk: stray.sk } }));

    expect(report.outcome).toBe('failed');
    expect(report.failures).toContain(
      'The selective restore selected 5 items, 1 more than the 4 canaries: it touched items that are no canary.',
    );
  });
});
