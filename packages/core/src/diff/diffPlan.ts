/** One side of a diff: a table read as it is, or a backup restored into a temporary table first. */
export interface DiffSide {
  readonly kind: 'table' | 'backup';
  /** As the user gave it: a table name or a backup ARN. */
  readonly spec: string;
  /** The table scanned: the table itself, or the temporary table the backup is restored into. */
  readonly tableName: string;
  readonly backupArn?: string;
  /** The temporary table is created by the diff and deleted after it. */
  readonly temporary: boolean;
}

/** The serialisable plan of `diff`, made by validation before anything is created. */
export interface DiffPlan {
  /** With `--incident`: left is the forensic backup of that restore, right the table now. */
  readonly incidentId?: string;
  readonly left: DiffSide;
  readonly right: DiffSide;
  /** The diff file (one change per line) and its `FILE.manifest.json`. */
  readonly out: string;
  readonly segments: number;
  /** Minutes a backup restore may take. */
  readonly restoreDeadlineMinutes: number;
}
