/**
 * An error the sandbox returns to a client in AWS's JSON protocol shape.
 * `type` is AWS's exception name (e.g. `ResourceNotFoundException`); the
 * `__type` prefix is added per service when it is serialised.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

/** AWS's `ValidationException`, the error for a malformed request. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message);
}
