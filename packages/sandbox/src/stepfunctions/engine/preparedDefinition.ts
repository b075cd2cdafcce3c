import type { StateMachineDefinition } from 'aws-local-stepfunctions';

type State = Record<string, unknown>;
interface Definition {
  StartAt: string;
  States: Record<string, State>;
  TimeoutSeconds?: number;
  [field: string]: unknown;
}

/** Resources the interpreter never calls: the sandbox runs these states itself (see {@link prepareDefinition}). */
export const WAIT_RESOURCE = 'arn:aws:states:::sandbox:wait';
export const DISTRIBUTED_MAP_RESOURCE = 'arn:aws:states:::sandbox:distributedMap';

/**
 * The longest timer Node keeps (2^31-1 ms): AWS's default Task timeout
 * (99999999 s) would overflow it and fire at once.
 */
export const MAX_TIMEOUT_SECONDS = Math.floor(2 ** 31 / 1000) - 1;

/** What a state of the original definition was, for history events and for the sandbox's own handlers. */
export interface PreparedState {
  readonly type: string;
  readonly state: State;
}

export interface PreparedDefinition {
  /** What aws-local-stepfunctions runs. */
  readonly definition: StateMachineDefinition;
  /** Every state at any depth the interpreter runs (not inside a Distributed Map's processor), by name. */
  readonly states: ReadonlyMap<string, PreparedState>;
  /** Each state's retriers' pauses in ms, scaled; empty when not scaled. */
  readonly retryIntervals: Readonly<Record<string, number[]>>;
}

/**
 * Rewrites a definition for aws-local-stepfunctions so that it behaves as on AWS:
 * - Wait states become Tasks the sandbox runs, so their durations can be scaled (`timeScale`);
 * - a Distributed Map becomes a Task the sandbox runs as a map run of child executions;
 * - a Task with no timeout gets the longest one (the interpreter's default is 60 s; AWS's none);
 * - Retry pauses are scaled by `timeScale` (the interpreter then pauses each retrier's first
 *   interval, without backoff growth).
 * State names are unique across a definition (asl-validator checks it), so they key everything.
 */
export function prepareDefinition(original: unknown, timeScale: number): PreparedDefinition {
  const states = new Map<string, PreparedState>();
  const retryIntervals: Record<string, number[]> = {};

  const prepare = (definition: Definition): Definition => {
    const prepared: Record<string, State> = {};
    for (const [name, state] of Object.entries(definition.States)) {
      states.set(name, {
        type: state.Type === 'Map' && isDistributed(state) ? 'DistributedMap' : String(state.Type),
        state,
      });
      if (timeScale !== 1 && Array.isArray(state.Retry)) {
        retryIntervals[name] = (state.Retry as State[]).map(
          (r) => ((r.IntervalSeconds as number) ?? 1) * 1000 * timeScale,
        );
      }
      prepared[name] = prepareState(state);
    }
    return { ...definition, States: prepared };
  };

  const prepareState = (state: State): State => {
    const transition = pick(state, ['Next', 'End', 'InputPath', 'OutputPath', 'Comment']);
    switch (state.Type) {
      case 'Task':
        return state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined
          ? { ...state, TimeoutSeconds: MAX_TIMEOUT_SECONDS }
          : state;
      case 'Wait':
        return { Type: 'Task', Resource: WAIT_RESOURCE, TimeoutSeconds: MAX_TIMEOUT_SECONDS, ...transition };
      case 'Parallel':
        return { ...state, Branches: (state.Branches as Definition[]).map(prepare) };
      case 'Map': {
        if (isDistributed(state)) {
          return {
            Type: 'Task',
            Resource: DISTRIBUTED_MAP_RESOURCE,
            TimeoutSeconds: MAX_TIMEOUT_SECONDS,
            ...transition,
            ...pick(state, ['ResultSelector', 'ResultPath', 'Retry', 'Catch']),
          };
        }
        const processor = (state.ItemProcessor ?? state.Iterator) as Definition;
        const { Iterator: _iterator, ...rest } = state;
        return { ...rest, ItemProcessor: prepare(processor) };
      }
      default:
        return state;
    }
  };

  const definition = prepare(original as Definition) as unknown as StateMachineDefinition;
  return { definition, states, retryIntervals };
}

export function isDistributed(state: State): boolean {
  const processor = state.ItemProcessor as State | undefined;
  return (processor?.ProcessorConfig as State | undefined)?.Mode === 'DISTRIBUTED';
}

function pick(state: State, fields: readonly string[]): State {
  return Object.fromEntries(fields.filter((f) => f in state).map((f) => [f, state[f]]));
}
