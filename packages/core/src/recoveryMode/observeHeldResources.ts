import type { LambdaClient } from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import { getMappingState, getReservedConcurrency, isGone } from './lambdaControls.js';
import type { HeldFunction, HeldMapping, SavedState } from './savedState.js';

/** A held function now: `current` is its reserved concurrency (null: none), or `gone`. */
export interface ObservedFunction extends HeldFunction {
  readonly current: number | null | 'gone';
}

/** A held mapping now: `current` is its state (Enabled, Disabling...), or `gone`. */
export interface ObservedMapping extends HeldMapping {
  readonly current: { readonly enabled: boolean; readonly state: string } | 'gone';
}

export interface Observation {
  readonly functions: readonly ObservedFunction[];
  readonly mappings: readonly ObservedMapping[];
}

/** Reads the current settings of everything a saved state holds. */
export async function observeHeldResources(
  lambda: LambdaClient,
  state: Pick<SavedState, 'functions' | 'mappings'>,
): Promise<Observation> {
  const limit = pLimit(4);
  const orGone = <T>(read: () => Promise<T>) =>
    limit(() =>
      read().catch((error: unknown) => {
        if (isGone(error)) return 'gone' as const;
        throw error;
      }),
    );
  const [functions, mappings] = await Promise.all([
    Promise.all(
      state.functions.map(async (fn) => ({
        ...fn,
        current: await orGone(() => getReservedConcurrency(lambda, fn.name)),
      })),
    ),
    Promise.all(
      state.mappings.map(async (m) => ({ ...m, current: await orGone(() => getMappingState(lambda, m.uuid)) })),
    ),
  ]);
  return { functions, mappings };
}
