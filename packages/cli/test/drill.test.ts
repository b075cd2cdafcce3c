import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListBackupsCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { startSandbox, type Sandbox } from '@dynamo-dr/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSampleTable, tableContents } from '../../core/test/restore/restoreFixtures.js';
import type { DrillReport } from '../../core/src/drillReports/drillReport.js';
import type { TableRecoveryPlan } from '../../core/src/drill/recoveryPlans.js';
import type { BackupCheckReport } from '../../core/src/health/runBackupCheck.js';
import { roleSession } from '../../sandbox/test/iam/roleSession.js';
import { cliArgv } from './cliArgv.js';
import { roleSessionEnv, runCli, runCliWith } from './restoreHarness.js';

// `dynamo-dr drill` and scripts/test-recovery.sh as a team runs them on a staging environment of the sandbox.
const STAGING = 'staging-orders';
const PROD = 'prod-orders';
const SCRIPT = fileURLToPath(new URL('../../../scripts/test-recovery.sh', import.meta.url));
let sandbox: Sandbox;
let ddb: DynamoDBClient;
let workDir: string;
let reports: string;

const config = {
  environments: {
    staging: {
      staging: true,
      tables: { Orders: { tableName: STAGING } },
      drills: { reports: { directory: 'recovery-tests' } },
    },
    prod: { production: true, tables: { Orders: { tableName: PROD } } },
  },
};

beforeAll(async () => {
  sandbox = await startSandbox({ restoreBaseMs: 20, backupCreateMs: 20 });
  ddb = new DynamoDBClient(sandbox.clientConfig);
  await createSampleTable(ddb, STAGING, 8);
  await createSampleTable(ddb, PROD, 3);
  workDir = await mkdtemp(path.join(tmpdir(), 'drdrill-cli-'));
  reports = path.join(workDir, 'recovery-tests');
  await writeFile(path.join(workDir, 'dynamo-dr.config.json'), JSON.stringify(config));
}, 60_000);
afterAll(async () => {
  ddb.destroy();
  await sandbox.stop();
});

