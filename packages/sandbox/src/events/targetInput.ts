import type { TargetRecord } from './eventsStore.js';
import type { BusEvent } from './eventBus.js';

/**
 * What a target receives for an event: the event itself (JSON), the target's
 * constant `Input`, the part of the event at `InputPath`, or the
 * `InputTransformer` template filled from its paths (strings as they are,
 * other values as JSON) and the predefined `<aws.events.*>` variables.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
export function targetInput(target: TargetRecord, event: BusEvent, rule: { Name: string; Arn: string }): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) return JSON.stringify(valueAt(event, target.InputPath) ?? null);
  const transformer = target.InputTransformer;
  if (!transformer) return JSON.stringify(event);
  const values: Record<string, unknown> = {
    'aws.events.rule-arn': rule.Arn,
    'aws.events.rule-name': rule.Name,
    'aws.events.event.ingestion-time': event.time,
    'aws.events.event.json': event,
    'aws.events.event': event,
  };
  for (const [name, path] of Object.entries(transformer.InputPathsMap ?? {})) values[name] = valueAt(event, path);
  return transformer.InputTemplate.replace(/<([A-Za-z0-9_.-]+)>/g, (placeholder, name: string) => {
    if (!(name in values)) return placeholder;
    const value = values[name];
    return typeof value === 'string' ? value : JSON.stringify(value ?? null);
  });
}

/** The value at a JSONPath of dots and indexes (`$.detail.requestParameters.tableName`, `$.resources[0]`). */
export function valueAt(root: unknown, path: string): unknown {
  const steps = path.replace(/^\$/, '').match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
  let value: unknown = root;
  for (const step of steps) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step.slice(1);
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
