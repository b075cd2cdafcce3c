import type { SwitchPlan } from './parameterSwitch.js';
import type { TableSettings } from './tableSettings.js';

/** The serialisable plan of a restore to a new table; `--dry-run` prints it. */
export interface RestoreAsPlan {
  /** The run's journal key, `restore-as-<incident>`: never the run of a restore of the same incident. */
  readonly incidentId: string;
  readonly tableName: string;
  readonly targetTableName: string;
  /** The time as typed, and in UTC. */
  readonly requestedTime: string;
  readonly restoreTime: string;
  readonly restorableWindow: { readonly earliest: string; readonly latest: string };
  /** The source's settings now, which the new table gets after the restore. */
  readonly settings: TableSettings;
  readonly switchParameter?: SwitchPlan;
  /** The target already is this restore (an interrupted run): continue on it instead of restoring again. */
  readonly resume: boolean;
  readonly estimatedItems: number;
}

/** The settings restore-as re-applies, in the order it applies them. */
export type SettingName = 'ttl' | 'stream' | 'tags' | 'pitr' | 'deletionProtection' | 'autoscaling';

/** What became of one setting on the new table. */
export interface SettingReport {
  readonly setting: SettingName;
  /**
   * `copied`: set on the new table and read back equal; `not-set-on-source`: nothing to copy; `failed`:
   * the source has it, the new table does not (see `reason`); `not-checked`: dynamo-dr cannot read it.
   */
  readonly status: 'copied' | 'not-set-on-source' | 'failed' | 'not-checked';
  /** The source's value (e.g. the TTL attribute, the retention in days). */
  readonly value?: unknown;
  readonly reason?: string;
}
