import type { LambdaClient } from '@aws-sdk/client-lambda';
import pLimit from 'p-limit';
import { getFunctionSettings, isGone, listFunctionNames, listMappings } from './lambdaControls.js';
import { selectionOf, type RecoveryModeSettings } from './recoveryModeSettings.js';
import type { HeldFunction, HeldMapping } from './savedState.js';

/** What recovery mode would hold in an environment now, and the recovery functions it leaves running. */
export interface EnvironmentSnapshot {
  readonly functions: readonly HeldFunction[];
  readonly mappings: readonly HeldMapping[];
  readonly recoveryFunctions: readonly string[];
}

/** Lambda's control plane throttles bursts; a few calls at a time is plenty. */
const PARALLEL_CALLS = 4;

/**
 * Reads the environment's functions (by name prefix and tags), their reserved
 * concurrency and their event source mappings, as they are now.
 */
export async function snapshotEnvironment(
  lambda: LambdaClient,
  settings: RecoveryModeSettings,
): Promise<EnvironmentSnapshot> {
  const limit = pLimit(PARALLEL_CALLS);
  const prefix = settings.functionNamePrefix;
  const candidates = (await listFunctionNames(lambda)).filter(
    (name) => prefix === undefined || name.startsWith(prefix),
  );
  const described = await Promise.all(
    candidates.map((name) =>
      limit(() =>
        getFunctionSettings(lambda, name).catch((error: unknown) => {
          // Deleted between the listing and now: nothing to hold.
          if (isGone(error)) return undefined;
          throw error;
        }),
      ),
    ),
  );
  const functions: HeldFunction[] = [];
  const recoveryFunctions: string[] = [];
  for (const fn of described) {
    if (!fn) continue;
    const selection = selectionOf(settings, fn.name, fn.tags);
    if (selection === 'recovery') recoveryFunctions.push(fn.name);
    if (selection === 'held')
      functions.push({ name: fn.name, arn: fn.arn, reservedConcurrency: fn.reservedConcurrency });
  }
  const mappingLists = await Promise.all(functions.map((fn) => limit(() => listMappings(lambda, fn.arn))));
  const mappings = mappingLists.flatMap((list, i) =>
    list.map((m) => ({
      uuid: m.uuid,
      functionName: functions[i]?.name ?? m.functionArn,
      eventSourceArn: m.eventSourceArn,
      enabled: m.enabled,
    })),
  );
  return { functions, mappings, recoveryFunctions };
}
