import path from 'node:path';
import {
  assertName,
  assertPathSyntax,
  regionRule,
  backupPolicy,
  DEFAULT_DRILL_REPORT_DIRECTORY,
  DEFAULT_DRILL_TARGETS,
  directoryDrillReports,
  drillClients,
  FileCheckpointStore,
  FileRunJournal,
  InputError,
  loadConfig,
  planDrill,
  readDrillReports,
  runDrill,
  tableRecoveryPlan,
  type DrConfig,
  type DrillPlan,
  type DrillResult,
} from '@dynamo-dr/core';
import { ExitError } from '../../exitError.js';
import { startedBy } from '../../shared/startedBy.js';
import { tableSettings, type ResolvedTable } from '../../shared/tableSettings.js';

/** A table to drill and the environment its reports are filed under. */
type DrilledTable = ResolvedTable & { readonly environment: string };
import { formatDrillResult, formatRecoveryPlan } from './formatDrill.js';
import type { DrillCommandOptions } from './register.js';

/**
 * `dynamo-dr drill`: validates every table's drill before the first change, then drills them one after the other
 * (exit 1 when one fails); with `--plan`, the dry run of each (exit 1 when the caller lacks an action).
 */
export async function drill(opts: DrillCommandOptions): Promise<void> {
  const config = await loadConfig({ explicitPath: opts.config });
  const tables = drilledTables(opts, config);
  const aws = { region: opts.region, profile: opts.profile, endpoint: opts.endpointUrl };
  const clients = drillClients(aws, opts.targetRegion);
  const region = await clients.region();
  if (opts.plan) return dryRun(opts, config, tables, clients, region);

  const journal = await FileRunJournal.open(opts.stateDir, '--state-dir');
  const checkpoints = new FileCheckpointStore(path.join(journal.stateDir, 'checkpoints'));
  const plans: DrillPlan[] = [];
  for (const { settings, environment } of tables) {
    const env = config?.environments[environment]?.drills;
    const staging = isStaging(config, environment);
    plans.push(
      await planDrill({ source: clients.dynamodb, target: clients.targetDynamodb, journal }, region, {
        tableName: settings.tableName,
        environment,
        scenario: opts.scenario ?? env?.scenario,
        at: opts.at,
        targetRegion: opts.targetRegion,
        reportsDirectory: opts.reportsDir ?? env?.reports?.directory ?? DEFAULT_DRILL_REPORT_DIRECTORY,
        targets: {
          rtoMinutes: env?.rtoTargetMinutes ?? DEFAULT_DRILL_TARGETS.rtoMinutes,
          rpoMinutes: env?.rpoTargetMinutes ?? DEFAULT_DRILL_TARGETS.rpoMinutes,
        },
        stagingTable: staging ? settings : undefined,
      }),
    );
  }
  const results: DrillResult[] = [];
  for (const plan of plans) {
    if (!opts.json)
      console.error(`Drilling ${plan.tableName} (${plan.environment}, ${plan.scenario}) as ${plan.drillId}...`);
    const result = await runDrill(
      { source: clients.dynamodb, target: clients.targetDynamodb, aws, journal, startedBy: startedBy(), checkpoints },
      plan,
      { keepRestoredTable: opts.keepRestoredTable },
    );
    results.push(result);
    if (!opts.json) console.error(formatDrillResult(result));
  }
  if (opts.json) {
    console.log(JSON.stringify({ drills: results.map((r) => ({ ...r.report, files: r.written })) }, null, 2));
  }
  const failed = results.filter((r) => r.report.outcome === 'failed');
  if (failed.length) {
    throw new ExitError(
      1,
      `${failed.length} of ${results.length} drill(s) failed: ${failed.map((r) => r.written.markdown).join(', ')}.`,
    );
  }
}

/** The `--plan` dry run: each table's recovery plans and access checks, from its past drill reports. */
async function dryRun(
  opts: DrillCommandOptions,
  config: DrConfig | undefined,
  tables: readonly DrilledTable[],
  clients: ReturnType<typeof drillClients>,
  region: string,
): Promise<void> {
  // The plan covers every scenario, to any time.
  for (const [flag, value] of [
    ['--scenario', opts.scenario],
    ['--at', opts.at],
  ] as const) {
    if (value !== undefined) {
      throw new InputError(
        flag,
        value,
        'cannot be combined with --plan',
        `The plan covers them all: leave ${flag} out.`,
      );
    }
  }
  if (opts.targetRegion !== undefined) assertName(regionRule, '--target-region', opts.targetRegion);
  if (opts.reportsDir !== undefined) assertPathSyntax('--reports-dir', opts.reportsDir);
  const plans = [];
  for (const { settings, environment } of tables) {
    const directory = opts.reportsDir ?? config?.environments[environment]?.drills?.reports?.directory;
    const { reports } = await readDrillReports([directoryDrillReports(directory ?? DEFAULT_DRILL_REPORT_DIRECTORY)]);
    plans.push(
      await tableRecoveryPlan(
        { dynamodb: clients.dynamodb, iam: clients.iam, sts: clients.sts },
        { environment, tableName: settings.tableName, region, targetRegion: opts.targetRegion },
        reports,
      ),
    );
  }
  if (opts.json) console.log(JSON.stringify({ plans }, null, 2));
  else console.error(plans.map(formatRecoveryPlan).join('\n\n'));
  const missing = plans.flatMap((p) => p.scenarios.flatMap((s) => s.access.missing.map((m) => m.action)));
  if (missing.length) {
    throw new ExitError(1, `The caller lacks ${[...new Set(missing)].join(', ')} for a recovery (see above).`);
  }
}

/** The tables named (`--table`), or every table the configuration lists in `--environment`, not excluded. */
function drilledTables(opts: DrillCommandOptions, config: DrConfig | undefined): DrilledTable[] {
  let names: string[];
  if (opts.table !== undefined) names = [opts.table];
  else if (config && opts.environment !== undefined) {
    const policy = backupPolicy(config, opts.environment);
    const env = config.environments[opts.environment];
    names = policy.tables.filter((t) => !env?.tables?.[t.logicalName]?.excluded).map((t) => t.tableName);
  } else {
    throw new InputError(
      'tableName',
      null,
      'is required without a configuration and --environment',
      'Name the table (--table staging-Orders), or give --environment to drill every table the configuration lists in it.',
    );
  }
  const tables = tableSettings({ table: names, environment: opts.environment }, config);
  return tables.map(({ settings, environment }) => {
    if (environment !== undefined) return { settings, environment };
    throw new InputError(
      'environment',
      null,
      `is required for ${settings.tableName}, which no configuration lists`,
      'Give the environment its reports are filed under, e.g. --environment staging.',
    );
  });
}

/** An environment whose tables a drill may roll back in place: marked staging, never production. */
function isStaging(config: DrConfig | undefined, environment: string): boolean {
  const env = config?.environments[environment];
  return env?.staging === true && env.production !== true;
}
