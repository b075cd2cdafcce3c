/**
 * A fresh incident id for a command run without `--incident`: the UTC time to the second and a random
 * suffix, in the form restore names accept.
 *
 * @example
 * generatedIncidentId(); // '20260215T093000Z-k3f9'
 */
export function generatedIncidentId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, 'Z');
  return `${stamp}-${Math.random().toString(36).slice(2, 6)}`;
}