const cli = (...args: string[]) => runCli(sandbox, workDir, args);
const tables = async () => (await ddb.send(new ListTablesCommand({}))).TableNames ?? [];
const reportFiles = async () =>
  (await readdir(reports).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
const readReport = async (file: string) => JSON.parse(await readFile(path.join(reports, file), 'utf8')) as DrillReport;

describe('dynamo-dr drill', () => {
  it('refuses bad input with exit 2 and changes nothing', async () => {
    const before = {
      tables: await tables(),
      staging: await tableContents(ddb, STAGING),
      prod: await tableContents(ddb, PROD),
    };
    // The flags' checks one by one are core's (planDrill, test/drill/runDrill.test.ts); here, as the CLI reports them.
    const cases: [string[], RegExp][] = [
      [
        ['--table', PROD, '--scenario', 'in-place'],
        /--scenario "in-place" rolls prod-orders itself back, and prod-orders is not a table of a staging environment/,
      ],
      [
        ['--table', STAGING, '--scenario', 'items', '--target-region', 'eu-west-1'],
        /--target-region "eu-west-1" cannot be combined with --scenario items\. A cross-Region drill restores to a new table/,
      ],
      [
        ['--plan', '--table', STAGING, '--scenario', 'in-place'],
        /--scenario "in-place" cannot be combined with --plan\. The plan covers them all: leave --scenario out/,
      ],
      [['--table', '../etc'], /--table "..\/etc" is not in the configuration file/],
    ];
    for (const [args, message] of cases) {
      const run = await cli('drill', ...args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect({
      tables: await tables(),
      staging: await tableContents(ddb, STAGING),
      prod: await tableContents(ddb, PROD),
    }).toEqual(before);
    expect(await reportFiles()).toEqual([]);
  });

  it('two drills write two reports; check sees the last; runs show the drill', async () => {
    const before = await tableContents(ddb, STAGING);
    const first = await cli('drill', '--table', 'Orders', '--environment', 'staging', '--json');
    expect(first.code, first.stderr).toBe(0);
    const second = await cli('drill', '--table', STAGING, '--json');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toBe('');
    const [drilled] = (JSON.parse(second.stdout) as { drills: (DrillReport & { files: { json: string } })[] }).drills;

    const files = await reportFiles();
    expect(files).toHaveLength(2);
    // The second report of the day gets -2: both stay.
    const secondFile = `${drilled!.startedAt.slice(0, 10)}-staging-${STAGING}-2.json`;
    expect(files).toEqual([secondFile, `${drilled!.startedAt.slice(0, 10)}-staging-${STAGING}.json`]);
    expect(drilled!.files.json).toBe(path.join('recovery-tests', secondFile));
    expect((await readdir(reports)).filter((f) => f.endsWith('.md'))).toHaveLength(2);
    expect(await readReport(secondFile)).toMatchObject({
      drillId: drilled!.drillId,
      outcome: 'passed',
      scenario: 'restore-as',
    });
    expect(await tableContents(ddb, STAGING)).toEqual(before);
    expect(await tables()).toEqual([PROD, STAGING]);

    const check = await cli('check', '--environment', 'staging', '--json');
    const item = (JSON.parse(check.stdout) as BackupCheckReport).items.find((i) => i.id === 'drill');
    expect(item).toMatchObject({ status: 'pass', tableName: STAGING });
    expect(item?.evidence).toContain(`last successful drill ${drilled!.finishedAt} (restore-as`);
    expect(item?.evidence).toContain(secondFile);

    const shown = await cli('runs', 'show', drilled!.drillId);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toContain(
      `Incident ${drilled!.drillId}: succeeded, drill (restore-as): ${STAGING} recovered to ${drilled!.pointInTime}`,
    );
    expect(shown.stderr).toContain(`drill report ${drilled!.files.json}`);
  });

  it('rolls a staging table back in place through the workflow, measured per phase, and leaves it as it was', async () => {
    const before = await tableContents(ddb, STAGING);
    const run = await cli('drill', '--table', STAGING, '--scenario', 'in-place');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/staging-orders: drill PASSED \(in-place, T = /);
    expect(run.stderr).toMatch(
      /RTO [\d.]+ s \(target 30 min\): backup [\d.]+ s, restore [\d.]+ s, sync [\d.]+ s, verify [\d.]+ s/,
    );
    expect(run.stderr).toContain('canaries 4/4 as at T, digest equal, indexes queryable');
    expect(await tableContents(ddb, STAGING)).toEqual(before);
    // The workflow kept its forensic backup and removed its temporary table.
    expect(await tables()).toEqual([PROD, STAGING]);
    const backups = (await ddb.send(new ListBackupsCommand({ TableName: STAGING }))).BackupSummaries ?? [];
    expect(backups.map((b) => b.BackupName)).toEqual([
      expect.stringMatching(/^staging-orders-forensic-drill-.*-restore$/),
    ]);
  });

  it('drills a selective restore of the canaries (items) and an export at T (export), each measured per phase', async () => {
    const before = await tableContents(ddb, STAGING);
    const items = await cli('drill', '--table', STAGING, '--scenario', 'items');
    expect(items.code, items.stderr).toBe(0);
    expect(items.stderr).toMatch(/staging-orders: drill PASSED \(items, T = /);
    expect(items.stderr).toMatch(/RTO [\d.]+ s \(target 30 min\): restore [\d.]+ s, sync [\d.]+ s, verify [\d.]+ s/);
    expect(items.stderr).toContain('canaries 4/4 as at T, digest equal, indexes queryable');
    const exported = await cli('drill', '--table', STAGING, '--scenario', 'export');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/staging-orders: drill PASSED \(export, T = /);
    expect(exported.stderr).toMatch(/RTO [\d.]+ s \(target 30 min\): export [\d.]+ s, verify [\d.]+ s/);
    expect(exported.stderr).toContain('canaries 4/4 as at T, digest equal\n');
    expect(await tableContents(ddb, STAGING)).toEqual(before);
    expect(await tables()).toEqual([PROD, STAGING]);
  });

  it('fails (exit 1) when the restore comes back wrong, and the report names the canary and how', async () => {
    // The fault alters the first item by key of the next restore: canary#1 (dynamo-dr-drill#… sorts first).
    sandbox.setFaults(STAGING, { corruptRestore: { action: 'alter' } });
    const run = await runScript(['staging']);
    sandbox.setFaults(STAGING, undefined);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(
      /FAILED: Canary canary#1 \{"pk":"dynamo-dr-drill#drill-[^"]+#1","sk":"1"\} came back wrong: attribute dynamoDrDrillBody altered/,
    );
    const [, markdown, json] = /report (\S+\.md) \(fill in the lessons learned\) and (\S+\.json)/.exec(run.stderr)!;
    const report = JSON.parse(await readFile(path.join(workDir, json!), 'utf8')) as DrillReport;
    expect(report.outcome).toBe('failed');
    expect(report.verification.canaries.mismatches).toEqual([
      {
        key: expect.stringMatching(/^canary#1 /),
        problem: expect.stringMatching(
          /^attribute dynamoDrDrillBody altered \(expected "canary#1 of drill .*, version 1", found "corrupted by/,
        ),
      },
    ]);
    expect(await readFile(path.join(workDir, markdown!), 'utf8')).toContain('**Outcome: FAILED**');
    expect(await tables()).toEqual([PROD, STAGING]);
  });

  it('scripts/test-recovery.sh drills every table of the environment from the configuration (exit 0)', async () => {
    const count = (await reportFiles()).length;
    const run = await runScript(['staging']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/staging-orders: drill PASSED \(restore-as/);
    expect(await reportFiles()).toHaveLength(count + 1);
  });

  it('--plan lists, per scenario, the commands, an RTO estimate and the action the caller is denied', async () => {
    const { credentials: c } = await roleSession(sandbox, 'drill-operator', [
      { Effect: 'Allow', Action: ['dynamodb:*', 'iam:GetRole', 'iam:SimulatePrincipalPolicy'], Resource: '*' },
      { Effect: 'Deny', Action: 'dynamodb:CreateBackup', Resource: '*' },
    ]);
    const env = roleSessionEnv(sandbox, c);
    const run = await runCliWith(env, workDir, ['drill', '--plan', '--environment', 'staging', '--json']);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain('The caller lacks dynamodb:CreateBackup for a recovery');
    const [plan] = (JSON.parse(run.stdout) as { plans: TableRecoveryPlan[] }).plans;
    const byScenario = Object.fromEntries(plan!.scenarios.map((s) => [s.scenario, s]));
    expect(byScenario['in-place']?.access.principal).toMatch(/:role\/drill-operator$/);
    expect(byScenario['in-place']?.access.missing).toEqual([
      expect.objectContaining({
        action: 'dynamodb:CreateBackup',
        resource: expect.stringContaining(`:table/${STAGING}`),
        decision: 'explicitDeny',
      }),
    ]);
    expect(byScenario['restore-as']?.access.missing).toEqual([]);
    expect(byScenario['in-place']?.commands[0]).toBe(
      `dynamo-dr restore --table ${STAGING} --to TIME --incident INCIDENT --confirm ${STAGING}`,
    );
    // Estimated from the table's past drills of the scenario once it has some (three restore-as, one export above).
    expect(byScenario['restore-as']?.rtoEstimate.basis).toMatch(/^the mean of [34] past drill\(s\)$/);
    expect(byScenario['export']?.rtoEstimate.basis).toBe('the mean of 1 past drill(s)');
    // The dry run changed nothing.
    expect(await tables()).toEqual([PROD, STAGING]);

    // With the operator's own credentials nothing is missing: exit 0, the plan printed for people.
    const operator = await cli('drill', '--plan', '--table', STAGING);
    expect(operator.code, operator.stderr).toBe(0);
    expect(operator.stderr).toContain(`$ dynamo-dr drill --table ${STAGING} --environment staging --scenario in-place`);
  });
});

/** Runs scripts/test-recovery.sh with the CLI from source. */
function runScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(SCRIPT, args, {
    cwd: workDir,
    env: {
      ...process.env,
      ...sandbox.env,
      NODE_NO_WARNINGS: '1',
      DYNAMO_DR: [process.execPath, ...cliArgv()].join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
