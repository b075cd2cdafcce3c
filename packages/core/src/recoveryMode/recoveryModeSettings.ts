import type { DrConfig } from '../config/configSchema.js';
import { InputError } from '../errors.js';
import { assertName } from '../validation/assertName.js';
import { environmentNameRule } from '../validation/nameRules.js';

/** How one environment's functions are chosen and where its saved state lives, defaults applied. */
export interface RecoveryModeSettings {
  readonly environment: string;
  /** Production environments need a confirmation (terminal or `--yes`). */
  readonly production: boolean;
  /** Names must start with this; undefined when selecting by tags alone. */
  readonly functionNamePrefix?: string;
  /** Every one of these tags must be on a function for it to be the environment's. */
  readonly functionTags: Readonly<Record<string, string>>;
  /** Names containing any of these are recovery functions, never held. */
  readonly excludeNameContains: readonly string[];
  /** Any one of these tag/value pairs marks a recovery function, never held. */
  readonly excludeTags: Readonly<Record<string, string>>;
  /** The SSM parameter holding the saved state while in recovery mode. */
  readonly stateParameter: string;
}

/**
 * The recovery-mode settings of `environment`: from the configuration when
 * there is one (the environment must be in it), else the defaults the reference recovery system's
 * scripts imply — functions named `{environment}-*`, minus names containing
 * `DisasterRecovery` and functions tagged `dynamo-dr:role=recovery`.
 *
 * @example
 * const settings = recoveryModeSettings(await loadConfig(), 'Prod');
 */
export function recoveryModeSettings(config: DrConfig | undefined, environment: string): RecoveryModeSettings {
  assertName(environmentNameRule, 'environment', environment);
  const env = config?.environments[environment];
  if (config && !env) {
    throw new InputError(
      'environment',
      environment,
      'is not in the configuration',
      `Use one of: ${Object.keys(config.environments).join(', ')} (names are case-sensitive), or add it to dynamo-dr.config.json.`,
    );
  }
  const rm = env?.recoveryMode ?? {};
  const functionTags = rm.functionTags ?? {};
  const byTagsOnly = rm.functionNamePrefix === undefined && Object.keys(functionTags).length > 0;
  return {
    environment,
    production: env?.production ?? false,
    functionNamePrefix: byTagsOnly ? undefined : (rm.functionNamePrefix ?? `${environment}-`),
    functionTags,
    excludeNameContains: rm.excludeNameContains ?? ['DisasterRecovery'],
    excludeTags: rm.excludeTags ?? { 'dynamo-dr:role': 'recovery' },
    stateParameter: rm.stateParameter ?? `/dynamo-dr/${environment}/recovery-mode`,
  };
}

/**
 * Whether recovery mode holds a function: `held`, `outside` (not the
 * environment's) or `recovery` (a recovery function, left running).
 */
export function selectionOf(
  settings: RecoveryModeSettings,
  name: string,
  tags: Readonly<Record<string, string>>,
): 'held' | 'outside' | 'recovery' {
  if (settings.functionNamePrefix !== undefined && !name.startsWith(settings.functionNamePrefix)) return 'outside';
  if (Object.entries(settings.functionTags).some(([k, v]) => tags[k] !== v)) return 'outside';
  if (settings.excludeNameContains.some((part) => name.includes(part))) return 'recovery';
  if (Object.entries(settings.excludeTags).some(([k, v]) => tags[k] === v)) return 'recovery';
  return 'held';
}
