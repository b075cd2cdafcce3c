/** A table's key attribute names. */
export interface KeyNames {
  readonly hash: string;
  readonly range?: string;
}

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** PITR as enabled on a table instance; absent while PITR is off. */
export interface PitrSetting {
  /** When PITR was (last) enabled: the earliest restorable time until the retention period passes it. */
  readonly enabledMs: number;
  readonly recoveryPeriodInDays: number;
}

/** How a restored (or imported: no source) table came to be, and when it turns ACTIVE. */
export interface RestoreState {
  readonly sourceTableArn?: string;
  readonly sourceBackupArn?: string;
  readonly restoreDateTimeMs: number;
  readonly startedMs: number;
  /** The earliest moment the table may turn ACTIVE (start + base + per-item time). */
  readonly readyMs: number;
  /** Whether every restored item has been written to dynalite. */
  loaded: boolean;
}

/**
 * The sandbox's own state of one table *instance*: a table deleted and
 * re-created under the same name is a new instance (with a new id, its
 * TableId) and a new journal.
 */
export interface TableInstance {
  readonly id: string;
  readonly name: string;
  readonly createdMs: number;
  readonly key: KeyNames;
  deletedMs?: number;
  deletionProtection: boolean;
  tags: Tag[];
  ttl?: { readonly AttributeName: string; readonly Enabled: boolean };
  stream?: { readonly StreamEnabled: boolean; readonly StreamViewType?: string; readonly label: string };
  pitr?: PitrSetting;
  restore?: RestoreState;
}

/**
 * The journal key of an item or a key: its key attributes' values, in key
 * schema order, as JSON. Undefined when the hash key attribute is missing
 * (dynalite then rejects the request).
 */
export function itemKey(key: KeyNames, item: unknown): string | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const attrs = item as Record<string, unknown>;
  const hash = attrs[key.hash];
  if (hash === undefined) return undefined;
  if (key.range === undefined) return JSON.stringify([hash]);
  const range = attrs[key.range];
  return range === undefined ? undefined : JSON.stringify([hash, range]);
}
