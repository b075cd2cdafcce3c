import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DeleteItemCommand,
  DescribeContinuousBackupsCommand,
  DynamoDBClient,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  assertWritesAllowed,
  defaultRestoreSettings,
  digestTable,
  endRecoveryMode,
  FileCheckpointStore,
  FileRunJournal,
  parseConfig,
  planRestore,
  recoveryModeClients,
  runRestore,
  startRecoveryMode,
} from '@dynamo-dr/core';
import { startSandbox } from '@dynamo-dr/sandbox';
import { formatRun, runDocument } from '../runs/formatRun.js';
import { createSampleApplication } from './sampleApplication.js';
import { restoreOnDeployedStack, withDeployment } from './stepFunctionsDemo.js';
import { createSampleTables, putItems, sampleItem, SAMPLE_TABLES } from './sampleTables.js';
import type { DemoCommandOptions } from './register.js';

const ITEMS = 200;
const ENVIRONMENT = 'Demo';

/** The demo's configuration: one environment, its two tables by logical name. */
const config = parseConfig({
  environments: {
    [ENVIRONMENT]: {
      tables: {
        ProviderTable: { tableName: SAMPLE_TABLES.providers },
        TransactionHistoryTable: { tableName: SAMPLE_TABLES.transactions },
      },
    },
  },
});

/**
 * `dynamo-dr demo`: the whole recovery on an in-process sandbox — two sample
 * tables and an application, an incident (deletes, corrupting updates, new
 * bad items), recovery mode, the restore through the same code path as
 * `dynamo-dr restore`, the check that every item is back as it was, the end
 * of recovery mode, and the measured RTO.
 */
export async function demo(opts: DemoCommandOptions): Promise<void> {
  const say = (line: string) => !opts.json && console.error(line);
  const onStepFunctions = opts.executor === 'step-functions';
  // Step Functions' waits (the polling states' backoff) a hundred times shorter: the sandbox's restores take moments.
  const stateDir = await mkdtemp(path.join(tmpdir(), 'dynamo-dr-demo-'));
  const sandbox = await startSandbox(onStepFunctions ? { stepFunctionsTimeScale: 0.01 } : {}).catch(async (error) => {
    await rm(stateDir, { recursive: true, force: true });
    throw error;
  });
  // The sync workers build their own clients from the standard variables, as on Lambda.
  Object.assign(process.env, sandbox.env);
  try {
    const dynamodb = new DynamoDBClient({ endpoint: sandbox.endpoint, region: sandbox.region });
    say(
      `Sandbox on ${sandbox.endpoint}; creating ${Object.values(SAMPLE_TABLES).join(' and ')} (${ITEMS} items each, PITR on)`,
    );
    await createSampleTables(dynamodb, ITEMS);
    const { lambda, ssm } = recoveryModeClients({ region: sandbox.region, endpoint: sandbox.endpoint });
    await createSampleApplication(lambda, ENVIRONMENT);
    const tables = Object.values(SAMPLE_TABLES);
    const before = await Promise.all(tables.map((tableName) => digestTable({ client: dynamodb, tableName })));
    const t = await restorableNow(dynamodb, tables);
    say(`T = ${t}`);

    say('Incident: 20 items deleted, 20 corrupted, 20 bad items added per table');
    for (const table of tables) await simulateIncident(dynamodb, table);

    const started = await startRecoveryMode({ lambda, ssm, config, environment: ENVIRONMENT, operator: 'demo' });
    say(
      `Recovery mode started for ${ENVIRONMENT}: ${started.changes.length} changes (application throttled, its queue mapping disabled)`,
    );

    const journal = new FileRunJournal(stateDir);
    const request = {
      incidentId: 'demo-incident-1',
      pitrBackupTime: t,
      tables: Object.entries(config.environments[ENVIRONMENT]!.tables!).map(([logicalName, t]) => ({
        ...defaultRestoreSettings,
        tableName: t.tableName,
        logicalName,
      })),
      confirmations: tables,
    };
    // The same guard as `dynamo-dr restore`: refuses unless the environment is in recovery mode.
    const guard = async () => {
      for (const tableName of tables) {
        await assertWritesAllowed({ lambda, ssm, config, environment: ENVIRONMENT, allowLiveWrites: false, tableName });
      }
    };
    say(`Restoring both tables to T (mode ${request.tables[0]!.mode}) through their restore workflows`);
    const ctx = {
      dynamodb,
      aws: { region: sandbox.region, endpoint: sandbox.endpoint },
      journal,
      checkpoints: new FileCheckpointStore(path.join(stateDir, 'checkpoints')),
      startedBy: 'demo',
    };
    const run = onStepFunctions
      ? await restoreOnDeployedStack(sandbox, withDeployment(config, ENVIRONMENT), ENVIRONMENT, request, {
          assertWritesAllowed: guard,
          say,
        })
      : await runRestore(ctx, await planRestore(dynamodb, journal, request), {
          pollIntervalMs: 100,
          assertWritesAllowed: guard,
        });
    const ended = await endRecoveryMode({ lambda, ssm, config, environment: ENVIRONMENT });
    say(`Recovery mode ended: ${ended.changes.length} settings given back exactly as they were`);
    const after = await Promise.all(tables.map((tableName) => digestTable({ client: dynamodb, tableName })));
    const identical = tables.map((table, i) => ({ table, equalToT: before[i]!.digest === after[i]!.digest }));
    if (opts.json) {
      console.log(JSON.stringify({ ...(runDocument(run) as object), identicalToT: identical }, null, 2));
    } else {
      say(formatRun(run));
      for (const { table, equalToT } of identical)
        say(`${table}: ${equalToT ? 'every item exactly as at T' : 'DIFFERS from T'}`);
    }
    if (identical.some((i) => !i.equalToT)) throw new Error('The demo restore did not bring the tables back to T.');
  } finally {
    await sandbox.stop();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/** Waits until every table's latest restorable time has passed now, and returns it as T. */
async function restorableNow(client: DynamoDBClient, tables: readonly string[]): Promise<string> {
  const t = new Date();
  for (;;) {
    const latest = await Promise.all(
      tables.map(async (TableName) => {
        const out = await client.send(new DescribeContinuousBackupsCommand({ TableName }));
        return out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.LatestRestorableDateTime;
      }),
    );
    if (latest.every((l) => l && l >= t)) return t.toISOString();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function simulateIncident(client: DynamoDBClient, table: string): Promise<void> {
  const key = (i: number): Record<string, AttributeValue> => {
    const item = sampleItem(table, i);
    return table === SAMPLE_TABLES.providers ? { pk: item.pk!, sk: item.sk! } : { transactionId: item.transactionId! };
  };
  for (let i = 0; i < 20; i++) await client.send(new DeleteItemCommand({ TableName: table, Key: key(i) }));
  for (let i = 20; i < 40; i++) {
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: key(i),
        UpdateExpression: 'SET n = :bad REMOVE tags',
        ExpressionAttributeValues: { ':bad': { N: '-1' } },
      }),
    );
  }
  await putItems(
    client,
    table,
    Array.from({ length: 20 }, (_, i) => sampleItem(table, ITEMS + i)),
  );
}
