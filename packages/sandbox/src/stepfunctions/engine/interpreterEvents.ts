import type { PreparedDefinition } from './preparedDefinition.js';
import { dataField, type HistoryRecorder } from './historyRecorder.js';
import type { TaskEvents } from './taskEvents.js';

/** An event of aws-local-stepfunctions' event log (the fields the sandbox reads). */
interface InterpreterEvent {
  readonly type: string;
  readonly state?: { readonly name: string; readonly type: string; readonly input: unknown; readonly output?: unknown };
  readonly parentState?: { readonly name: string };
  readonly index?: number;
  readonly Error?: string;
}

/** The attempts of Task states still running, by state name (the oldest first). */
export class OpenTasks {
  private readonly byState = new Map<string, TaskEvents[]>();

  add(stateName: string, events: TaskEvents): void {
    const open = (this.byState.get(stateName) ?? []).filter((e) => e.isOpen);
    this.byState.set(stateName, [...open, events]);
  }

  /** The interpreter timed out an attempt of `stateName`: the oldest still open. */
  timedOut(stateName: string): void {
    this.byState
      .get(stateName)
      ?.find((e) => e.isOpen)
      ?.timedOut();
  }
}

/**
 * Turns the interpreter's event log into AWS history events: `{Type}StateEntered`
 * / `{Type}StateExited` with the state's input and output, Parallel and Map
 * started/succeeded/failed, map iterations. Task attempts record their own
 * events (TaskEvents); a Task the interpreter timed out is told here.
 */
export async function recordInterpreterEvents(
  events: AsyncGenerator<unknown>,
  prepared: PreparedDefinition,
  history: HistoryRecorder,
  open: OpenTasks,
): Promise<void> {
  for await (const raw of events) {
    const event = raw as InterpreterEvent;
    const state = event.state;
    const kind = state && (prepared.states.get(state.name)?.type ?? state.type);
    const type = kind === 'DistributedMap' ? 'Map' : kind;
    switch (event.type) {
      case 'StateEntered':
        history.add(`${type}StateEntered`, {
          stateEnteredEventDetails: { name: state?.name, ...dataField('input', state?.input) },
        });
        if (kind === 'Parallel') history.add('ParallelStateStarted');
        if (kind === 'Map') history.add('MapStateStarted', { mapStateStartedEventDetails: {} });
        break;
      case 'StateExited':
        if (kind === 'Parallel') history.add('ParallelStateSucceeded');
        if (kind === 'Map') history.add('MapStateSucceeded');
        history.add(`${type}StateExited`, {
          stateExitedEventDetails: { name: state?.name, ...dataField('output', state?.output) },
        });
        break;
      case 'StateFailed':
        if (kind === 'Parallel') history.add('ParallelStateFailed');
        if (kind === 'Map') history.add('MapStateFailed');
        if (event.Error === 'States.Timeout' && state) open.timedOut(state.name);
        break;
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        history.add(event.type, {
          [`${event.type[0]?.toLowerCase()}${event.type.slice(1)}EventDetails`]: {
            name: event.parentState?.name,
            index: event.index,
          },
        });
        break;
      default:
        // Execution events are recorded by the engine; retries and catches have no event of their own on AWS.
        break;
    }
  }
}
