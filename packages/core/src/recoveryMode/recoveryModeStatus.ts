import { observeHeldResources } from './observeHeldResources.js';
import type { RecoveryModeTarget } from './recoveryModeOutcome.js';
import { recoveryModeSettings } from './recoveryModeSettings.js';
import { snapshotEnvironment } from './snapshotEnvironment.js';
import { loadState } from './stateStore.js';

/**
 * Whether an environment is in recovery mode, since when, by whom, and for
 * each held function and mapping its saved and current setting. A stable
 * JSON contract: `dynamo-dr recovery-mode status --json` prints it.
 */
export interface RecoveryModeStatus {
  readonly environment: string;
  readonly stateParameter: string;
  readonly inRecoveryMode: boolean;
  readonly since?: string;
  readonly by?: string;
  readonly functions: readonly {
    readonly name: string;
    /** Reserved concurrency before recovery mode (null: none); end gives it back. */
    readonly saved: number | null;
    readonly current: number | null | 'gone';
    readonly held: boolean;
  }[];
  readonly mappings: readonly {
    readonly uuid: string;
    readonly functionName: string;
    readonly eventSourceArn: string;
    readonly savedEnabled: boolean;
    readonly currentState: string;
    readonly held: boolean;
  }[];
  /** The environment's functions and mappings that appeared after start and are not held (start again holds them). */
  readonly appearedSinceStart: readonly string[];
  /**
   * Every saved function and mapping that still exists is held (reserved
   * concurrency 0, mapping disabled) and nothing appeared since.
   */
  readonly complete: boolean;
}

/**
 * Reads an environment's recovery-mode status; changes nothing.
 *
 * @example
 * const status = await recoveryModeStatus({ lambda, ssm, config, environment: 'Prod' });
 * if (status.inRecoveryMode && !status.complete) console.error('start did not finish: run it again');
 */
export async function recoveryModeStatus(target: RecoveryModeTarget): Promise<RecoveryModeStatus> {
  const settings = recoveryModeSettings(target.config, target.environment);
  const saved = await loadState(target.ssm, settings.stateParameter);
  const base = { environment: target.environment, stateParameter: settings.stateParameter };
  if (!saved) {
    return { ...base, inRecoveryMode: false, functions: [], mappings: [], appearedSinceStart: [], complete: false };
  }
  const [observed, snapshot] = await Promise.all([
    observeHeldResources(target.lambda, saved),
    snapshotEnvironment(target.lambda, settings),
  ]);
  const names = new Set(saved.functions.map((f) => f.name));
  const uuids = new Set(saved.mappings.map((m) => m.uuid));
  const appearedSinceStart = [
    ...snapshot.functions.filter((f) => !names.has(f.name)).map((f) => `function ${f.name}`),
    ...snapshot.mappings.filter((m) => !uuids.has(m.uuid)).map((m) => `mapping ${m.uuid} (${m.functionName})`),
  ];
  const functions = observed.functions.map((f) => ({
    name: f.name,
    saved: f.reservedConcurrency,
    current: f.current,
    held: f.current === 0,
  }));
  const mappings = observed.mappings.map((m) => ({
    uuid: m.uuid,
    functionName: m.functionName,
    eventSourceArn: m.eventSourceArn,
    savedEnabled: m.enabled,
    currentState: m.current === 'gone' ? 'gone' : m.current.state,
    held: m.current !== 'gone' && !m.current.enabled,
  }));
  const complete =
    appearedSinceStart.length === 0 &&
    functions.every((f) => f.held || f.current === 'gone') &&
    mappings.every((m) => m.held || m.currentState === 'gone');
  return {
    ...base,
    inRecoveryMode: true,
    since: saved.since,
    by: saved.by,
    functions,
    mappings,
    appearedSinceStart,
    complete,
  };
}
