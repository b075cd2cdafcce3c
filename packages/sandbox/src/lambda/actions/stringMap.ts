import { validation } from '../lambdaError.js';

/** A request's tag map, checked to hold only strings. */
export function stringMap(value: unknown, member: string): Record<string, string> {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Object.values(value).some((v) => typeof v !== 'string')) {
    throw validation(member, JSON.stringify(value), 'Member must be a map of strings');
  }
  return { ...(value as Record<string, string>) };
}
