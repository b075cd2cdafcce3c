/**
 * A Task state's failure as Retry, Catch and the execution see it: `name` is
 * the ASL error name (matched by `ErrorEquals`), `message` the cause.
 */
export class TaskFailure extends Error {
  constructor(error: string, cause: string) {
    super(cause);
    this.name = error;
  }
}

/**
 * A service integration's call refused by the service (an AWS SDK exception)
 * or never answered, named by `errorName(exceptionName)` with a cause in the
 * shape Step Functions writes (message, then service, status, code, request id);
 * an unreachable service is `${prefix}.SdkClientException`.
 */
export function serviceFailure(
  error: unknown,
  prefix: string,
  errorName: (exceptionName: string) => string,
): TaskFailure {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const status = e.$metadata?.httpStatusCode;
  if (!status) {
    return new TaskFailure(
      `${prefix}.SdkClientException`,
      `Unable to execute HTTP request: ${e.message ?? String(error)}`,
    );
  }
  const code = e.name ?? 'UnknownError';
  return new TaskFailure(
    errorName(code),
    `${e.message} (Service: ${prefix}, Status Code: ${status}, Error Code: ${code}, Request ID: ${e.$metadata?.requestId ?? 'none'})`,
  );
}
