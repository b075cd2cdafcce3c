/**
 * The parts of a table's run whose timings make up the measured RTO; a restore-as run has `restore`,
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

/** The commands that record runs: each run record says which one made it, and so what it holds. */
export type RunKind = 'restore' | 'restore-items' | 'export' | 'restore-as' | 'drill';

/** An error as the journal keeps it. */
export interface RecordedError {
  readonly name: string;
  readonly message: string;
}

/** The destination read back and compared: `equal` when it holds what it should. */
export interface RecordedVerification {
  readonly equal: boolean;
  readonly count: number;
  readonly digest: string;
}

/** What every table's part of a run has; each kind of run adds its own fields. */
export interface TableRunBase<P = unknown> {
  readonly plan: P;
  readonly result: RunResult;
  readonly phases: Readonly<Partial<Record<PhaseName, PhaseTiming>>>;
  readonly error?: RecordedError;
}

/**
 * The journal entry of one run of a command, keyed by incident id (or the command's own run id): which
 * command made it (`kind`), its inputs, who ran it, and per table its plan, phase timings (the measured
 * RTO) and result.
 */
export interface RunRecordOf<K extends RunKind = RunKind, T extends TableRunBase = TableRunBase> {
  readonly incidentId: string;
  readonly kind: K;
  readonly requestedTime: string;
  readonly restoreTime: string;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly result: RunResult;
  readonly attempts: readonly RunAttempt[];
  readonly tables: Readonly<Record<string, T>>;
}

/** A new record of `kind` (its tables are added by {@link withTable}). */
export function newRunRecord<K extends RunKind, T extends TableRunBase>(
  kind: K,
  run: Pick<RunRecordOf, 'incidentId' | 'requestedTime' | 'restoreTime'>,
  now: Date,
): RunRecordOf<K, T> {
  return {
    incidentId: run.incidentId,
    kind,
    requestedTime: run.requestedTime,
    restoreTime: run.restoreTime,
    startedAt: now.toISOString(),
    result: 'running',
    attempts: [],
    tables: {},
  };
}

/** The record with `table` present under `tableName` (kept as it is when already there). */
export function withTable<R extends RunRecordOf>(record: R, tableName: string, table: R['tables'][string]): R {
  if (record.tables[tableName]) return record;
  return { ...record, result: 'running', endedAt: undefined, tables: { ...record.tables, [tableName]: table } };
}

/** The record with one table changed; the run's result follows its tables'. */
export function updateTable<R extends RunRecordOf>(
  record: R,
  tableName: string,
  change: (table: R['tables'][string]) => R['tables'][string],
): R {
  const current = record.tables[tableName];
  if (!current) throw new Error(`The run of incident ${record.incidentId} has no table ${tableName}`);
  const tables = { ...record.tables, [tableName]: change(current as R['tables'][string]) };
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
export function phaseStarted<T extends TableRunBase>(table: T, phase: PhaseName, now: Date): T {
  if (table.phases[phase]) return table;
  return { ...table, phases: { ...table.phases, [phase]: { startedAt: now.toISOString() } } };
}

/** Marks a phase ended. */
export function phaseEnded<T extends TableRunBase>(table: T, phase: PhaseName, now: Date): T {
  const startedAt = table.phases[phase]?.startedAt ?? now.toISOString();
  return { ...table, phases: { ...table.phases, [phase]: { startedAt, endedAt: now.toISOString() } } };
}

/**
 * Milliseconds per phase and the total from the run's start to the end of verification (for restore-as: of
 * the switch, else of the settings, when the new table is usable): the measured RTO.
 *
 * @example
 * measuredRto(run, 'Orders'); // { backup: 1200, restore: 1900, sync: 800, verify: 300, cleanup: 40, total: 4300 }
 */
export function measuredRto(record: RunRecordOf, tableName: string): Partial<Record<PhaseName | 'total', number>> {
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
