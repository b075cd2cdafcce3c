import { validateRequest } from '../../validateRequest.js';
import { checkBus } from '../eventsStore.js';
import type { EventsAction } from '../service.js';

const RULES = {
  Entries: {
    type: 'List',
    notNull: true,
    lengthGreaterThanOrEqual: 1,
    lengthLessThanOrEqual: 10,
    children: {
      type: 'FieldStruct<PutEventsRequestEntry>',
      children: {
        Time: { type: 'Double' },
        Source: { type: 'String' },
        Resources: { type: 'List', children: 'String' },
        DetailType: { type: 'String' },
        Detail: { type: 'String' },
        EventBusName: { type: 'String' },
        TraceHeader: { type: 'String' },
      },
    },
  },
};

interface Entry {
  Time?: number;
  Source?: string;
  Resources?: string[];
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
}

/**
 * PutEvents: each entry is checked on its own (a bad one fails with its
 * ErrorCode, the others are put); `aws.*` sources are AWS's own.
 * https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
 */
export const putEvents: EventsAction = (request, { bus, region }) => {
  const data = validateRequest(request, RULES);
  const entries = (data.Entries as Entry[]).map((entry) => {
    const problem = entryProblem(entry, region);
    if (problem) return problem;
    const event = bus.put(region, {
      source: entry.Source as string,
      detailType: entry.DetailType as string,
      detail: JSON.parse(entry.Detail as string),
      resources: entry.Resources,
      timeMs: entry.Time === undefined ? undefined : entry.Time * 1000,
    });
    return { EventId: event.id };
  });
  return { FailedEntryCount: entries.filter((e) => 'ErrorCode' in e).length, Entries: entries };
};

function entryProblem(entry: Entry, region: string): { ErrorCode: string; ErrorMessage: string } | undefined {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    if (entry[field] === undefined) {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
      };
    }
  }
  try {
    checkBus(entry.EventBusName, region);
  } catch (error) {
    return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: (error as Error).message };
  }
  if ((entry.Source as string).startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    detail = undefined;
  }
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  return undefined;
}
