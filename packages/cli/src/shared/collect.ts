/** Commander's argument parser for a repeatable option: every value given, in order. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
