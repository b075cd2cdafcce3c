import type { ExecutionRecord } from '../stepFunctionsStore.js';

/** JSON text and its `…Details` companion, as history events carry data. */
export function dataField(key: 'input' | 'output', value: unknown): Record<string, unknown> {
  return { [key]: JSON.stringify(value ?? null), [`${key}Details`]: { truncated: false } };
}

/**
 * Appends AWS-shaped events to an execution's history
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html):
 * ids count from 1, each event's `previousEventId` is the event before it,
 * timestamps are epoch seconds. Nothing is added after the closing event.
 */
export class HistoryRecorder {
  private closed = false;

  constructor(
    private readonly execution: ExecutionRecord,
    private readonly changed: () => void,
  ) {}

  add(type: string, details: Record<string, unknown> = {}): void {
    if (this.closed) return;
    const history = this.execution.history;
    const previous = history.at(-1)?.id ?? 0;
    history.push({ id: previous + 1, previousEventId: previous, timestamp: Date.now() / 1000, type, ...details });
    this.changed();
  }

  /** After the execution's last event (succeeded, failed, timed out, aborted). */
  close(): void {
    this.closed = true;
  }
}
