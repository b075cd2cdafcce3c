import { InputError } from '../errors.js';
import type { EngineContext } from './engineContext.js';

/**
 * The pacing a segment call ended with, as plain JSON: handed to the next
 * call of the same segment, it starts where this one left off instead of
 * unpaced. Only writes adapt (reads are paced by their cap alone), so only
 * the destination's write pace travels.
 */
export interface SegmentPace {
  /** Write capacity units per second to start the destination at; absent while nothing was learned (unpaced). */
  readonly writeUnitsPerSecond?: number;
}

/** Sets the destination's write pace from an earlier call's, if any. */
export function resumePace(ctx: EngineContext, destination: string | undefined, pace: SegmentPace | undefined): void {
  if (destination && pace?.writeUnitsPerSecond !== undefined) {
    ctx.writeRate(destination).continueFrom(pace.writeUnitsPerSecond);
  }
}

/** The destination's write pace to hand to the next call; `undefined` when there is none to hand on. */
export function currentPace(ctx: EngineContext, destination: string | undefined): SegmentPace | undefined {
  const writeUnitsPerSecond = destination === undefined ? undefined : ctx.writeRate(destination).pace;
  return writeUnitsPerSecond === undefined ? undefined : { writeUnitsPerSecond };
}

/** Refuses a `pace` that is not one a segment result gave. */
export function validateSegmentPace(pace: unknown): void {
  if (pace === undefined) return;
  const value = (pace as SegmentPace | null)?.writeUnitsPerSecond;
  const extra = pace && typeof pace === 'object' ? Object.keys(pace).filter((k) => k !== 'writeUnitsPerSecond') : [];
  if (!pace || typeof pace !== 'object' || extra.length) {
    throw new InputError(
      'pace',
      pace,
      'is not a segment pace',
      'Pass back the `pace` of the previous result, or leave it out.',
    );
  }
  if (value !== undefined && !(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new InputError(
      'pace.writeUnitsPerSecond',
      value,
      'is not a positive number of capacity units per second',
      'Pass back the `pace` of the previous result, or leave it out.',
    );
  }
}
