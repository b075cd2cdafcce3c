const cache = new Map<string, RegExp>();

/**
 * Whether `value` matches an IAM pattern where `*` is any run of characters and `?` any one character
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). Action
 * names compare case-insensitively, resource ARNs case-sensitively.
 */
export function matchesWildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === '*') return true;
  const key = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = cache.get(key);
  if (!regex) {
    const source = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    cache.set(key, regex);
  }
  return regex.test(value);
}
