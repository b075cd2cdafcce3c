import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keySchemaOf, sameKeySchema, type KeySchema } from '../aws/describeTableShape.js';
import { InputError } from '../errors.js';
import { assertItemFileTarget } from '../itemFile/itemFileManifest.js';
import type { RunJournal } from '../journal/runJournal.js';
import type { RestoreRun } from '../restore/restoreRun.js';
import { runOfKind } from '../runs/tableRun.js';
import { describeBackupIfExists, describeTableIfExists } from '../aws/dynamoDbCalls.js';
import { assertName } from '../validation/assertName.js';
import { backupArnRule, backupArnTable, incidentIdRule, tableNameRule } from '../validation/nameRules.js';
import type { DiffPlan, DiffSide } from './diffPlan.js';

/** What `diff` was asked. Either `incidentId`, or both `left` and `right`. */
export interface DiffRequest {
  readonly incidentId?: string;
  /** With `incidentId` and a run of several tables: which one. */
  readonly table?: string;
  readonly left?: string;
  readonly right?: string;
  readonly out?: string;
  /** @default 4 */
  readonly segments?: number;
  /** @default 360 */
  readonly restoreDeadlineMinutes?: number;
}

/**
 * Validates a diff and returns its plan; reads only: the sides exist (a
 * backup AVAILABLE), have the same key schema, and the output file does not
 * exist yet (a diff never overwrites a file) in a directory that does.
 *
 * @example
 * const plan = await planDiff(ddb, journal, { incidentId: 'inc-7', out: 'lost-writes.jsonl' });
 */
export async function planDiff(client: DynamoDBClient, journal: RunJournal, request: DiffRequest): Promise<DiffPlan> {
  if (request.incidentId !== undefined) assertName(incidentIdRule, 'incidentId', request.incidentId);
  if (request.table !== undefined) {
    assertName(tableNameRule, 'table', request.table);
    if (request.incidentId === undefined) {
      throw new InputError(
        'table',
        request.table,
        'picks a table of an incident and needs --incident',
        'Give --incident ID with it, or name the sides with --left and --right.',
      );
    }
  }
  if (request.left !== undefined) assertSideSpec(request.left, 'left');
  if (request.right !== undefined) assertSideSpec(request.right, 'right');
  if (request.out === undefined)
    throw new InputError('out', null, 'is required', 'Name the diff file to write, e.g. --out lost-writes.jsonl.');
  // A diff never replaces a file.
  const out = await assertItemFileTarget('out', request.out, { replace: false });
  const [leftSpec, rightSpec] = await sideSpecs(journal, request);
  const left = await side(client, leftSpec, request.incidentId ? 'incidentId' : 'left');
  const right = await side(client, rightSpec, request.incidentId ? 'incidentId' : 'right');
  if (!sameKeySchema(left.schema, right.schema)) {
    throw new InputError(
      'right',
      rightSpec,
      `has key schema ${JSON.stringify(right.schema)}, but ${leftSpec} has ${JSON.stringify(left.schema)}`,
      'Compare a table with itself at another time (a backup of it, or a restored copy).',
    );
  }
  return {
    ...(request.incidentId ? { incidentId: request.incidentId } : {}),
    left: left.side,
    right: right.side,
    out,
    segments: request.segments ?? 4,
    restoreDeadlineMinutes: request.restoreDeadlineMinutes ?? 360,
  };
}

/** A side is a backup ARN (it starts with `arn:`) or a table name; each is checked against its syntax. */
function assertSideSpec(spec: string, flag: string): void {
  assertName(spec.startsWith('arn:') ? backupArnRule : tableNameRule, flag, spec);
}

/** With an incident: its forensic backup (left) against the table now (right), from the run journal. */
async function sideSpecs(journal: RunJournal, request: DiffRequest): Promise<[string, string]> {
  if (request.incidentId === undefined) {
    if (!request.left || !request.right) {
      throw new InputError(
        request.left ? 'right' : 'left',
        null,
        'is required without --incident',
        'Give --incident ID (the forensic backup of that restore vs the table now), or both --left and --right.',
      );
    }
    return [request.left, request.right];
  }
  if (request.left || request.right) {
    throw new InputError(
      'incidentId',
      request.incidentId,
      'cannot be combined with --left/--right',
      'Give one or the other.',
    );
  }
  const run = await journal.getRun(request.incidentId);
  if (!run) {
    throw new InputError(
      'incidentId',
      request.incidentId,
      'has no recorded run in this state directory',
      'Run diff where the restore ran (or pass its --state-dir), or give --left BACKUP_ARN --right TABLE.',
    );
  }
  // Only a whole-table restore takes a forensic backup.
  const restore = run.kind === 'restore' ? runOfKind<RestoreRun>(run, 'restore') : undefined;
  const withBackup = Object.entries(restore?.tables ?? {}).filter(([, t]) => t.forensicBackupArn);
  const chosen = request.table ? withBackup.filter(([name]) => name === request.table) : withBackup;
  if (chosen.length !== 1) {
    const names = withBackup.map(([name]) => name);
    throw new InputError(
      request.table ? 'table' : 'incidentId',
      request.table ?? request.incidentId,
      names.length
        ? `does not pick one table of the run (tables with a forensic backup: ${names.join(', ')})`
        : 'has no forensic backup recorded (only a whole-table restore takes one)',
      names.length
        ? 'Add --table with one of those names.'
        : 'Use --left/--right with the tables or backups to compare.',
    );
  }
  const [tableName, table] = chosen[0]!;
  return [table.forensicBackupArn!, tableName];
}

async function side(
  client: DynamoDBClient,
  spec: string,
  flag: string,
): Promise<{ side: DiffSide; schema: KeySchema }> {
  if (!spec.startsWith('arn:')) {
    const table = await describeTableIfExists(client, spec);
    if (!table)
      throw new InputError(
        flag,
        spec,
        'is neither an existing table nor a backup ARN',
        'Check the name and the region.',
      );
    return {
      side: { kind: 'table', spec, tableName: spec, temporary: false },
      schema: keySchemaOf(table.KeySchema, spec),
    };
  }
  const backup = await describeBackupIfExists(client, spec);
  if (!backup)
    throw new InputError(flag, spec, 'is not an existing backup', 'Check the ARN (aws dynamodb list-backups).');
  const status = backup.BackupDetails?.BackupStatus;
  if (status !== 'AVAILABLE') {
    throw new InputError(
      flag,
      spec,
      `is ${status}, not AVAILABLE`,
      'Wait until the backup is AVAILABLE and run diff again.',
    );
  }
  const tableName = `${backupArnTable(spec).slice(0, 240)}-diff-${randomBytes(4).toString('hex')}`;
  return {
    side: { kind: 'backup', spec, tableName, backupArn: spec, temporary: true },
    schema: keySchemaOf(backup.SourceTableDetails?.KeySchema, spec),
  };
}
