/**
 * Thrown by commands instead of calling `process.exit`: only the entry point
 * turns errors into exit codes (0 ok, 1 failure, 2 bad usage or input).
 */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
    this.name = 'ExitError';
  }
}
