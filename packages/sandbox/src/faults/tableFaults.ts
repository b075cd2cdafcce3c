import { latencyProblems, type LatencyFaults } from './latencyFaults.js';
import type { RestoreCorruption, RestoreCorruptionOutcome } from './restoreCorruption.js';

/**
 * Faults injected into one table's requests. All fields are
 * optional; an empty object injects nothing.
 *
 * @example
 * const faults: TableFaults = { throttleRate: 0.3, writeUnitsPerSecond: 500, seed: 42 };
 */
export interface TableFaults {
  /** Share (0..1) of requests throttled at random; in batches, of the items handed back unprocessed. */
  readonly throttleRate?: number;
  /** Write capacity cap in write units per second (1 unit = 1 KB of item, rounded up per item). */
  readonly writeUnitsPerSecond?: number;
  /** Read capacity cap in read units per second (1 unit = 4 KB strongly consistent, half for eventual). */
  readonly readUnitsPerSecond?: number;
  /** Write units the bucket holds when full. @default writeUnitsPerSecond (one second's worth) */
  readonly writeBurstUnits?: number;
  /** Read units the bucket holds when full. @default readUnitsPerSecond (one second's worth) */
  readonly readBurstUnits?: number;
  /** Seed of the random draws behind `throttleRate`: the same requests in the same order meet the same faults. */
  readonly seed?: number;
  /** Delay before each request naming the table is answered, per operation class (instead of the global one). */
  readonly latency?: LatencyFaults;
  /**
   * Corrupts the next restore (PITR or backup) of the table, in whatever Region it is restored to: one item dropped
   * or altered. Spent by that restore; setting the faults again arms it again.
   */
  readonly corruptRestore?: RestoreCorruption;
}

/** What fault injection did to one table since its faults were last set. */
export interface TableFaultStats {
  /** When counting started (ISO 8601): the time the faults were set. */
  readonly since: string;
  /** Data-plane requests that touched the table (a batch counts once per table it names). */
  readonly requests: number;
  /** The same, per operation (e.g. `{ BatchWriteItem: 40, Scan: 2 }`). */
  readonly requestsByOperation: Readonly<Record<string, number>>;
  /** Requests refused whole with ProvisionedThroughputExceededException. */
  readonly throttledRequests: number;
  /** Batch items or keys handed back as UnprocessedItems / UnprocessedKeys. */
  readonly unprocessedItems: number;
  /** Write units of the writes that succeeded. */
  readonly writeUnits: number;
  /** Read units of the reads that succeeded. */
  readonly readUnits: number;
  /** With a write cap: the most write units it allows since `since` (burst + rate x elapsed seconds). */
  readonly writeUnitsAllowed?: number;
  /** With a read cap: the most read units it allows since `since`. */
  readonly readUnitsAllowed?: number;
  /** With `corruptRestore`: what it did to each restore of the table it corrupted (at most one), oldest first. */
  readonly restoreCorruptions?: readonly RestoreCorruptionOutcome[];
}

/** One thing wrong with a fault configuration: the field, its value and what it must be. */
export interface FaultProblem {
  /** A setting (`throttleRate`), a part of one (`latency.write.fixedMs`), `table` or `faults`. */
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;
}

/** A fault configuration that cannot be used; the message names each bad field, its value and the fix. */
export class FaultConfigError extends Error {
  /** @param table the table the faults were for; `undefined` for the latency of every request. */
  constructor(
    readonly table: string | undefined,
    readonly problems: readonly FaultProblem[],
  ) {
    super(
      (table === undefined ? 'Bad global latency: ' : `Bad faults for table ${JSON.stringify(table)}: `) +
        problems.map((p) => `${p.field} ${JSON.stringify(p.value)} ${p.problem}`).join('; ') +
        '. Fix these values (see docs/sandbox-faults.md); nothing was changed.',
    );
    this.name = 'FaultConfigError';
  }
}

const isPositive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const UNITS = 'is not a positive number of capacity units';

/** Validation as data: each field's test and what a failing value is told (`latency` has its own, per part). */
const RULES: Record<
  Exclude<keyof TableFaults, 'latency'>,
  { readonly ok: (v: unknown) => boolean; readonly problem: string }
> = {
  throttleRate: {
    ok: (v) => typeof v === 'number' && v >= 0 && v <= 1,
    problem: 'is not a share from 0 to 1 (e.g. 0.3 throttles 30% of requests)',
  },
  writeUnitsPerSecond: { ok: isPositive, problem: `${UNITS} per second` },
  readUnitsPerSecond: { ok: isPositive, problem: `${UNITS} per second` },
  writeBurstUnits: { ok: isPositive, problem: UNITS },
  readBurstUnits: { ok: isPositive, problem: UNITS },
  seed: { ok: (v) => Number.isSafeInteger(v), problem: 'is not a whole number' },
  corruptRestore: {
    ok: isRestoreCorruption,
    problem:
      'is not {"action": "drop" or "alter", "key": the item\'s key as DynamoDB JSON (optional; default: the first item)}, e.g. {"action": "drop", "key": {"pk": {"S": "canary#1"}}}',
  },
};

/** A {@link RestoreCorruption}: an action, and at most a key of attribute values (each one `{TYPE: value}`). */
function isRestoreCorruption(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { action, key, ...rest } = value;
  if (Object.keys(rest).length > 0 || (action !== 'drop' && action !== 'alter')) return false;
  if (key === undefined) return true;
  const values = isObject(key) ? Object.values(key) : [];
  return values.length > 0 && values.every((v) => isObject(v) && Object.keys(v).length === 1);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

/** Lists what is wrong with `faults` for `table`; empty when it can be used. */
export function tableFaultProblems(table: string, faults: unknown): FaultProblem[] {
  const problems: FaultProblem[] = [];
  if (!TABLE_NAME.test(table)) {
    problems.push({
      field: 'table',
      value: table,
      problem: 'is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)',
    });
  }
  if (!isObject(faults)) {
    return [...problems, { field: 'faults', value: faults, problem: 'is not a JSON object of fault settings' }];
  }
  for (const [field, value] of Object.entries(faults)) {
    const rule = RULES[field as keyof typeof RULES] as (typeof RULES)[keyof typeof RULES] | undefined;
    if (field === 'latency') {
      if (value !== undefined) problems.push(...latencyProblems(value));
    } else if (!rule) {
      const known = [...Object.keys(RULES), 'latency'].join(', ');
      problems.push({ field, value, problem: `is not a fault setting (known: ${known})` });
    } else if (value !== undefined && !rule.ok(value)) {
      problems.push({ field, value, problem: rule.problem });
    }
  }
  return problems;
}

/** Returns `faults` typed, or throws a {@link FaultConfigError} naming every bad field. */
export function checkTableFaults(table: string, faults: unknown): TableFaults {
  const problems = tableFaultProblems(table, faults);
  if (problems.length) throw new FaultConfigError(table, problems);
  return faults as TableFaults;
}
