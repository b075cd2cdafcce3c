import type { RestorePlan, TableRestorePlan } from '../restore/restorePlan.js';
import type { RestoreAsPlan, SettingReport } from '../restoreAs/restoreAsPlan.js';
import type { SavedSwitch, SwitchRollback } from '../restoreAs/parameterSwitch.js';
import type { FileItemsPlan } from '../restoreItems/restoreItemsPlan.js';
import type { DrillPlan } from '../drill/drillPlan.js';
import type { DrillReference } from '../drill/drillReference.js';
import type { SegmentResult, TableDigest } from '../sync/index.js';

/**
 * The steps of a table's recovery whose timings make up the measured RTO; a restore-as run has `restore`,
 * `settings` (re-applied and read back) and `switch` (the SSM parameter).
 */
export type PhaseName = 'backup' | 'restore' | 'sync' | 'verify' | 'cleanup' | 'settings' | 'switch';

/** When a phase first started and when it last ended (UTC, ISO 8601). */
export interface PhaseTiming {
  readonly startedAt: string;
  readonly endedAt?: string;
}

export type RunResult = 'running' | 'succeeded' | 'failed';

/** One invocation of the command (or one Step Functions execution) working on the run. */
export interface RunAttempt {
  readonly executionId: string;
  /** Who ran it: `user@host` locally, the caller's identity on AWS. */
  readonly startedBy: string;
  readonly startedAt: string;
}

/** Item counts a sync segment reported, summed per operation. */
export type SyncCounts = Readonly<Record<string, number>>;

/** The commands that record runs; a record without `kind` is a whole-table `restore`. */
export type RunKind = 'restore' | 'restore-items' | 'export' | 'restore-as' | 'drill';

/** The plan a table's run was made with: a restore's (also export's and restore-items'), a file's, restore-as's, or a drill's. */
export type TableRunPlan = TableRestorePlan | FileItemsPlan | RestoreAsPlan | DrillPlan;

/** The parameter switch a restore-as run made, with the value it replaced (also saved in SSM for rollback). */
export type RecordedSwitch = SavedSwitch & { readonly name: string; readonly previousName: string };

/** One table's part of a run. */
export interface TableRun {
  readonly plan: TableRunPlan;
  readonly result: RunResult;
  readonly phases: Readonly<Partial<Record<PhaseName, PhaseTiming>>>;
  readonly forensicBackupArn?: string;
  /** Sync segments finished, as `operation:segment` (a resumed run skips them). */
  readonly segmentsDone: readonly string[];
  /** The sync engine's resume state per unfinished `operation:segment` (encrypted for sensitive tables). */
  readonly checkpoints?: Readonly<Record<string, SegmentResult['checkpoints']>>;
  /** Digests of finished verification segments, as `verify-restored:segment` and `verify-destination:segment`. */
  readonly digests?: Readonly<Record<string, TableDigest>>;
  readonly counts: SyncCounts;
  readonly verification?: { readonly equal: boolean; readonly count: number; readonly digest: string };
  readonly error?: { readonly name: string; readonly message: string };
  /** restore-as: what became of each setting on the new table. */
  readonly settings?: readonly SettingReport[];
  /** restore-as: the parameter switch made. */
  readonly switched?: RecordedSwitch;
  /**
   * drill: what it recorded just after its canaries (a later drill may recover to that time), the report written
   * (its JSON file) and why it failed.
   */
  readonly drill?: {
    readonly reference?: DrillReference;
    readonly report?: string;
    readonly failures?: readonly string[];
  };
}

/**
 * The journal entry of one recovery, keyed by incident id: who ran it, its
 * inputs and plan, phase timings (the measured RTO), counts and result.
 */
export interface RunRecord {
  readonly incidentId: string;
  /** The command that made the run (absent: a whole-table `restore`). */
  readonly kind?: RunKind;
  readonly requestedTime: string;
  readonly restoreTime: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly result: RunResult;
  readonly attempts: readonly RunAttempt[];
  readonly tables: Readonly<Record<string, TableRun>>;
  /** restore-as: the rollback of the run's switch (`restore-as --rollback`), who made it and when. */
  readonly rollback?: SwitchRollback & { readonly by: string; readonly at: string };
}

/** A new record for a plan (tables not yet started are added by {@link withTable}). */
export function newRunRecord(plan: RestorePlan, now: Date): RunRecord {
  return {
    incidentId: plan.incidentId,
    requestedTime: plan.requestedTime,
    restoreTime: plan.restoreTime,
    startedAt: now.toISOString(),
    result: 'running',
    attempts: [],
    tables: {},
  };
}

/** The record with `plan`'s table present (kept as it is when already there). */
export function withTable(record: RunRecord, plan: TableRunPlan): RunRecord {
  if (record.tables[plan.tableName]) return record;
  const table: TableRun = { plan, result: 'running', phases: {}, segmentsDone: [], counts: {} };
  return { ...record, result: 'running', endedAt: undefined, tables: { ...record.tables, [plan.tableName]: table } };
}

/** The record with one table changed; the run's result follows its tables'. */
export function updateTable(record: RunRecord, tableName: string, change: (table: TableRun) => TableRun): RunRecord {
  const current = record.tables[tableName];
  if (!current) throw new Error(`The run of incident ${record.incidentId} has no table ${tableName}`);
  const tables = { ...record.tables, [tableName]: change(current) };
  const results = Object.values(tables).map((t) => t.result);
  const result: RunResult = results.includes('failed')
    ? 'failed'
    : results.every((r) => r === 'succeeded')
      ? 'succeeded'
      : 'running';
  const endedAt = result === 'running' ? undefined : new Date().toISOString();
  return { ...record, tables, result, endedAt };
}

/** Marks a phase started (the first start is kept, so the RTO spans interruptions). */
export function phaseStarted(table: TableRun, phase: PhaseName, now: Date): TableRun {
  if (table.phases[phase]) return table;
  return { ...table, phases: { ...table.phases, [phase]: { startedAt: now.toISOString() } } };
}

/** Marks a phase ended. */
export function phaseEnded(table: TableRun, phase: PhaseName, now: Date): TableRun {
  const startedAt = table.phases[phase]?.startedAt ?? now.toISOString();
  return { ...table, phases: { ...table.phases, [phase]: { startedAt, endedAt: now.toISOString() } } };
}

/**
 * Milliseconds per phase and the total from the run's start to the end of verification (for restore-as: of
 * the switch, else of the settings, when the new table is usable): the measured RTO.
 */
export function measuredRto(record: RunRecord, tableName: string): Partial<Record<PhaseName | 'total', number>> {
  const table = record.tables[tableName];
  if (!table) return {};
  const out: Partial<Record<PhaseName | 'total', number>> = {};
  for (const [phase, timing] of Object.entries(table.phases) as [PhaseName, PhaseTiming][]) {
    if (timing.endedAt) out[phase] = Date.parse(timing.endedAt) - Date.parse(timing.startedAt);
  }
  const done = table.phases.verify?.endedAt ?? table.phases.switch?.endedAt ?? table.phases.settings?.endedAt;
  if (done) out.total = Date.parse(done) - Date.parse(record.startedAt);
  return out;
}
