import type { DrConfig } from '../config/configSchema.js';
import type { DrillReportLocations } from '../config/backupPolicyConfig.js';
import { InputError } from '../errors.js';
import { assertName } from '../validation/assertName.js';
import { environmentNameRule } from '../validation/nameRules.js';

/**
 * The retention the runbook promises and AWS's maximum (`RecoveryPeriodInDays` is 1–35).
 * @example
 * const retentionDays = config.backups?.retentionDays ?? DEFAULT_RETENTION_DAYS; // 35
 */
export const DEFAULT_RETENTION_DAYS = 35;
/**
 * How far the earliest restorable time may lag where the retention puts it before the window counts as short.
 * @example
 * const tolerance = backups.windowToleranceSeconds ?? DEFAULT_WINDOW_TOLERANCE_SECONDS; // 3600
 */
export const DEFAULT_WINDOW_TOLERANCE_SECONDS = 3600;
/**
 * AWS's latest restorable time is "typically 5 minutes before the current time"; twice that is a problem.
 * @example
 * const maxLag = backups.maxRestorableLagSeconds ?? DEFAULT_MAX_RESTORABLE_LAG_SECONDS; // 600
 */
export const DEFAULT_MAX_RESTORABLE_LAG_SECONDS = 600;
/**
 * A table's last successful drill may be this old at most.
 * @example
 * const maxAge = drills.maxAgeDays ?? DEFAULT_DRILL_MAX_AGE_DAYS; // 90
 */
export const DEFAULT_DRILL_MAX_AGE_DAYS = 90;
/** The recovery time and point a drill must meet, when the configuration sets none (docs/configuration.md#drills). */
export const DEFAULT_RTO_TARGET_MINUTES = 30;
export const DEFAULT_RPO_TARGET_MINUTES = 5;
/**
 * Where drill reports are kept when the configuration names no location.
 * @example
 * const directory = drills.reports?.directory ?? DEFAULT_DRILL_REPORT_DIRECTORY; // 'docs/ops/recovery-tests'
 */
export const DEFAULT_DRILL_REPORT_DIRECTORY = 'docs/ops/recovery-tests';

/** A table the policy covers: its physical name and the logical name that names its alarms and state machines. */
export interface PolicyTable {
  readonly tableName: string;
  readonly logicalName: string;
}

/**
 * What one environment's backups must be, defaults applied: the single description `check`, `pitr enable`, the
 * monitor Lambda (which gets it as JSON) and the alarm specifications work from.
 */
export interface BackupPolicy {
  readonly environment: string;
  /** The configured tables, excluded ones included: an excluded table still needs its backups. */
  readonly tables: readonly PolicyTable[];
  /** How the environment's tables are found, to report those not configured. */
  readonly coverage: { readonly tableNamePrefix?: string; readonly tableTags: Readonly<Record<string, string>> };
  readonly retentionDays: number;
  readonly windowToleranceSeconds: number;
  readonly maxRestorableLagSeconds: number;
  readonly drillMaxAgeDays: number;
  /** What a drill must meet: `drills.rtoTargetMinutes` and `drills.rpoTargetMinutes`. */
  readonly drillTargets: { readonly rtoMinutes: number; readonly rpoMinutes: number };
  readonly drillReports: DrillReportLocations;
}

/**
 * The configuration, which commands that work on an environment's tables (`check`, `cost`, `synth`, `deploy`)
 * cannot do without.
 *
 * @example
 * const config = requireConfig(await loadConfig({ explicitPath: opts.config }));
 */
export function requireConfig(config: DrConfig | undefined): DrConfig {
  if (config) return config;
  throw new InputError(
    'config',
    null,
    'is required: there is no dynamo-dr.config.json in this directory',
    "Give the configuration file that lists the environment's tables (see docs/configuration.md).",
  );
}

/**
 * The backup policy of each environment the configuration lists, or of `environment` alone.
 *
 * @example
 * const [prod] = backupPolicies(requireConfig(await loadConfig()), 'Prod');
 */
export function backupPolicies(config: DrConfig, environment?: string): BackupPolicy[] {
  if (environment === undefined) return Object.keys(config.environments).map((name) => backupPolicy(config, name));
  return [backupPolicy(config, environment)];
}

/**
 * The backup policy of one environment of the configuration (which must list it).
 *
 * @example
 * const { retentionDays, tables } = backupPolicy(config, 'Prod');
 */
export function backupPolicy(config: DrConfig, environment: string): BackupPolicy {
  assertName(environmentNameRule, '--environment', environment);
  const env = config.environments[environment];
  if (!env) {
    throw new InputError(
      '--environment',
      environment,
      'is not in the configuration',
      `Use one of: ${Object.keys(config.environments).join(', ')} (names are case-sensitive), or add it to dynamo-dr.config.json.`,
    );
  }
  const backups = env.backups ?? {};
  const tableTags = backups.tableTags ?? {};
  const byTagsOnly = backups.tableNamePrefix === undefined && Object.keys(tableTags).length > 0;
  return {
    environment,
    tables: Object.entries(env.tables ?? {}).map(([logicalName, t]) => ({ tableName: t.tableName, logicalName })),
    coverage: {
      ...(byTagsOnly ? {} : { tableNamePrefix: backups.tableNamePrefix ?? `${environment}-` }),
      tableTags,
    },
    retentionDays: backups.retentionDays ?? DEFAULT_RETENTION_DAYS,
    windowToleranceSeconds: backups.windowToleranceSeconds ?? DEFAULT_WINDOW_TOLERANCE_SECONDS,
    maxRestorableLagSeconds: backups.maxRestorableLagSeconds ?? DEFAULT_MAX_RESTORABLE_LAG_SECONDS,
    drillMaxAgeDays: env.drills?.maxAgeDays ?? DEFAULT_DRILL_MAX_AGE_DAYS,
    drillTargets: {
      rtoMinutes: env.drills?.rtoTargetMinutes ?? DEFAULT_RTO_TARGET_MINUTES,
      rpoMinutes: env.drills?.rpoTargetMinutes ?? DEFAULT_RPO_TARGET_MINUTES,
    },
    drillReports: env.drills?.reports ?? { directory: DEFAULT_DRILL_REPORT_DIRECTORY },
  };
}
