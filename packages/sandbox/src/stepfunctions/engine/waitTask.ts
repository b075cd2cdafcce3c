import { evaluatePath } from './evaluateTemplate.js';
import type { TaskCall } from './taskCall.js';
import { TaskFailure } from './taskFailure.js';

/**
 * A Wait state (run by the sandbox, see prepareDefinition): Seconds,
 * SecondsPath, Timestamp or TimestampPath, the pause multiplied by the
 * sandbox's `timeScale`. Its output is its input.
 */
export async function runWaitTask(call: TaskCall, input: unknown): Promise<unknown> {
  const state = call.state;
  let ms: number;
  if (typeof state.Seconds === 'number') ms = state.Seconds * 1000;
  else if (typeof state.SecondsPath === 'string') {
    const seconds = await evaluatePath(state.SecondsPath, input, call.context);
    if (!Number.isInteger(seconds) || (seconds as number) < 0) {
      throw new TaskFailure(
        'States.Runtime',
        `SecondsPath ${state.SecondsPath} gave ${JSON.stringify(seconds)}, not a whole number ≥ 0.`,
      );
    }
    ms = (seconds as number) * 1000;
  } else {
    const timestamp =
      typeof state.TimestampPath === 'string'
        ? await evaluatePath(state.TimestampPath, input, call.context)
        : state.Timestamp;
    const at = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
    if (Number.isNaN(at))
      throw new TaskFailure('States.Runtime', `The Wait's timestamp ${JSON.stringify(timestamp)} is not a date.`);
    ms = Math.max(0, at - Date.now());
  }
  await sleep(ms * call.timeScale, call.signal);
  return input;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
