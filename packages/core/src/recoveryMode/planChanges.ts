import type { Observation } from './observeHeldResources.js';

/** One setting to change: a function's reserved concurrency (null: none) or a mapping's enabled flag. */
export type PlannedChange =
  | {
      readonly resource: 'function';
      readonly name: string;
      readonly from: number | null;
      readonly to: number | null;
    }
  | {
      readonly resource: 'mapping';
      /** The mapping's UUID. */
      readonly name: string;
      readonly functionName: string;
      readonly eventSourceArn: string;
      readonly from: boolean;
      readonly to: boolean;
    };

/** What a run would do: the changes in the order to make them, what is already right, what no longer exists. */
export interface ChangePlan {
  readonly changes: readonly PlannedChange[];
  readonly unchanged: readonly string[];
  readonly gone: readonly string[];
}

/**
 * The changes that hold (`held`: concurrency 0, mappings disabled) or give
 * back (`restored`: what was saved) everything observed. Holding disables
 * mappings before throttling, so pollers stop before their function refuses
 * their batches; restoring unthrottles before re-enabling for the same reason
 * (queued messages would otherwise fail and may land in a dead-letter queue).
 */
export function planChanges(observation: Observation, target: 'held' | 'restored'): ChangePlan {
  const functionChanges: PlannedChange[] = [];
  const mappingChanges: PlannedChange[] = [];
  const unchanged: string[] = [];
  const gone: string[] = [];
  for (const fn of observation.functions) {
    const want = target === 'held' ? 0 : fn.reservedConcurrency;
    if (fn.current === 'gone') gone.push(`function ${fn.name}`);
    else if (fn.current === want) unchanged.push(`function ${fn.name}`);
    else functionChanges.push({ resource: 'function', name: fn.name, from: fn.current, to: want });
  }
  for (const m of observation.mappings) {
    const want = target === 'held' ? false : m.enabled;
    const label = `mapping ${m.uuid} (${m.functionName})`;
    if (m.current === 'gone') gone.push(label);
    else if (m.current.enabled === want) unchanged.push(label);
    else {
      mappingChanges.push({
        resource: 'mapping',
        name: m.uuid,
        functionName: m.functionName,
        eventSourceArn: m.eventSourceArn,
        from: m.current.enabled,
        to: want,
      });
    }
  }
  const changes = target === 'held' ? [...mappingChanges, ...functionChanges] : [...functionChanges, ...mappingChanges];
  return { changes, unchanged, gone };
}

/**
 * A change in words: `function Prod-Api: reserved concurrency 25 -> 0`.
 *
 * @example
 * plan.changes.map(describeChange); // ['function Prod-Api: reserved concurrency 25 -> 0']
 */
export function describeChange(change: PlannedChange): string {
  if (change.resource === 'function') {
    const show = (v: number | null) => (v === null ? 'none' : String(v));
    return `function ${change.name}: reserved concurrency ${show(change.from)} -> ${show(change.to)}`;
  }
  return `mapping ${change.name} (${change.functionName} <- ${change.eventSourceArn}): ${change.to ? 'enable' : 'disable'}`;
}
