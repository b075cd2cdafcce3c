import { xmlList, type QueryTree } from '../queryProtocol.js';

/**
 * CloudFormation's request parameters with every `member` list as an array
 * (`Parameters.member.1.ParameterKey` -> `{ Parameters: [{ ParameterKey }] }`):
 * its actions read lists of structures everywhere.
 */
export function withLists(tree: QueryTree | string): unknown {
  if (typeof tree === 'string') return tree;
  const keys = Object.keys(tree);
  const members = tree.member;
  if (keys.length === 1 && members && typeof members === 'object') {
    return Object.keys(members)
      .filter((index) => /^[1-9]\d*$/.test(index))
      .sort((a, b) => Number(a) - Number(b))
      .map((index) => withLists(members[index] as QueryTree | string));
  }
  return Object.fromEntries(keys.map((key) => [key, withLists(tree[key] as QueryTree | string)]));
}

/** An action's result for the XML answer: arrays as `<member>` lists, absent members left out. */
export function asQueryXml(value: unknown): unknown {
  if (Array.isArray(value)) return xmlList(value.map(asQueryXml));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, asQueryXml(v)]),
    );
  }
  return value;
}
