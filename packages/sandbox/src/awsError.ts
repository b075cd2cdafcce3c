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

/**
 * AWS's text for a request member that breaks a constraint of the service's model, the same in every service:
 * "1 validation error detected: Value 'x' at 'member' failed to satisfy constraint: Member must …".
 */
export function constraintViolation(member: string, value: unknown, constraint: string): string {
  const shown = value === undefined ? 'null' : `'${String(value)}'`;
  return `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`;
}
