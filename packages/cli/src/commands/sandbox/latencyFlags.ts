import {
  latencyProblems,
  OPERATION_CLASSES,
  tableFaultProblems,
  type LatencyFaults,
  type OperationClass,
  type RequestDelay,
} from '@dynamo-dr/sandbox';
import { InputError } from '@dynamo-dr/core';

const FLAG = '--latency';
const HINT = `Give ${FLAG} [TABLE=][CLASS:]MIN[-MAX]ms, e.g. ${FLAG} 5-10ms or ${FLAG} orders=scan:20-40ms (classes: ${OPERATION_CLASSES.join(', ')}).`;
const SHAPE = /^(?:([^=]+)=)?(?:([a-z]+):)?(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(?:ms)?$/;

/** The delays the `--latency` flags give: for every request, and per table. */
export interface LatencyFlags {
  readonly global?: LatencyFaults;
  readonly tables: Readonly<Record<string, LatencyFaults>>;
}

/**
 * Turns the repeatable `--latency [TABLE=][CLASS:]MIN[-MAX]ms` flags into
 * delays: `5-10ms` is 5 ms plus up to 5 ms of jitter for every operation
 * class; a class given on its own (`write:20ms`) wins over one given for all.
 * Bad input throws {@link InputError} naming the flag and the value.
 */
export function latencyFromFlags(values: readonly string[] = []): LatencyFlags {
  const given = new Map<string, { all?: RequestDelay; classes: Partial<Record<OperationClass, RequestDelay>> }>();
  for (const raw of values) {
    const match = SHAPE.exec(raw);
    if (!match) throw new InputError(FLAG, raw, 'is not a delay', HINT);
    const [, table = '', kind, min, max] = match;
    const fixedMs = Number(min);
    const jitterMs = max === undefined ? 0 : Number(max) - fixedMs;
    if (jitterMs < 0) throw new InputError(FLAG, raw, 'has its longest delay before its shortest', HINT);
    if (kind !== undefined && !OPERATION_CLASSES.includes(kind as OperationClass)) {
      throw new InputError(FLAG, raw, `names no operation class (${OPERATION_CLASSES.join(', ')})`, HINT);
    }
    const entry = given.get(table) ?? { classes: {} };
    const delay = { fixedMs, jitterMs };
    if ((kind === undefined ? entry.all : entry.classes[kind as OperationClass]) !== undefined) {
      throw new InputError(FLAG, raw, 'repeats a delay already given', `Give ${FLAG} once per table and class.`);
    }
    if (kind === undefined) entry.all = delay;
    else entry.classes[kind as OperationClass] = delay;
    given.set(table, entry);
  }
  const tables: Record<string, LatencyFaults> = {};
  let global: LatencyFaults | undefined;
  for (const [table, { all, classes }] of given) {
    const latency: LatencyFaults = {
      ...(all && Object.fromEntries(OPERATION_CLASSES.map((c) => [c, all]))),
      ...classes,
    };
    const [problem] = table ? tableFaultProblems(table, { latency }) : latencyProblems(latency);
    if (problem) {
      const raw = values.find((v) => (SHAPE.exec(v)?.[1] ?? '') === table);
      const what =
        problem.field === 'table'
          ? `names a table that ${problem.problem}`
          : `gives ${problem.field} ${JSON.stringify(problem.value)}, which ${problem.problem}`;
      throw new InputError(FLAG, raw, what, HINT);
    }
    if (table) tables[table] = latency;
    else global = latency;
  }
  return { global, tables };
}
