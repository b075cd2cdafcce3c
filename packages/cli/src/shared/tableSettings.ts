import {
  assertName,
  defaultRestoreSettings,
  environmentNameRule,
  findTable,
  InputError,
  logicalNameOf,
  parseSegmentCount,
  parseWholeNumber,
  type DrConfig,
  type TableRestoreSettings,
} from '@dynamo-dr/core';
import type { CapacityFlags } from './commonOptions.js';

/** DynamoDB's default per-table quota is 40,000 units per second; a cap above a million is no cap. */
const MAX_CAPACITY_UNITS = 1_000_000;

/** The flags that shape each table's settings. */
export interface SettingsFlags extends CapacityFlags {
  readonly table: readonly string[];
  readonly environment?: string;
  readonly mode?: string;
  readonly keepRestoredTable?: boolean;
  readonly segments?: string;
  readonly restoreDeadline?: string;
}

/** A table to restore: its settings, and its environment when the configuration names one. */
export interface ResolvedTable {
  readonly settings: TableRestoreSettings;
  readonly environment?: string;
}

/**
 * Each `--table` as settings: flags first, then the configuration's defaults,
 * then the built-in ones. With a configuration file, a table must be listed
 * in it and not excluded; without one, flags alone suffice.
 */
export function tableSettings(flags: SettingsFlags, config: DrConfig | undefined): ResolvedTable[] {
  if (flags.table.length === 0) {
    throw new InputError(
      '--table',
      null,
      'is required',
      'Name the table to restore: --table <name> (repeat for several).',
    );
  }
  const mode = flags.mode ?? config?.defaults?.mode ?? defaultRestoreSettings.mode;
  if (mode !== 'delta' && mode !== 'reset') {
    throw new InputError(
      '--mode',
      mode,
      'is not a sync mode',
      'Use delta (fewest writes, default) or reset (delete all, then copy).',
    );
  }
  const segments = parseSegmentCount(
    '--segments',
    flags.segments,
    config?.defaults?.segments ?? defaultRestoreSettings.segments,
  );
  const restoreDeadlineMinutes = wholeNumber(
    '--restore-deadline',
    flags.restoreDeadline,
    config?.defaults?.restoreDeadlineMinutes ?? defaultRestoreSettings.restoreDeadlineMinutes,
    7 * 24 * 60,
  );
  const keepRestoredTable = flags.keepRestoredTable ?? config?.defaults?.keepRestoredTable ?? false;
  const caps = capacityCaps(flags);
  if (new Set(flags.table).size !== flags.table.length) {
    throw new InputError('--table', flags.table, 'names a table twice', 'Give each table once.');
  }
  if (flags.environment !== undefined) assertName(environmentNameRule, '--environment', flags.environment);
  return flags.table.map((name) => {
    const common = { mode, segments, restoreDeadlineMinutes, keepRestoredTable, ...caps } as const;
    // Without a configuration, --environment names the recovery-mode environment to check (ENV-* functions).
    if (!config)
      return {
        environment: flags.environment,
        settings: { ...common, tableName: name, logicalName: logicalNameOf(name), sensitive: false },
      };
    const found = findTable(config, name, flags.environment);
    if (!found) {
      throw new InputError(
        '--table',
        name,
        `is not in the configuration file${flags.environment ? ` under environment ${flags.environment}` : ''}`,
        'Add it under environments.<env>.tables (see docs/configuration.md), or check the name.',
      );
    }
    if (found.excluded) {
      throw new InputError(
        '--table',
        name,
        `is excluded from recovery in the configuration${found.excludedReason ? ` (${found.excludedReason})` : ''}`,
        'Recover it by its own procedure; dynamo-dr refuses excluded tables.',
      );
    }
    return {
      environment: found.environment,
      settings: {
        ...common,
        tableName: found.tableName,
        logicalName: found.logicalName,
        sensitive: found.sensitive ?? false,
      },
    };
  });
}

/** `--max-write-units` / `--max-read-units` as the engine's caps (whole capacity units per second). */
export function capacityCaps(flags: CapacityFlags): {
  maxWriteUnitsPerSecond?: number;
  maxReadUnitsPerSecond?: number;
} {
  const cap = (flag: string, value: string | undefined) =>
    value === undefined ? undefined : parseWholeNumber(flag, value, { min: 1, max: MAX_CAPACITY_UNITS });
  const maxWriteUnitsPerSecond = cap('--max-write-units', flags.maxWriteUnits);
  const maxReadUnitsPerSecond = cap('--max-read-units', flags.maxReadUnits);
  return {
    ...(maxWriteUnitsPerSecond !== undefined && { maxWriteUnitsPerSecond }),
    ...(maxReadUnitsPerSecond !== undefined && { maxReadUnitsPerSecond }),
  };
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, max: number): number {
  return value === undefined ? fallback : parseWholeNumber(flag, value, { min: 1, max });
}
