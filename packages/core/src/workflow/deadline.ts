import { DeadlineExceededError } from '../errors.js';

/** Throws {@link DeadlineExceededError} when `deadline` has passed while waiting for `what`. */
export function assertBeforeDeadline(deadline: string, what: string): void {
  if (Date.now() <= Date.parse(deadline)) return;
  throw new DeadlineExceededError(`Gave up waiting for ${what} at the deadline ${deadline}.`, {
    hint: 'Check the operation in the AWS console; run the same command again (same incident id) to continue waiting.',
  });
}
