import { randomUUID } from 'node:crypto';
import { conflict, validation } from '../lambdaError.js';
import type { LambdaAction } from '../service.js';
import { describeMapping } from './describeMapping.js';

/**
 * CreateEventSourceMapping: 202, `State: Creating`; `Enabled` defaults to
 * true. The source is not polled: the sandbox keeps the mapping's settings.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
export const createEventSourceMapping: LambdaAction = ({ body, region }, store) => {
  const fn = store.findFunction(region, String(body.FunctionName ?? ''));
  const source = body.EventSourceArn;
  if (typeof source !== 'string' || !/^arn:aws[a-zA-Z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:.+$/.test(source)) {
    throw validation('eventSourceArn', source, 'Member must be an event source ARN');
  }
  const mappings = store.region(region).mappings;
  const existing = Object.values(mappings).find(
    (m) => m.EventSourceArn === source && m.FunctionArn === fn.configuration.FunctionArn,
  );
  if (existing) {
    throw conflict(
      `The event source arn (" ${source} ") and function (" ${fn.configuration.FunctionName} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${existing.UUID}`,
    );
  }
  const mapping = {
    UUID: randomUUID(),
    EventSourceArn: source,
    FunctionArn: fn.configuration.FunctionArn,
    BatchSize: typeof body.BatchSize === 'number' ? body.BatchSize : 10,
    enabled: body.Enabled !== false,
    LastModified: Date.now() / 1000,
  };
  mappings[mapping.UUID] = mapping;
  store.save();
  return { status: 202, body: describeMapping(mapping, region, 'Creating') };
};
