/**
 * Which kind of round trip a DynamoDB operation is: AWS answers a single-item
 * read or write in a few milliseconds, a Query or Scan page in more, and a
 * control-plane call (CreateTable, DescribeTable, ...) in tens.
 */
export type OperationClass = 'read' | 'write' | 'scan' | 'control';

export const OPERATION_CLASSES: readonly OperationClass[] = ['read', 'write', 'scan', 'control'];

const CLASS_OF: Readonly<Record<string, OperationClass>> = {
  GetItem: 'read',
  BatchGetItem: 'read',
  TransactGetItems: 'read',
  PutItem: 'write',
  UpdateItem: 'write',
  DeleteItem: 'write',
  BatchWriteItem: 'write',
  TransactWriteItems: 'write',
  ExecuteStatement: 'write',
  BatchExecuteStatement: 'write',
  ExecuteTransaction: 'write',
  Query: 'scan',
  Scan: 'scan',
};

/** The class of a DynamoDB operation; every operation not on the data plane is `control`. */
export function operationClass(operation: string): OperationClass {
  return CLASS_OF[operation] ?? 'control';
}

/** A delay of `fixedMs` plus a uniformly random share of `jitterMs`: 5 + 5 is a round trip of 5-10 ms. */
export interface RequestDelay {
  readonly fixedMs: number;
  /** @default 0 */
  readonly jitterMs?: number;
}

/**
 * The delay added to each request before it is answered, per operation
 * class; a class left out is answered at once.
 *
 * @example
 * const awsLike: LatencyFaults = { read: { fixedMs: 5, jitterMs: 5 }, write: { fixedMs: 5, jitterMs: 5 } };
 */
export type LatencyFaults = Readonly<Partial<Record<OperationClass, RequestDelay>>>;

/** Longest delay accepted, so that a typo (seconds for milliseconds) cannot hang a client for hours. */
const MAX_DELAY_MS = 60_000;

/** One thing wrong with a latency setting: the field (e.g. `latency.write.fixedMs`), its value and the fix. */
export interface LatencyProblem {
  readonly field: string;
  readonly value: unknown;
  readonly problem: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isDelayMs = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_DELAY_MS;

/** Lists what is wrong with a latency setting; empty when it can be used. */
export function latencyProblems(latency: unknown, field = 'latency'): LatencyProblem[] {
  const classes = OPERATION_CLASSES.join(', ');
  if (!isObject(latency)) {
    return [{ field, value: latency, problem: `is not an object of delays per operation class (${classes})` }];
  }
  const problems: LatencyProblem[] = [];
  for (const [name, delay] of Object.entries(latency)) {
    const at = `${field}.${name}`;
    if (!OPERATION_CLASSES.includes(name as OperationClass)) {
      problems.push({ field: at, value: delay, problem: `is not an operation class (known: ${classes})` });
    } else if (!isObject(delay)) {
      problems.push({ field: at, value: delay, problem: 'is not a delay such as {"fixedMs":5,"jitterMs":5}' });
    } else {
      for (const [part, value] of Object.entries(delay)) {
        if (part !== 'fixedMs' && part !== 'jitterMs') {
          problems.push({
            field: `${at}.${part}`,
            value,
            problem: 'is not a delay setting (known: fixedMs, jitterMs)',
          });
        } else if (!isDelayMs(value)) {
          problems.push({
            field: `${at}.${part}`,
            value,
            problem: `is not a number of milliseconds from 0 to ${MAX_DELAY_MS}`,
          });
        }
      }
      if (delay.fixedMs === undefined)
        problems.push({ field: `${at}.fixedMs`, value: undefined, problem: 'is missing' });
    }
  }
  return problems;
}

/** Whether a latency setting delays anything at all. */
export function delaysAnything(latency: LatencyFaults | undefined): boolean {
  return Object.values(latency ?? {}).some((d) => d.fixedMs > 0 || (d.jitterMs ?? 0) > 0);
}

/**
 * The delay of one request, given the delay each table it names has for its
 * class: the longest (a batch naming two tables waits for the slower one),
 * with its jitter drawn at random.
 */
export function drawDelayMs(delays: readonly (RequestDelay | undefined)[]): number {
  let longest = 0;
  for (const delay of delays) {
    if (delay) longest = Math.max(longest, delay.fixedMs + Math.random() * (delay.jitterMs ?? 0));
  }
  return longest;
}
