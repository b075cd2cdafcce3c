import { dataField, type HistoryRecorder } from './historyRecorder.js';
import type { TaskFailure } from './taskFailure.js';

/** Which family of history events a Task records. */
export type TaskEventFamily =
  /** A Task whose Resource is a Lambda function ARN: `LambdaFunction*` events. */
  | { readonly kind: 'lambda'; readonly functionArn: string }
  /** A service integration (`arn:aws:states:::service:action`): `Task*` events. */
  | { readonly kind: 'service'; readonly resourceType: string; readonly resource: string; readonly region: string };

/**
 * The history events of one Task state attempt, in AWS's shapes
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html):
 * scheduled, started, (submitted,) then succeeded, failed or timed out. Once
 * the interpreter has timed the attempt out, whatever the call still reports is dropped.
 */
export class TaskEvents {
  private closed = false;
  /** Runs when the interpreter times the attempt out (e.g. to stop a child execution). */
  onTimeout: () => void = () => {};

  constructor(
    private readonly history: HistoryRecorder,
    private readonly family: TaskEventFamily,
    private readonly timeoutInSeconds: number | undefined,
  ) {}

  scheduled(parameters: unknown): void {
    if (this.family.kind === 'lambda') {
      this.add('LambdaFunctionScheduled', {
        resource: this.family.functionArn,
        ...dataField('input', parameters),
        ...(this.timeoutInSeconds !== undefined && { timeoutInSeconds: this.timeoutInSeconds }),
      });
    } else {
      this.add('TaskScheduled', {
        resourceType: this.family.resourceType,
        resource: this.family.resource,
        region: this.family.region,
        parameters: JSON.stringify(parameters),
        ...(this.timeoutInSeconds !== undefined && { timeoutInSeconds: this.timeoutInSeconds }),
      });
    }
  }

  started(): void {
    if (this.family.kind === 'lambda') this.add('LambdaFunctionStarted');
    else this.add('TaskStarted', this.resource());
  }

  /** A `.sync` task's request was accepted; it now waits for the job. */
  submitted(output: unknown): void {
    this.add('TaskSubmitted', { ...this.resource(), ...dataField('output', output) });
  }

  succeeded(output: unknown): void {
    this.add(this.family.kind === 'lambda' ? 'LambdaFunctionSucceeded' : 'TaskSucceeded', {
      ...this.resource(),
      ...dataField('output', output),
    });
    this.closed = true;
  }

  /** Records the failure and returns it, for `throw events.failed(...)`. */
  failed(failure: TaskFailure): TaskFailure {
    this.add(this.family.kind === 'lambda' ? 'LambdaFunctionFailed' : 'TaskFailed', {
      ...this.resource(),
      error: failure.name,
      cause: failure.message,
    });
    this.closed = true;
    return failure;
  }

  /** The interpreter timed the attempt out (`States.Timeout`). */
  timedOut(): void {
    if (this.closed) return;
    this.add(this.family.kind === 'lambda' ? 'LambdaFunctionTimedOut' : 'TaskTimedOut', {
      ...this.resource(),
      error: 'States.Timeout',
    });
    this.closed = true;
    this.onTimeout();
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  private resource(): Record<string, unknown> {
    return this.family.kind === 'lambda'
      ? {}
      : { resourceType: this.family.resourceType, resource: this.family.resource };
  }

  private add(type: string, details?: Record<string, unknown>): void {
    if (this.closed) return;
    const key = `${type[0]?.toLowerCase()}${type.slice(1)}EventDetails`;
    this.history.add(type, details ? { [key]: details } : {});
  }
}
