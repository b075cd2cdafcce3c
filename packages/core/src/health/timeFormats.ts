/** UTC to the second. */
export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A duration in its largest sensible unit: "0.4 s", "12 min", "3.5 h", "34.9 days".
 *
 * @example
 * duration(5400); // '1.5 h'
 */
export function duration(seconds: number): string {
  if (seconds < 60) return `${round(seconds)} s`;
  if (seconds < 3600) return `${round(seconds / 60)} min`;
  if (seconds < 86_400) return `${round(seconds / 3600)} h`;
  return `${round(seconds / 86_400)} days`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
