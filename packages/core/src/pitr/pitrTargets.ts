import type { DrConfig } from '../config/configSchema.js';
import { findTable } from '../config/loadConfig.js';
import { InputError } from '../errors.js';
import { backupPolicy, DEFAULT_RETENTION_DAYS } from '../backupPolicy/backupPolicy.js';
import { assertName } from '../validation/assertName.js';
import { tableNameRule } from '../validation/nameRules.js';
import type { PitrTarget } from './pitrEnable.js';

/**
 * The tables `pitr enable` covers and the retention each must get: `--table` names (configured or physical;
 * a table the configuration does not list is taken by its physical name), or every configured table of
 * `--environment` (only those named, when both are given). Without `--retention-days`, a table gets its
 * environment's required retention (35 days when none is configured).
 *
 * @example
 * pitrTargets(config, { tables: [], environment: 'Prod' }); // [{ tableName: 'Prod-Orders', retentionDays: 35 }, ...]
 */
export function pitrTargets(
  config: DrConfig | undefined,
  selection: { readonly tables: readonly string[]; readonly environment?: string; readonly retentionDays?: number },
): PitrTarget[] {
  const { tables, environment } = selection;
  if (tables.length === 0 && environment === undefined) {
    throw new InputError(
      '--table',
      null,
      'or --environment is required',
      'Name the tables (--table T, repeatable) or the environment (--environment E).',
    );
  }
  const retention = (env: string | undefined): number =>
    selection.retentionDays ?? (config && env ? backupPolicy(config, env).retentionDays : DEFAULT_RETENTION_DAYS);
  if (environment !== undefined) {
    if (!config) {
      throw new InputError(
        '--environment',
        environment,
        'needs a configuration file listing its tables',
        'Give --config, or name the tables with --table.',
      );
    }
    const policy = backupPolicy(config, environment);
    if (tables.length === 0)
      return policy.tables.map((t) => ({ tableName: t.tableName, retentionDays: retention(environment) }));
    return tables.map((name) => {
      const found = findTable(config, assertName(tableNameRule, '--table', name), environment);
      if (!found) {
        throw new InputError(
          '--table',
          name,
          `is not a table of ${environment} in the configuration`,
          `Use one of: ${policy.tables.map((t) => t.logicalName).join(', ')}.`,
        );
      }
      return { tableName: found.tableName, retentionDays: retention(environment) };
    });
  }
  return tables.map((name) => {
    const found = config && findTable(config, assertName(tableNameRule, '--table', name));
    return found
      ? { tableName: found.tableName, retentionDays: retention(found.environment) }
      : { tableName: name, retentionDays: retention(undefined) };
  });
}
