import type { QueryTree } from '../queryProtocol.js';

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
